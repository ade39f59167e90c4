using Optimize.Advisors.Estimation;
using Optimize.Catalog;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Pricing;
using Optimize.Recommendations;
using static Optimize.Advisors.Estimation.EvidenceList;

namespace Optimize.Advisors.FunctionApp;

/// <summary>
/// Flex Consumption: instance memory among the catalog's FC sizes (512 / 2048 / 4096 MB) and the maximum instance
/// count. Per-instance demand is memory% × current MB and cpu% × current vCPU at the protected statistic (p99 by
/// default); the smallest size projecting within target wins. The maximum instance count is only ever raised (Up),
/// when the observed instance max reached it; a maximum far above use costs nothing on Flex and is kept.
/// Cost = GB × mean instances × 730 h × 3600 s × the on-demand GB-second price (an upper bound: Flex bills
/// execution time only).
/// </summary>
public sealed class FunctionAppAdvisor : Advisor<FunctionAppConfig>
{
    /// <summary>Highest maximum instance count Flex Consumption allows.</summary>
    public const int MaximumInstanceLimit = 1000;

    /// <inheritdoc />
    public override ResourceKind Kind => ResourceKind.FunctionApp;

    /// <inheritdoc />
    public override IReadOnlyList<string> RequiredMetrics { get; } = [MetricNames.Memory, MetricNames.Cpu, MetricNames.Instances];

    /// <inheritdoc />
    protected override Advice Advise(InventoryItem item, FunctionAppConfig config, ResourceSummary summary, AdvisorContext context)
    {
        var sizeName = BuiltInSkus.FlexSizeName(config.InstanceMemoryMb);
        var current = context.Catalog.Find(ResourceKind.FunctionApp, sizeName);
        if (current is null)
        {
            return Advice.NoChange(item.Resource, SkipReasons.UnknownSku(sizeName));
        }

        var region = item.Resource.Location;
        var instances = summary.Get(MetricNames.Instances);
        var meanInstances = double.IsNaN(instances.Mean) ? 0 : instances.Mean;
        var price = context.Prices.Find(new PriceKey(ResourceKind.FunctionApp, PriceSkus.FlexConsumptionGbSecond, region));
        var request = new SizingRequest(
            item, summary, context, context.Policy.Kinds.FunctionApp, new FleetOption(current, 1), 1, 1,
            context.Catalog.Candidates(ResourceKind.FunctionApp, region), RequiredMetrics,
            o => price is null ? null : Savings.MonthlyGbSeconds(price, o.Sku.MemoryGb, meanInstances),
            o => config with { InstanceMemoryMb = MemoryMb(o.Sku) },
            string.Empty);
        var outcome = SizingFlow.Evaluate(request);
        if (outcome.Skip is not null)
        {
            return outcome.Skip;
        }

        outcome.Evidence.Add("instances.mean", meanInstances, "instances").Add("instances.max", instances.Max, "instances")
            .Add("maximum.instance.count", config.MaximumInstanceCount, "instances");
        if (instances.Max + 1e-9 < config.MaximumInstanceCount || config.MaximumInstanceCount >= MaximumInstanceLimit)
        {
            return SizingFlow.ToAdvice(request, outcome);
        }

        return RaiseMaximum(request, outcome, config, current, price);
    }

    /// <summary>The new maximum when the cap was hit: 1.5 × current, at least +1, at most 1000. 40 → 60; 700 → 1000.</summary>
    public static int RaisedMaximum(int current) => Math.Min(MaximumInstanceLimit, Math.Max(current + 1, (int)Math.Ceiling(current * 1.5)));

    private static int MemoryMb(SkuSpec sku) => (int)Math.Round(sku.MemoryGb * 1024);

    private static Advice RaiseMaximum(SizingRequest request, SizingOutcome outcome, FunctionAppConfig config, SkuSpec current, Price? price)
    {
        // The cap was hit: raise it (Up). If the size is also hot, take the larger size in the same change.
        var size = outcome.Decision is { Verdict: FleetVerdict.Up } up ? up.Target.Sku : current;
        var target = new FunctionAppConfig(MemoryMb(size), RaisedMaximum(config.MaximumInstanceCount));
        var currency = request.Context.Policy.Savings.Currency;
        decimal savings = 0;
        if (price is not null)
        {
            var before = request.MonthlyCost(request.Current)!.Value;
            var after = request.MonthlyCost(new FleetOption(size, 1))!.Value;
            savings = Savings.Round(before - after);
        }

        outcome.Evidence.Add("maximum.instance.target", target.MaximumInstanceCount, "instances").Add("savings", savings, $"{currency}/month");
        var rationale = $"instances max {F(request.Summary.Get(MetricNames.Instances).Max)} reached the maximum instance count {config.MaximumInstanceCount}; "
            + $"raise it to {target.MaximumInstanceCount} ({target.InstanceMemoryMb} MB instances), {SizingFlow.Money(savings, currency)} (extra instances bill only when used).";
        return Advice.Recommend(new Recommendation(
            request.Item.Resource, config, target, Direction.Up, rationale, outcome.Evidence.ToList(), savings, currency, [target]));
    }
}
