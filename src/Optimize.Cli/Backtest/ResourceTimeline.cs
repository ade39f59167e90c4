using Optimize.Catalog;
using Optimize.Simulator.Workloads;

namespace Optimize.Cli.Backtest;

/// <summary>
/// One size a resource ran on, from <see cref="At"/> until the next period: the first whole 5-minute interval at or after
/// <see cref="At"/> to the interval holding the next write (exclusive), so an interval split by a write counts for neither.
/// </summary>
/// <remarks>The first period (the starting size) has <see cref="At"/> = <see cref="DateTimeOffset.MinValue"/> and no change.</remarks>
internal sealed record ConfigPeriod
{
    /// <summary>When the size took effect (the write's time).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The size in effect.</summary>
    public required SkuSpec Spec { get; init; }

    /// <summary>Monthly price of the size in effect, or null when unpriced.</summary>
    public required decimal? MonthlyPrice { get; init; }

    /// <summary>The run's change that wrote this size, or null for the starting size and writes no change of the run explains (a rollback).</summary>
    public string? ChangeId { get; init; }

    /// <summary>When the change that wrote this size was planned (the pass that decided it); null without a change.</summary>
    public DateTimeOffset? PlannedAt { get; init; }
}

/// <summary>
/// What the backtest's analysis needs of one replayed resource: its workload, the recorded steps, the sizes it ran on (oldest
/// first), the sizes it could have run on (the VM advisor's compatible ladder) with their prices.
/// </summary>
internal sealed record ResourceTimeline
{
    /// <summary>The resource's ARM id.</summary>
    public required string ResourceId { get; init; }

    /// <summary>Demand per 5-minute step.</summary>
    public required WorkloadModel Workload { get; init; }

    /// <summary>First recorded step (inclusive).</summary>
    public required long FirstStep { get; init; }

    /// <summary>Step just past the last recorded one (exclusive).</summary>
    public required long EndStep { get; init; }

    /// <summary>True when memory demand was recorded, false when modelled.</summary>
    public bool MemoryRecorded { get; init; }

    /// <summary>The sizes in effect, oldest first; the first is the starting size.</summary>
    public required IReadOnlyList<ConfigPeriod> Periods { get; init; }

    /// <summary>Compatible sizes with their monthly prices (unpriced sizes left out), for the ceiling.</summary>
    public required IReadOnlyList<PricedSize> Candidates { get; init; }

    /// <summary>The starting period.</summary>
    public ConfigPeriod Start => Periods[0];

    /// <summary>The period in effect at the end of the run.</summary>
    public ConfigPeriod End => Periods[^1];

    /// <summary>First whole interval of period <paramref name="index"/> (clamped to the recording).</summary>
    public long FirstStepOf(int index) =>
        index == 0 ? FirstStep : Math.Max(FirstStep, WorkloadModel.StepOf(Periods[index].At - TimeSpan.FromTicks(1)) + 1);

    /// <summary>Step just past period <paramref name="index"/> (the interval holding the next write, or the recording's end).</summary>
    public long EndStepOf(int index) =>
        index + 1 < Periods.Count ? Math.Min(EndStep, WorkloadModel.StepOf(Periods[index + 1].At)) : EndStep;
}

/// <summary>A size a resource could run on, and its monthly price.</summary>
internal sealed record PricedSize(SkuSpec Spec, decimal MonthlyPrice);
