using Optimize.Catalog;
using Optimize.Cli.Backtest;
using Optimize.Model;
using Optimize.Simulator.Workloads;

namespace Optimize.Cli.Tests.Backtest;

/// <summary>A recorded workload with a fixed demand per step (and steps without data), for worked numbers.</summary>
internal sealed class FixedWorkload(Func<long, Demand> demand, Func<long, bool>? hasData = null) : WorkloadModel
{
    public override Demand DemandAt(long step) => demand(step);

    public override bool HasDataAt(long step) => hasData?.Invoke(step) ?? true;
}

/// <summary>A three-size ladder (2/4/8 vCPU, 4/8/16 GiB, 100/200/400 a month) and timelines built on it.</summary>
internal static class AnalysisFixtures
{
    public static readonly SkuSpec S1 = new("T_S1", ResourceKind.VirtualMachine, "T", 2, 4);
    public static readonly SkuSpec S2 = new("T_S2", ResourceKind.VirtualMachine, "T", 4, 8);
    public static readonly SkuSpec S3 = new("T_S3", ResourceKind.VirtualMachine, "T", 8, 16);

    public static decimal PriceOf(SkuSpec s) => s == S1 ? 100m : s == S2 ? 200m : 400m;

    /// <summary>The start of step <paramref name="step"/>: a write exactly there puts the new size in effect from that step.</summary>
    public static DateTimeOffset At(long step) => WorkloadModel.StartOf(step);

    /// <summary>A resource recorded over steps [0, <paramref name="endStep"/>), starting on <paramref name="start"/>, then each write (step, size, change id or null, planned step).</summary>
    public static ResourceTimeline Timeline(
        string id, WorkloadModel workload, SkuSpec start, long endStep, params (long Step, SkuSpec Size, string? ChangeId, long? PlannedStep)[] writes)
    {
        var periods = new List<ConfigPeriod> { new() { At = DateTimeOffset.MinValue, Spec = start, MonthlyPrice = PriceOf(start) } };
        periods.AddRange(writes.Select(w => new ConfigPeriod
        {
            At = At(w.Step),
            Spec = w.Size,
            MonthlyPrice = PriceOf(w.Size),
            ChangeId = w.ChangeId,
            PlannedAt = w.PlannedStep is long p ? At(p) : null,
        }));
        return new ResourceTimeline
        {
            ResourceId = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/" + id,
            Workload = workload,
            FirstStep = 0,
            EndStep = endStep,
            MemoryRecorded = true,
            Periods = periods,
            Candidates = [.. new[] { S1, S2, S3 }.Select(s => new PricedSize(s, PriceOf(s)))],
        };
    }

    public static BacktestAnalysis Analyze(double budget, long runStartStep, long runEndStep, params ResourceTimeline[] resources) =>
        BacktestAnalyzer.Analyze(new BacktestAnalysisInput
        {
            Resources = resources,
            RunStart = At(runStartStep),
            RunEnd = At(runEndStep),
            OverloadBudget = budget,
            ScaleUpCpuPercent = 85,
        });
}
