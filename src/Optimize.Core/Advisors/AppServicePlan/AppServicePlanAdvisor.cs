using Optimize.Advisors.Estimation;
using Optimize.Catalog;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Pricing;
using Optimize.Recommendations;

namespace Optimize.Advisors.AppServicePlan;

/// <summary>
/// Right-sizes an App Service plan, workers before SKU (see <see cref="FleetSizer"/>). The SKU only moves within its
/// family (B ↔ B, S ↔ S, Pv3 ↔ Pv3, Pmv3 ↔ Pmv3), so a plan never leaves its tier and loses features (never
/// Premium → Basic). Workers stay between 1 and the SKU's maximum, and never drop below 2 when 2 or more today
/// (zone redundancy and instance-level availability). A plan whose workers an enabled autoscale setting controls
/// (<see cref="ResourceRef.AutoscaledBy"/>) keeps its count: only the SKU may change (<see cref="AutoscalePin"/>).
/// </summary>
public sealed class AppServicePlanAdvisor : Advisor<AppServicePlanConfig>
{
    /// <inheritdoc />
    public override ResourceKind Kind => ResourceKind.AppServicePlan;

    /// <inheritdoc />
    public override IReadOnlyList<string> RequiredMetrics { get; } = [MetricNames.Cpu, MetricNames.Memory];

    /// <inheritdoc />
    protected override Advice Advise(InventoryItem item, AppServicePlanConfig config, ResourceSummary summary, AdvisorContext context)
    {
        var current = context.Catalog.Find(ResourceKind.AppServicePlan, config.Sku);
        if (current is null)
        {
            return Advice.NoChange(item.Resource, SkipReasons.UnknownSku(config.Sku));
        }

        if (config.Workers < 1)
        {
            return Advice.NoChange(item.Resource, SkipReasons.RightSized("no workers: nothing to size"));
        }

        var region = item.Resource.Location;
        var ladder = Compatible(current, context.Catalog.Candidates(ResourceKind.AppServicePlan, region));
        var (min, max) = AutoscalePin.Range(item.Resource, config.Workers, MinimumWorkers(config.Workers),
            Math.Max(config.Workers, current.MaxWorkers > 0 ? current.MaxWorkers : config.Workers));
        var request = new SizingRequest(
            item, summary, context, context.Policy.Kinds.AppServicePlan, new FleetOption(current, config.Workers), min, max, ladder, RequiredMetrics,
            o => context.Prices.Find(new PriceKey(ResourceKind.AppServicePlan, o.Sku.Name, region, item.Resource.Os)) is { } p ? Savings.MonthlyHourly(p, o.Count) : null,
            o => new AppServicePlanConfig(o.Sku.Name, o.Count),
            "workers");
        return AutoscalePin.Note(item.Resource, SizingFlow.ToAdvice(request, SizingFlow.Evaluate(request)));
    }

    /// <summary>SKUs of the same family as <paramref name="current"/>, smallest first.</summary>
    public static IReadOnlyList<SkuSpec> Compatible(SkuSpec current, IEnumerable<SkuSpec> candidates)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(candidates);
        return [.. candidates.Where(c => string.Equals(c.Family, current.Family, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>The fewest workers a step down may reach: 2 when the current is 2 or more, else 1.</summary>
    public static int MinimumWorkers(int current) => current >= 2 ? 2 : 1;
}
