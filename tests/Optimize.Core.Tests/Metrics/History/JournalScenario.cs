using Optimize.Changes;
using Optimize.Journal;
using Optimize.Model;

namespace Optimize.Core.Tests.Metrics.History;

/// <summary>Writes changes into a journal the way the staged workflow does: planned, capture, apply (Applying, then
/// Observing once read back), then promote or a rollback.</summary>
internal static class JournalScenario
{
    /// <summary>A one-stage change of <paramref name="resource"/> from <paramref name="from"/> to <paramref name="to"/>,
    /// planned at <paramref name="at"/> − 1 h, applied at <paramref name="at"/> (read back 10 minutes later).</summary>
    public static async Task<ChangeRecord> ChangeAsync(
        InMemoryJournal journal, ResourceRef resource, ResourceConfig from, ResourceConfig to, DateTimeOffset at,
        ChangeState outcome = ChangeState.Promoted, ResourceConfig? captured = null, CancellationToken ct = default)
    {
        var id = $"chg-{at.UtcTicks:x}";
        var plan = new ChangePlan(
            id, "pass-1", resource, from, [new ChangeStage(0, to, TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromMinutes(10))],
            false, TimeSpan.FromHours(1), [], TimeSpan.FromHours(1), 0m, "USD", "test");
        var planned = at - TimeSpan.FromHours(1);
        var change = await journal.CreateAsync(ChangeRecord.Planned(plan, planned), ct);
        var seen = captured ?? from;
        await Append(journal, id, planned.AddMinutes(1), ChangeSteps.Capture, -1, ChangeState.Planned, ct);
        if (outcome == ChangeState.Aborted)
        {
            await Append(journal, id, at, ChangeSteps.Abort, -1, ChangeState.Aborted, ct);
            return await journal.UpdateAsync(change with { State = outcome, Captured = seen, UpdatedAt = at }, ct);
        }

        await Append(journal, id, at, ChangeSteps.Apply, 0, ChangeState.Applying, ct);

        await Append(journal, id, at.AddMinutes(10), ChangeSteps.Apply, 0, ChangeState.Observing, ct);
        var end = at.AddHours(1);
        switch (outcome)
        {
            case ChangeState.Promoted:
                await Append(journal, id, end, ChangeSteps.Promote, 0, ChangeState.Promoted, ct);
                break;
            case ChangeState.RolledBack:
                await Append(journal, id, end, ChangeSteps.Rollback, 0, ChangeState.RollingBack, ct);
                await Append(journal, id, end.AddMinutes(10), ChangeSteps.Rollback, 0, ChangeState.RolledBack, ct);
                break;
            case ChangeState.RollbackFailed:
                await Append(journal, id, end, ChangeSteps.Rollback, 0, ChangeState.RollingBack, ct);
                await Append(journal, id, end.AddMinutes(10), ChangeSteps.Escalate, 0, ChangeState.RollbackFailed, ct);
                break;
        }

        return await journal.UpdateAsync(change with { State = outcome, StageIndex = 0, Captured = seen, UpdatedAt = end }, ct);
    }

    private static Task Append(InMemoryJournal journal, string id, DateTimeOffset at, string step, int stage, ChangeState state, CancellationToken ct) =>
        journal.AppendAsync(new ChangeEvent(id, 0, at, step, stage, $"{step} {state}", null, state), ct);
}
