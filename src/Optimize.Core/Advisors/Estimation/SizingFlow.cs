using Optimize.Metrics;
using Optimize.Model;
using Optimize.Recommendations;
using static Optimize.Advisors.Estimation.EvidenceList;

namespace Optimize.Advisors.Estimation;

/// <summary>
/// The steps shared by the sizing advisors: data gate, protected statistics, absolute demand, hot or not,
/// coverage gate (half for a scale-up), confidence multiplier (down only), <see cref="FleetSizer"/>, then the
/// recommendation with stages, prices and evidence.
/// </summary>
internal static class SizingFlow
{
    public static SizingOutcome Evaluate(SizingRequest r)
    {
        var evidence = new EvidenceList();
        var resource = r.Item.Resource;
        if (DataGate.NoData(r.Summary, r.RequiredMetrics) is { } noData)
        {
            return new SizingOutcome(Advice.NoChange(resource, noData), null, evidence, 1, "", 0, 0);
        }

        var stat = r.Policy.ProtectPercentile;
        var cpu = r.Summary.Get(MetricNames.Cpu);
        var memory = r.Summary.Get(MetricNames.Memory);
        double cpuStat = cpu.Get(stat), memStat = memory.Get(stat);
        var hot = cpuStat > r.Policy.ScaleUpCpuPercent || memStat > r.Policy.ScaleUpCpuPercent;
        evidence.Add($"cpu.{stat}", cpuStat, "%").Add("cpu.max", cpu.Max, "%")
            .Add($"memory.{stat}", memStat, "%").Add("memory.max", memory.Max, "%");
        foreach (var m in r.RequiredMetrics)
        {
            evidence.Add($"coverage.{m}", r.Summary.Get(m).Coverage, "ratio");
        }

        var minimum = r.Context.Policy.Data.MinimumCoverage * (hot ? 0.5 : 1.0);
        if (DataGate.Coverage(r.Summary, r.RequiredMetrics, minimum) is { } coverage)
        {
            return new SizingOutcome(Advice.NoChange(resource, coverage, evidence.ToList()), null, evidence, 1, stat, cpuStat, memStat);
        }

        var history = DataGate.ShortestHistory(r.Summary, r.RequiredMetrics);
        var multiplier = hot ? 1.0 : DemandEstimator.ConfidenceMultiplier(history);
        var c = r.Current;
        var demand = new FleetDemand(
            DemandEstimator.Demand(cpuStat, c.Sku.VCpus, c.Count),
            DemandEstimator.Demand(memStat, c.Sku.MemoryGb, c.Count),
            DemandEstimator.Demand(cpu.Max, c.Sku.VCpus, c.Count),
            DemandEstimator.Demand(memory.Max, c.Sku.MemoryGb, c.Count));
        evidence.Add("history.days", history.TotalDays, "days").Add("confidence.multiplier", multiplier, "x")
            .Add("demand.vcpu", demand.CpuVcpu, "vCPU").Add("demand.gb", demand.MemoryGb, "GB")
            .Add("peak.vcpu", demand.PeakCpuVcpu, "vCPU").Add("peak.gb", demand.PeakMemoryGb, "GB");
        var decision = FleetSizer.Decide(
            c, r.Ladder, demand, multiplier, hot, r.MinCount, r.MaxCount, r.Policy.TargetCpuPercent, r.Policy.TargetMemoryPercent, r.MonthlyCost);
        var t = decision.Target;
        evidence.Add($"projected.cpu.{stat}", DemandEstimator.Project(demand.CpuVcpu * multiplier, t.VCpus), "%")
            .Add($"projected.memory.{stat}", DemandEstimator.Project(demand.MemoryGb * multiplier, t.MemoryGb), "%")
            .Add("projected.cpu.max", DemandEstimator.Project(demand.PeakCpuVcpu, t.VCpus), "%")
            .Add("projected.memory.max", DemandEstimator.Project(demand.PeakMemoryGb, t.MemoryGb), "%");
        return new SizingOutcome(null, decision, evidence, multiplier, stat, cpuStat, memStat);
    }

    /// <summary>Maps a decision to advice: skips for RightSized/AlreadySmallest/NoCandidate, a recommendation otherwise.</summary>
    public static Advice ToAdvice(SizingRequest r, SizingOutcome o)
    {
        if (o.Skip is not null)
        {
            return o.Skip;
        }

        var d = o.Decision!;
        var resource = r.Item.Resource;
        switch (d.Verdict)
        {
            case FleetVerdict.AlreadySmallest:
                return Advice.NoChange(resource, SkipReasons.AlreadySmallest(), o.Evidence.ToList());
            case FleetVerdict.RightSized:
                return Advice.NoChange(resource, SkipReasons.RightSized(d.Detail), o.Evidence.ToList());
            case FleetVerdict.NoCandidate:
                return Advice.NoChange(resource, SkipReasons.NoCandidate(d.Detail), o.Evidence.ToList());
        }

        var up = d.Verdict == FleetVerdict.Up;
        var currency = r.Context.Policy.Savings.Currency;
        var before = r.MonthlyCost(r.Current);
        var after = r.MonthlyCost(d.Target);
        decimal savings = 0;
        if (before is { } b && after is { } a)
        {
            savings = Savings.Round(b - a);
            o.Evidence.Add("price.current", Savings.Round(b), $"{currency}/month").Add("price.target", Savings.Round(a), $"{currency}/month");
        }
        else if (!up)
        {
            var sku = before is null ? r.Current.Sku.Name : d.Target.Sku.Name;
            return Advice.NoChange(resource, SkipReasons.NoPrice(sku, resource.Location), o.Evidence.ToList());
        }
        else
        {
            o.Evidence.Add("price.unknown", 1, "flag");
        }

        o.Evidence.Add("savings", savings, $"{currency}/month");
        var stages = Stages(r, d.Target, up);
        var rationale = Rationale(r, o, d, savings, currency);
        var target = r.ToConfig(d.Target);
        return Advice.Recommend(new Recommendation(
            resource, r.Item.Config, target, up ? Direction.Up : Direction.Down, rationale, o.Evidence.ToList(), savings, currency, stages));
    }

    private static IReadOnlyList<ResourceConfig> Stages(SizingRequest r, FleetOption target, bool up)
    {
        if (up)
        {
            return [r.ToConfig(target)];
        }

        var stages = new List<ResourceConfig>();
        var step = r.Policy.MaxStepDownPercent;
        foreach (var n in StepPlanner.CountSteps(r.Current.Count, target.Count, step))
        {
            stages.Add(r.ToConfig(r.Current with { Count = n }));
        }

        foreach (var sku in StepPlanner.SizeSteps(r.Ladder, r.Current.Sku, target.Sku, step))
        {
            stages.Add(r.ToConfig(new FleetOption(sku, target.Count)));
        }

        return stages;
    }

    private static string Rationale(SizingRequest r, SizingOutcome o, FleetDecision d, decimal savings, string currency)
    {
        var c = r.Current;
        var t = d.Target;
        var s = o.Statistic;
        var cpuDemand = DemandEstimator.Demand(o.CpuStat, c.Sku.VCpus, c.Count) * o.Multiplier;
        var memDemand = DemandEstimator.Demand(o.MemoryStat, c.Sku.MemoryGb, c.Count) * o.Multiplier;
        var what = d.Verdict == FleetVerdict.Up ? "above scale-up " + F(r.Policy.ScaleUpCpuPercent) + "%" : "×" + F(o.Multiplier) + " confidence";
        var cpuProjected = DemandEstimator.Project(cpuDemand, t.VCpus);
        var memProjected = DemandEstimator.Project(memDemand, t.MemoryGb);
        return $"cpu {s} {F(o.CpuStat, "0.#")}% and memory {s} {F(o.MemoryStat, "0.#")}% of {Describe(c, r.CountUnit)} ({what}) = {F(cpuDemand)} vCPU, {F(memDemand)} GB; "
            + $"{Describe(t, r.CountUnit)} projects {F(cpuProjected, "0.#")}% cpu {Cmp(cpuProjected, r.Policy.TargetCpuPercent)} {F(r.Policy.TargetCpuPercent)}% and "
            + $"{F(memProjected, "0.#")}% memory {Cmp(memProjected, r.Policy.TargetMemoryPercent)} {F(r.Policy.TargetMemoryPercent)}%, {Money(savings, currency)}.";
    }

    /// <summary>"saving 140.16 USD/month" or, for an Up, "costing 140.16 USD/month more".</summary>
    internal static string Money(decimal savings, string currency) =>
        savings >= 0 ? $"saving {M(savings)} {currency}/month" : $"costing {M(-savings)} {currency}/month more";

    private static string Cmp(double value, double limit) => value <= limit + 1e-9 ? "≤" : ">";

    private static string Describe(FleetOption o, string countUnit) =>
        string.IsNullOrEmpty(countUnit) ? o.Sku.Name : $"{o.Sku.Name} × {o.Count} {countUnit}";
}
