using Optimize.Changes;
using Optimize.Journal;
using Optimize.Model;

namespace Optimize.Metrics.History;

/// <summary>One change of a resource with its steps, as the journal holds them.</summary>
/// <param name="Change">The change record.</param>
/// <param name="Events">Its steps, in sequence order.</param>
public sealed record JournaledChange(ChangeRecord Change, IReadOnlyList<ChangeEvent> Events);

/// <summary>
/// Builds a <see cref="ConfigurationTimeline"/> from Optimize's own changes of a resource. What the journal proves:
/// the planner saw <see cref="ChangePlan.Baseline"/> when it recorded the change; the workflow captured
/// <see cref="ChangeRecord.Captured"/> at its capture step; a stage's target holds from the apply step that read it
/// back (state Observing); the rollback target holds from the verified rollback (RolledBack). From an apply or a
/// rollback starting until it is read back, and after a rollback that did not verify, the configuration is unknown.
/// Whenever an observation (baseline, capture, the inventory now) differs from what the timeline says, someone
/// changed the resource outside Optimize at an unknown time since the previous mark: that whole span becomes
/// unknown. Changes made outside Optimize with no later observation are invisible here (Azure's change history is
/// not read yet).
/// </summary>
public static class JournalTimeline
{
    /// <summary>Changes read per resource; more than this within a lookback makes the time before the oldest unknown.</summary>
    public const int MaxChanges = 32;

    /// <summary>The timeline of a resource whose configuration is <paramref name="current"/> at <paramref name="now"/>.</summary>
    /// <param name="current">The inventory's configuration now.</param>
    /// <param name="now">When the inventory was read.</param>
    /// <param name="changes">The resource's changes, any order.</param>
    /// <param name="truncated">True when older changes were not read: the time before the oldest is unknown.</param>
    public static ConfigurationTimeline Build(ResourceConfig current, DateTimeOffset now, IEnumerable<JournaledChange> changes, bool truncated = false)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(changes);
        var steps = new List<(DateTimeOffset At, ResourceConfig? Config, bool Observation)>();
        foreach (var (change, events) in changes.OrderBy(c => c.Change.CreatedAt))
        {
            steps.Add((change.CreatedAt, change.Plan.Baseline, true));
            foreach (var e in events.OrderBy(e => e.Sequence))
            {
                if (Step(change, e) is { } step)
                {
                    steps.Add(step);
                }
            }
        }

        steps.Add((now, current, true));
        var ordered = steps.Select((s, i) => (s, i)).OrderBy(x => x.s.At).ThenBy(x => x.i).Select(x => x.s);
        ResourceConfig? initial = null;
        var marks = new List<ConfigurationMark>();
        var first = true;
        foreach (var (at, config, observation) in ordered)
        {
            if (first)
            {
                initial = truncated ? null : config;
                first = false;
            }

            var believed = marks.Count == 0 ? initial : marks[^1].Config;
            if (observation && believed is not null && believed != config)
            {
                // Changed outside Optimize since the last mark, at an unknown time.
                if (marks.Count == 0)
                {
                    initial = null;
                }
                else
                {
                    marks[^1] = marks[^1] with { Config = null };
                }
            }

            if (!observation || config != (marks.Count == 0 ? initial : marks[^1].Config))
            {
                marks.Add(new ConfigurationMark(at, config));
            }
        }

        return new ConfigurationTimeline(initial, marks);
    }

    /// <summary>Reads the resource's changes and their steps from <paramref name="journal"/> and builds its timeline.</summary>
    public static async Task<ConfigurationTimeline> LoadAsync(
        IJournalReader journal, ResourceRef resource, ResourceConfig current, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(resource);
        var changes = new List<JournaledChange>();
        await foreach (var change in journal.ListChangesAsync(new HistoryQuery(ResourceId: resource.Id, Limit: MaxChanges), cancellationToken))
        {
            var events = new List<ChangeEvent>();
            await foreach (var e in journal.ListEventsAsync(change.ChangeId, cancellationToken))
            {
                events.Add(e);
            }

            changes.Add(new JournaledChange(change, events));
        }

        return changes.Count == 0
            ? ConfigurationTimeline.Unchanged(current)
            : Build(current, now, changes, truncated: changes.Count >= MaxChanges);
    }

    private static (DateTimeOffset, ResourceConfig?, bool)? Step(ChangeRecord change, ChangeEvent e) => e.Step switch
    {
        ChangeSteps.Capture when change.Captured is { } captured => (e.At, captured, true),
        ChangeSteps.Apply when e.State == ChangeState.Applying => (e.At, null, false),
        ChangeSteps.Apply when e.State == ChangeState.Observing && e.StageIndex >= 0 && e.StageIndex < change.Plan.Stages.Count
            => (e.At, change.Plan.Stages[e.StageIndex].Target, false),
        ChangeSteps.Rollback when e.State == ChangeState.RollingBack => (e.At, null, false),
        ChangeSteps.Rollback when e.State == ChangeState.RolledBack => (e.At, change.RollbackTarget, false),
        ChangeSteps.Escalate => (e.At, null, false),
        _ => null,
    };
}
