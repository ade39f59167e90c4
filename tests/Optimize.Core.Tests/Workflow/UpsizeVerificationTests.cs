using Optimize.Changes;
using Optimize.Guards;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Recommendations;

namespace Optimize.Tests.Workflow;

/// <summary>An upsize is verified like a downsize: its relief guard must see the saturation it answered go away.</summary>
public sealed class UpsizeVerificationTests
{
    private static readonly AppServicePlanConfig Six = new("P1v3", 6);

    /// <summary>P1v3 × 4 → × 6 (+240 USD/month), answering cpu p95 95 %: the host's guards plus the relief guard cpu p95 ≤ 85.</summary>
    private static ChangePlan Upsize()
    {
        var rec = new Recommendation(ChangeHost.Resource, ChangeHost.Baseline, Six, Direction.Up, "cpu p95 95% above scale-up 85%",
            [new EvidenceItem("cpu.p95", 95, "%"), new EvidenceItem("memory.p95", 40, "%")], -240m, "USD", [Six]);
        var relief = UpsizeRelief.Guards(rec, new KindPolicy { ScaleUpCpuPercent = 85 });
        Assert.Equal([new GuardSpec(MetricNames.Cpu, "p95", AbsoluteMax: 85)], relief);
        return ChangeHost.Plan(stages: 1) with
        {
            Stages = [new ChangeStage(0, Six, TimeSpan.FromMinutes(10), TimeSpan.FromHours(2), TimeSpan.FromMinutes(15))],
            Guards = [.. ChangeHost.Guards, .. relief],
            EstimatedMonthlySavings = -240m,
        };
    }

    [Fact]
    public async Task IneffectiveUpsize_CpuStillAboveScaleUp_RolledBackAndMarked()
    {
        using var host = new ChangeHost();
        // On 6 workers cpu p95 is still 88 %: below the kind's 90 % guard, above the 85 % scale-up threshold it answered.
        host.Metrics.Scripts[MetricNames.Cpu] = t => host.Config.At(ChangeHost.ResourceId, t) == Six ? 88 : 95;

        var outcome = await host.RunToEndAsync(Upsize());

        // The first check runs 15 min after the 10 min settle.
        var reason = $"upsize ineffective: cpu p95 88 > 85 (limit) on {Six.Describe()} 15 min after settle";
        Assert.Equal(ChangeState.RolledBack, outcome.State);
        Assert.Equal(reason, outcome.Reason);
        Assert.Equal(ChangeHost.Baseline, host.Config.Current(ChangeHost.ResourceId));
        Assert.Equal("rolled back: " + reason, (await host.ChangeAsync()).Outcome);
    }

    [Fact]
    public async Task EffectiveUpsize_CpuBelowScaleUp_Promoted()
    {
        using var host = new ChangeHost();
        // 95 % of 4 workers is 3.8 workers of demand; on 6 workers that is 63 %: relieved.
        host.Metrics.Scripts[MetricNames.Cpu] = t => host.Config.At(ChangeHost.ResourceId, t) == Six ? 63 : 95;

        var outcome = await host.RunToEndAsync(Upsize());

        Assert.Equal(ChangeState.Promoted, outcome.State);
        Assert.Equal(Six, host.Config.Current(ChangeHost.ResourceId));
    }

    [Fact]
    public void Guards_DownsizeOrUntriggeredMetric_NoReliefGuard()
    {
        var kind = new KindPolicy { ScaleUpCpuPercent = 85 };
        var down = new Recommendation(ChangeHost.Resource, ChangeHost.Baseline, Six, Direction.Down, "x", [new EvidenceItem("cpu.p95", 95, "%")], 10m, "USD", [Six]);
        var memoryOnly = down with { Direction = Direction.Up, Evidence = [new EvidenceItem("cpu.p95", 50, "%"), new EvidenceItem("memory.p95", 91, "%")] };

        Assert.Empty(UpsizeRelief.Guards(down, kind));
        Assert.Equal([new GuardSpec(MetricNames.Memory, "p95", AbsoluteMax: 85)], UpsizeRelief.Guards(memoryOnly, kind));
    }
}
