using Optimize.Advisors.Estimation;
using Optimize.Advisors.VirtualMachine;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Pricing;
using Optimize.Recommendations;

namespace Optimize.Advisors.ScaleSet;

/// <summary>
/// Right-sizes a VM scale set, capacity before SKU (see <see cref="FleetSizer"/>): demand is cpu% × vCPU ×
/// instances; down first finds the smallest instance count that carries it on the current SKU, then, at that
/// count, a cheaper compatible SKU (same rules as <see cref="VmSizeAdvisor.Compatible"/>) only when it still fits.
/// The count never goes below 2 when it is 2 or more today (availability across fault domains), else 1. Hot scale
/// sets get more instances (up to the SKU's maximum capacity) before a larger SKU. Scale sets price from the VM
/// meter of their size. A scale set whose capacity an enabled autoscale setting controls (<see cref="ResourceRef.AutoscaledBy"/>)
/// keeps its count: only the SKU may change (<see cref="AutoscalePin"/>).
/// </summary>
public sealed class ScaleSetAdvisor : Advisor<ScaleSetConfig>
{
    /// <inheritdoc />
    public override ResourceKind Kind => ResourceKind.ScaleSet;

    /// <inheritdoc />
    public override IReadOnlyList<string> RequiredMetrics { get; } = [MetricNames.Cpu, MetricNames.Memory];

    /// <summary>Largest capacity when the catalog gives none (a scale set's limit with a platform image).</summary>
    public const int DefaultMaxCapacity = 1000;

    /// <inheritdoc />
    protected override Advice Advise(InventoryItem item, ScaleSetConfig config, ResourceSummary summary, AdvisorContext context)
    {
        var current = context.Catalog.Find(ResourceKind.VirtualMachine, config.Sku);
        if (current is null)
        {
            return Advice.NoChange(item.Resource, SkipReasons.UnknownSku(config.Sku));
        }

        if (config.Capacity < 1)
        {
            return Advice.NoChange(item.Resource, SkipReasons.RightSized("capacity 0 (deallocated): nothing to size"));
        }

        var region = item.Resource.Location;
        var ladder = VmSizeAdvisor.Compatible(current, context.Catalog.Candidates(ResourceKind.VirtualMachine, region));
        var (min, max) = AutoscalePin.Range(item.Resource, config.Capacity, MinimumCapacity(config.Capacity),
            Math.Max(config.Capacity, current.MaxWorkers > 0 ? current.MaxWorkers : DefaultMaxCapacity));
        var request = new SizingRequest(
            item, summary, context, context.Policy.Kinds.ScaleSet, new FleetOption(current, config.Capacity), min, max, ladder, RequiredMetrics,
            o => context.Prices.Find(new PriceKey(ResourceKind.VirtualMachine, o.Sku.Name, region, item.Resource.Os)) is { } p ? Savings.MonthlyHourly(p, o.Count) : null,
            o => new ScaleSetConfig(o.Sku.Name, o.Count),
            "instances");
        return AutoscalePin.Note(item.Resource, SizingFlow.ToAdvice(request, SizingFlow.Evaluate(request)));
    }

    /// <summary>The lowest capacity a step down may reach: 2 when the current is 2 or more (availability), else 1.</summary>
    public static int MinimumCapacity(int current) => current >= 2 ? 2 : 1;
}
