using Optimize.Changes;
using Optimize.Guards;
using Optimize.Metrics;
using Optimize.Model;

namespace Optimize.Policy;

/// <summary>Sizing targets, guards and staging for one resource kind.</summary>
public sealed record KindPolicy
{
    /// <summary>False: the kind is reported as disabled and never changed.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The statistic of demand the new size must carry with headroom (<c>p95</c>, <c>p99</c> or <c>max</c>).</summary>
    public string ProtectPercentile { get; init; } = "p95";

    /// <summary>Highest CPU utilization the protected demand may project to on the new size, percent.</summary>
    public double TargetCpuPercent { get; init; } = 70;

    /// <summary>Highest memory utilization the protected demand may project to on the new size, percent.</summary>
    public double TargetMemoryPercent { get; init; } = 80;

    /// <summary>Above this CPU utilization (protected statistic) the advisor scales up, percent.</summary>
    public double ScaleUpCpuPercent { get; init; } = 85;

    /// <summary>Largest capacity reduction per stage, percent of current capacity (instances or vCPU).</summary>
    public double MaxStepDownPercent { get; init; } = 50;

    /// <summary>
    /// VMs only: a resize to a size the running VM cannot take in place may deallocate it (a restart). Off by default:
    /// such a resize is then refused as an invalid target and the change rolls back having changed nothing.
    /// </summary>
    public bool AllowDeallocation { get; init; }

    /// <summary>Timing of each stage.</summary>
    public StageTiming Stages { get; init; } = new();

    /// <summary>Health checks for every stage of a change of this kind.</summary>
    public IReadOnlyList<GuardSpec> Guards { get; init; } = [];

    /// <summary>The shipped defaults for <paramref name="kind"/>.</summary>
    public static KindPolicy Defaults(ResourceKind kind) => new()
    {
        ProtectPercentile = kind == ResourceKind.FunctionApp ? "p99" : "p95",
        Guards = kind switch
        {
            // An autoscale setting emits only its observed rule metric (cpu) and capacity (instances).
            ResourceKind.AutoscaleSetting =>
            [
                new GuardSpec(MetricNames.Cpu, "p95", AbsoluteMax: 90),
            ],
            // A VM reads memory from Available Memory Percentage; a scale set from Available Memory Bytes and the memory of the
            // SKU in effect (the Azure adapter's metric map). Neither emits latency or errors.
            ResourceKind.VirtualMachine or ResourceKind.ScaleSet =>
            [
                new GuardSpec(MetricNames.Cpu, "p95", AbsoluteMax: 90),
                new GuardSpec(MetricNames.Memory, "max", AbsoluteMax: 95),
            ],
            _ =>
            [
                new GuardSpec(MetricNames.Cpu, "p95", AbsoluteMax: 90),
                new GuardSpec(MetricNames.Memory, "max", AbsoluteMax: 95),
                new GuardSpec(MetricNames.LatencyMs, "p95", MaxRegressionPercent: 25),
                new GuardSpec(MetricNames.ErrorPercent, "mean", AbsoluteMax: 2, MaxIncrease: 0.5),
            ],
        },
    };
}

/// <summary>Timing of a stage.</summary>
public sealed record StageTiming
{
    /// <summary>Wait after apply before the first check.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long each stage is observed.</summary>
    public TimeSpan Observe { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Interval between guard checks.</summary>
    public TimeSpan CheckEvery { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Window before the change over which guard baselines are measured.</summary>
    public TimeSpan BaselineWindow { get; init; } = TimeSpan.FromDays(7);
}
