using Optimize.Advisors.Estimation;
using Optimize.Catalog;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Pricing;
using Optimize.Recommendations;

namespace Optimize.Advisors.VirtualMachine;

/// <summary>
/// Right-sizes a VM within its compatibility class, kept strict: the same <see cref="SkuSpec.Family"/>; premium
/// storage and accelerated networking kept when the current size has them; at least one Hyper-V generation in
/// common. Demand is cpu% × vCPU and memory% × GB at the policy's protected statistic; the cheapest compatible size
/// whose projection is within target (and whose projected max stays ≤ 100%) wins; a hot VM goes to the smallest
/// larger size that brings it under target. Steps down are split so each removes at most the policy's maximum share
/// of vCPU.
/// </summary>
public sealed class VmSizeAdvisor : Advisor<VmConfig>
{
    /// <inheritdoc />
    public override ResourceKind Kind => ResourceKind.VirtualMachine;

    /// <inheritdoc />
    public override IReadOnlyList<string> RequiredMetrics { get; } = [MetricNames.Cpu, MetricNames.Memory];

    /// <inheritdoc />
    protected override Advice Advise(InventoryItem item, VmConfig config, ResourceSummary summary, AdvisorContext context)
    {
        var current = context.Catalog.Find(ResourceKind.VirtualMachine, config.Size);
        if (current is null)
        {
            return Advice.NoChange(item.Resource, SkipReasons.UnknownSku(config.Size));
        }

        var region = item.Resource.Location;
        var ladder = Compatible(current, context.Catalog.Candidates(ResourceKind.VirtualMachine, region));
        var request = new SizingRequest(
            item, summary, context, context.Policy.Kinds.VirtualMachine, new FleetOption(current, 1), 1, 1, ladder, RequiredMetrics,
            o => context.Prices.Find(new PriceKey(ResourceKind.VirtualMachine, o.Sku.Name, region, item.Resource.Os)) is { } p ? Savings.MonthlyHourly(p, o.Count) : null,
            o => new VmConfig(o.Sku.Name),
            string.Empty);
        return SizingFlow.ToAdvice(request, SizingFlow.Evaluate(request));
    }

    /// <summary>
    /// Sizes <paramref name="current"/> may be swapped with: same family, premium storage and accelerated networking
    /// kept when present, a Hyper-V generation in common. Smallest first.
    /// </summary>
    public static IReadOnlyList<SkuSpec> Compatible(SkuSpec current, IEnumerable<SkuSpec> candidates)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(candidates);
        var generations = Generations(current);
        return
        [
            .. candidates.Where(c =>
                string.Equals(c.Family, current.Family, StringComparison.OrdinalIgnoreCase)
                && (!current.PremiumIo || c.PremiumIo)
                && (!current.AcceleratedNetworking || c.AcceleratedNetworking)
                && Generations(c).Overlaps(generations)),
        ];
    }

    private static HashSet<string> Generations(SkuSpec s) =>
        new(s.HyperVGenerations.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
}
