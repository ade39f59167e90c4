using Optimize.Advisors.Estimation;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Pricing;
using Optimize.Recommendations;
using static Optimize.Advisors.Estimation.EvidenceList;

namespace Optimize.Advisors.Autoscale;

/// <summary>
/// Tunes an autoscale setting from its own metrics (<c>instances</c>: the observed capacity; <c>cpu</c>: the rule's
/// metric). In order of precedence:
/// <list type="number">
/// <item>Maximum hit with cpu above scale-up → raise the maximum (Up).</item>
/// <item>Flapping → lower the scale-in threshold (Retune); see <see cref="AutoscaleRules.Flaps"/>.</item>
/// <item>Minimum too high → lower the minimum (Down); see <see cref="AutoscaleRules.LowerMinimum"/>.</item>
/// </list>
/// Savings are priced from the scaled resource (plan or scale set) found in <see cref="AdvisorContext.Inventory"/>;
/// an unknown target prices at 0 with a <c>target.unknown</c> evidence item.
/// </summary>
public sealed class AutoscaleAdvisor : Advisor<AutoscaleConfig>
{
    /// <inheritdoc />
    public override ResourceKind Kind => ResourceKind.AutoscaleSetting;

    /// <inheritdoc />
    public override IReadOnlyList<string> RequiredMetrics { get; } = [MetricNames.Instances, MetricNames.Cpu];

    /// <inheritdoc />
    protected override Advice Advise(InventoryItem item, AutoscaleConfig config, ResourceSummary summary, AdvisorContext context)
    {
        var resource = item.Resource;
        if (DataGate.NoData(summary, RequiredMetrics) is { } noData)
        {
            return Advice.NoChange(resource, noData);
        }

        var policy = context.Policy.Kinds.AutoscaleSetting;
        var stat = policy.ProtectPercentile;
        var instances = summary.Get(MetricNames.Instances);
        var cpu = summary.Get(MetricNames.Cpu);
        var cpuStat = cpu.Get(stat);
        var evidence = new EvidenceList()
            .Add("instances.p50", instances.P50, "instances").Add("instances.max", instances.Max, "instances")
            .Add($"cpu.{stat}", cpuStat, "%").Add("coverage.instances", instances.Coverage, "ratio").Add("coverage.cpu", cpu.Coverage, "ratio");
        var hot = instances.Max + 1e-9 >= config.Maximum && cpuStat > policy.ScaleUpCpuPercent;
        var minimum = context.Policy.Data.MinimumCoverage * (hot ? 0.5 : 1.0);
        if (DataGate.Coverage(summary, RequiredMetrics, minimum) is { } coverage)
        {
            return Advice.NoChange(resource, coverage, evidence.ToList());
        }

        var perInstance = MonthlyPerInstance(config, context, evidence);
        var currency = context.Policy.Savings.Currency;
        if (hot)
        {
            var newMax = AutoscaleRules.RaisedMaximum(config.Maximum, cpuStat, policy.TargetCpuPercent);
            var target = config with { Maximum = newMax };
            var savings = perInstance is { } p ? Savings.Round(-(newMax - config.Maximum) * p) : 0m;
            evidence.Add("maximum.target", newMax, "instances").Add("savings", savings, $"{currency}/month");
            var why = $"instances reached the maximum {config.Maximum} with cpu {stat} {F(cpuStat, "0.#")}% > {F(policy.ScaleUpCpuPercent)}%; "
                + $"{F(cpuStat, "0.#")}% × {config.Maximum} / {F(policy.TargetCpuPercent)}% → maximum {newMax}, worst-case cost {M(-savings)} {currency}/month.";
            return Recommend(item, config, target, Direction.Up, why, evidence, savings, currency, [target]);
        }

        var days = DataGate.ShortestHistory(summary, RequiredMetrics).TotalDays;
        var perDay = instances.Transitions / Math.Max(days, 1.0 / 24);
        var n = Math.Max(2, (int)Math.Round(instances.P50, MidpointRounding.AwayFromZero));
        evidence.Add("transitions.per.day", perDay, "per day").Add("typical.instances", n, "instances")
            .Add("scale-in.after.percent", AutoscaleRules.AfterScaleIn(config.ScaleInCpuPercent, n), "%");
        if (AutoscaleRules.Flaps(perDay, config.ScaleInCpuPercent, config.ScaleOutCpuPercent, n))
        {
            return Retune(item, config, evidence, perDay, n, currency);
        }

        var multiplier = DemandEstimator.ConfidenceMultiplier(TimeSpan.FromDays(days));
        evidence.Add("confidence.multiplier", multiplier, "x");
        // "At the minimum" allows for the summary's quantile error: a p50 of exactly 5 instances may read up to 5.04.
        if (instances.P50 <= config.Minimum * (1 + LogLinearHistogram.RelativeError) + 1e-9
            && AutoscaleRules.LowerMinimum(config.Minimum, cpuStat * multiplier, policy.TargetCpuPercent) is { } newMin)
        {
            return LowerMinimum(item, config, policy, evidence, perInstance, newMin, cpuStat, multiplier, currency);
        }

        return Advice.NoChange(resource, SkipReasons.RightSized(
            $"instances p50 {F(instances.P50)} (minimum {config.Minimum}), {F(perDay, "0.#")} transitions/day, cpu {stat} {F(cpuStat, "0.#")}%"), evidence.ToList());
    }

    private static Advice Retune(InventoryItem item, AutoscaleConfig config, EvidenceList evidence, double perDay, int n, string currency)
    {
        var newIn = AutoscaleRules.RetunedScaleIn(config.ScaleOutCpuPercent, n);
        if (newIn < 1)
        {
            return Advice.NoChange(item.Resource, SkipReasons.NoCandidate($"scale-out {F(config.ScaleOutCpuPercent)}% leaves no room for a scale-in threshold at {n} instances"), evidence.ToList());
        }

        var target = config with { ScaleInCpuPercent = newIn };
        evidence.Add("scale-in.target.percent", newIn, "%").Add("scale-in.target.after.percent", AutoscaleRules.AfterScaleIn(newIn, n), "%").Add("savings", 0, $"{currency}/month");
        var why = $"{F(perDay, "0.#")} capacity changes/day > {F(AutoscaleRules.FlappingPerDay)}: scale-in at {F(config.ScaleInCpuPercent)}% × {n}/{n - 1} = "
            + $"{F(AutoscaleRules.AfterScaleIn(config.ScaleInCpuPercent, n), "0.#")}% ≥ scale-out {F(config.ScaleOutCpuPercent)}%; scale-in at {F(newIn)}% gives "
            + $"{F(AutoscaleRules.AfterScaleIn(newIn, n), "0.#")}%, {F(AutoscaleRules.MarginPercent)} points under.";
        return Recommend(item, config, target, Direction.Retune, why, evidence, 0m, currency, [target]);
    }

    private static Advice LowerMinimum(
        InventoryItem item, AutoscaleConfig config, KindPolicy policy, EvidenceList evidence, decimal? perInstance, int newMin, double cpuStat, double multiplier, string currency)
    {
        AutoscaleConfig At(int m) => config with { Minimum = m, Default = Math.Clamp(config.Default, m, config.Maximum) };
        var target = At(newMin);
        var stages = StepPlanner.CountSteps(config.Minimum, newMin, policy.MaxStepDownPercent).Select(m => (ResourceConfig)At(m)).ToList();
        var savings = perInstance is { } p ? Savings.Round((config.Minimum - newMin) * p * AutoscaleRules.ShareOfTimeAtMinimum) : 0m;
        var projected = cpuStat * multiplier * config.Minimum / newMin;
        evidence.Add("demand.instances", cpuStat * multiplier * config.Minimum / 100, "instances").Add("minimum.target", newMin, "instances")
            .Add("projected.cpu", projected, "%").Add("savings", savings, $"{currency}/month");
        var why = $"instances p50 at the minimum {config.Minimum}; cpu {policy.ProtectPercentile} {F(cpuStat, "0.#")}% × {F(multiplier)} × {config.Minimum} / {newMin} = "
            + $"{F(projected, "0.#")}% ≤ {F(policy.TargetCpuPercent)}%: minimum {newMin}, saving {M(savings)} {currency}/month (half the month at the minimum).";
        return Recommend(item, config, target, Direction.Down, why, evidence, savings, currency, stages);
    }

    private static Advice Recommend(
        InventoryItem item, AutoscaleConfig current, AutoscaleConfig target, Direction direction, string why, EvidenceList evidence, decimal savings, string currency, IReadOnlyList<ResourceConfig> stages) =>
        Advice.Recommend(new Recommendation(item.Resource, current, target, direction, why, evidence.ToList(), savings, currency, stages));

    private static decimal? MonthlyPerInstance(AutoscaleConfig config, AdvisorContext context, EvidenceList evidence)
    {
        PriceKey? key = context.Inventory.TryGetValue(config.TargetResourceId, out var target)
            ? target.Config switch
            {
                AppServicePlanConfig plan => new PriceKey(ResourceKind.AppServicePlan, plan.Sku, target.Resource.Location, target.Resource.Os),
                ScaleSetConfig set => new PriceKey(ResourceKind.VirtualMachine, set.Sku, target.Resource.Location, target.Resource.Os),
                _ => null,
            }
            : null;
        if (key is not null && context.Prices.Find(key) is { } price)
        {
            var monthly = Savings.MonthlyHourly(price, 1);
            evidence.Add("price.per.instance", monthly, $"{context.Policy.Savings.Currency}/month");
            return monthly;
        }

        evidence.Add(key is null ? "target.unknown" : "target.price.unknown", 1, "flag");
        return null;
    }
}
