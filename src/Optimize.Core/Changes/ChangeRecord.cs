using Optimize.Model;

namespace Optimize.Changes;

/// <summary>
/// The journal's row for one change: its plan (so it can always be rolled back), where it is, and how it ended.
/// Updated with optimistic concurrency: <see cref="ETag"/> is the version read.
/// </summary>
/// <param name="ChangeId">Unique id.</param>
/// <param name="Plan">The plan, including the baseline configuration to roll back to.</param>
/// <param name="State">Current state.</param>
/// <param name="StageIndex">Stage being applied or observed (-1 before the first).</param>
/// <param name="Captured">Configuration captured by the workflow before the first apply; the rollback target.</param>
/// <param name="CreatedAt">When the planner recorded it.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Outcome">How it ended, or the latest news: "rolled back: latencyMs p95 412 &gt; 300".</param>
/// <param name="ETag">Version for optimistic concurrency; null for a record never stored.</param>
public sealed record ChangeRecord(
    string ChangeId,
    ChangePlan Plan,
    ChangeState State,
    int StageIndex,
    ResourceConfig? Captured,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Outcome,
    string? ETag = null)
{
    /// <summary>The resource changed.</summary>
    public ResourceRef Resource => Plan.Resource;

    /// <summary>The configuration a rollback restores: what was captured, else what the planner saw.</summary>
    public ResourceConfig RollbackTarget => Captured ?? Plan.Baseline;

    /// <summary>A new record for a planned change.</summary>
    public static ChangeRecord Planned(ChangePlan plan, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new(plan.ChangeId, plan, ChangeState.Planned, -1, null, now, now, "planned");
    }
}
