using Optimize.Changes;
using Optimize.Journal;

namespace Optimize.Cli.Commands;

/// <summary>
/// What <c>journal purge</c> would delete, counted through the reader with the purge's own rule: passes started before
/// the cutoff (with their decisions), and finished changes created and last updated before it (with their events).
/// Counts records, not table rows (the purge also deletes index rows).
/// </summary>
internal sealed record PurgePreview(int Passes, int Decisions, int Changes, int Events, int ActiveKept)
{
    public static async Task<PurgePreview> CountAsync(IJournalReader journal, DateTimeOffset cutoff, CancellationToken ct)
    {
        int passes = 0, decisions = 0, changes = 0, events = 0, active = 0;
        await foreach (var pass in journal.ListPassesAsync(new HistoryQuery(Limit: int.MaxValue), ct))
        {
            if (pass.StartedAt >= cutoff)
            {
                continue;
            }

            passes++;
            await foreach (var _ in journal.ListDecisionsAsync(new HistoryQuery(PassId: pass.PassId, Limit: int.MaxValue), ct))
            {
                decisions++;
            }
        }

        await foreach (var change in journal.ListChangesAsync(new HistoryQuery(Limit: int.MaxValue), ct))
        {
            if (change.CreatedAt >= cutoff || change.UpdatedAt >= cutoff)
            {
                continue;
            }

            if (!change.State.IsTerminal())
            {
                active++;
                continue;
            }

            changes++;
            await foreach (var _ in journal.ListEventsAsync(change.ChangeId, ct))
            {
                events++;
            }
        }

        return new PurgePreview(passes, decisions, changes, events, active);
    }

    public string Describe() =>
        $"{Count(Passes, "pass", "passes")} ({Count(Decisions, "decision", "decisions")}) and {Count(Changes, "finished change", "finished changes")} ({Count(Events, "event", "events")})";

    /// <summary>"; 2 changes still active are kept", or nothing.</summary>
    public string Kept() => ActiveKept > 0 ? $"; {Count(ActiveKept, "change", "changes")} still active {(ActiveKept == 1 ? "is" : "are")} kept" : "";

    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
}
