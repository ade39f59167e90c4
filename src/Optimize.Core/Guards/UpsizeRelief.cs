using System.Globalization;
using Optimize.Changes;
using Optimize.Metrics;
using Optimize.Policy;
using Optimize.Recommendations;

namespace Optimize.Guards;

/// <summary>
/// Verifying an upsize like a downsize: the saturation it answered must be relieved. An upsize (a plan that adds monthly
/// cost: more vCPUs, workers, instances or instance memory) gets one extra guard per metric that triggered it — the
/// kind's protected statistic of cpu or memory must come back to at most <see cref="KindPolicy.ScaleUpCpuPercent"/> after
/// settle — so an upsize that does not help fails its check and is rolled back like any failing stage, with a reason that
/// starts <see cref="Prefix"/>. Function App upsizes (raised maximum instance count) carry no cpu or memory trigger in
/// their evidence and get the kind's guards only.
/// </summary>
public static class UpsizeRelief
{
    /// <summary>The start of the rollback reason of an upsize whose relief guard failed.</summary>
    public const string Prefix = "upsize ineffective";

    /// <summary>True when <paramref name="plan"/> raises capacity: it adds monthly cost (the advisors price every upsize,
    /// and none of them proposes a dearer downsize).</summary>
    public static bool IsUpsize(ChangePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.EstimatedMonthlySavings < 0;
    }

    /// <summary>The relief guards of an upsize: for cpu and memory, when the evidence's <c>{metric}.{protectPercentile}</c>
    /// is above the scale-up threshold, a guard holding that statistic to the threshold. Empty for anything else.</summary>
    public static IReadOnlyList<GuardSpec> Guards(Recommendation rec, KindPolicy kind)
    {
        ArgumentNullException.ThrowIfNull(rec);
        ArgumentNullException.ThrowIfNull(kind);
        if (rec.Direction != Direction.Up)
        {
            return [];
        }

        var threshold = kind.ScaleUpCpuPercent;
        var guards = new List<GuardSpec>(2);
        foreach (var metric in new[] { MetricNames.Cpu, MetricNames.Memory })
        {
            var name = $"{metric}.{kind.ProtectPercentile}";
            if (rec.Evidence.FirstOrDefault(e => e.Name == name && e.Unit == "%") is { } seen && seen.Value > threshold)
            {
                guards.Add(new GuardSpec(metric, kind.ProtectPercentile, AbsoluteMax: threshold));
            }
        }

        return guards;
    }

    /// <summary>The rollback reason of a failed check: for an upsize whose cpu or memory guard failed (the saturation it
    /// answered is still there),
    /// "upsize ineffective: cpu p95 93 &gt; 85 (limit) on Standard_E16s_v5 30 min after settle"; else the verdict's summary.</summary>
    public static string RollbackReason(ChangePlan plan, ChangeStage stage, StageVerdict verdict, TimeSpan sinceSettle)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(verdict);
        var relief = IsUpsize(plan)
            ? verdict.Guards.FirstOrDefault(v => v.Kind == VerdictKind.Failed && v.Metric is MetricNames.Cpu or MetricNames.Memory)
            : null;
        if (relief is null)
        {
            return verdict.Summary;
        }

        var after = sinceSettle.TotalHours >= 1
            ? sinceSettle.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " h"
            : sinceSettle.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min";
        return $"{Prefix}: {relief.Message} on {stage.Target.Describe()} {after} after settle";
    }
}
