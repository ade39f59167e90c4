using System.Globalization;
using Microsoft.Extensions.Logging;
using Optimize.Changes;
using Optimize.Journal;
using Optimize.Workflow.Hosting;

namespace Optimize.Workflow.Runner;

/// <summary>
/// Picks up changes a crash left active, from the journal: nothing applied (Planned, AwaitingApproval) → start again
/// from the plan (an approval already given is not asked again); a stage being applied → apply it again and observe it
/// fully; a stage observed whose window still has at least one check left → finish observing it; otherwise, or when a
/// rollback was under way → roll back. Each decision is journaled as a <see cref="ChangeSteps.Recover"/> step, once: a
/// sweep that finds the same stranded state again (its last event is that very recover step) starts the workflow
/// again without a second identical event. A row that lags its own terminal event (a crash after a terminal step's
/// event, before its row: see <c>ChangeActivities.RecordStepAsync</c>) is completed from that event, not rolled back.
/// </summary>
public sealed class RecoveryService
{
    private readonly IChangeJournal _journal;
    private readonly IJournalReader _reader;
    private readonly IWorkflowHost _host;
    private readonly TimeProvider _time;
    private readonly ILogger<RecoveryService> _logger;

    /// <summary>Creates the service.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public RecoveryService(IChangeJournal journal, IJournalReader reader, IWorkflowHost host, TimeProvider time, ILogger<RecoveryService> logger)
    {
        _journal = journal ?? throw new ArgumentNullException(nameof(journal));
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Starts a workflow for every active change of the journal that has no running instance (the CLI calls it
    /// when it starts, then pumps the runner; the Function App from a timer).</summary>
    /// <returns>One action per active change.</returns>
    public async Task<IReadOnlyList<RecoveryAction>> RecoverAsync(CancellationToken cancellationToken = default)
    {
        var actions = new List<RecoveryAction>();
        var active = new List<ChangeRecord>();
        await foreach (var change in _journal.ListActiveAsync(cancellationToken).ConfigureAwait(false))
        {
            active.Add(change);
        }

        foreach (var change in active.OrderBy(c => c.CreatedAt))
        {
            actions.Add(await RecoverAsync(change, cancellationToken).ConfigureAwait(false));
        }

        return actions;
    }

    private async Task<RecoveryAction> RecoverAsync(ChangeRecord change, CancellationToken ct)
    {
        var instanceId = InstanceIds.ForChange(change.Resource.Id);
        var state = await _host.GetStateAsync(instanceId, ct).ConfigureAwait(false);
        if (state is { IsActive: true })
        {
            return Done(change, RecoveryKind.Skip, instanceId, "its workflow is running");
        }

        var events = new List<ChangeEvent>();
        await foreach (var e in _reader.ListEventsAsync(change.ChangeId, ct).ConfigureAwait(false))
        {
            events.Add(e);
        }

        var now = _time.GetUtcNow();
        if (await CompleteFromTerminalEventAsync(change, events, ct).ConfigureAwait(false) is { } completed)
        {
            return Done(change, RecoveryKind.Skip, instanceId, completed);
        }

        // Recover steps are notes, not progress: decide on the steps of the workflow itself.
        var progress = events.Where(e => e.Step != ChangeSteps.Recover).ToList();
        var (kind, message, name, input) = Decide(change, progress, now);
        var note = $"recovered after a crash: {message}";
        if (events.Count == 0 || !IsSameRecover(events[^1], change, note))
        {
            await _journal.AppendAsync(
                new ChangeEvent(change.ChangeId, 0, now, ChangeSteps.Recover, change.StageIndex, note, null, change.State),
                ct).ConfigureAwait(false);
        }

        try
        {
            await _host.StartAsync(name, instanceId, input, ct).ConfigureAwait(false);
            return Done(change, kind, instanceId, message);
        }
        catch (WorkflowAlreadyRunningException ex)
        {
            return Done(change, RecoveryKind.Skip, instanceId, ex.Message);
        }
    }

    /// <summary>The last event already records this recover decision for this state (a repeated sweep).</summary>
    private static bool IsSameRecover(ChangeEvent last, ChangeRecord change, string note) =>
        last.Step == ChangeSteps.Recover && last.State == change.State && last.StageIndex == change.StageIndex
        && string.Equals(last.Message, TableStoreLimits.Fit(note), StringComparison.Ordinal);

    /// <summary>
    /// When the last event moved the change to a terminal state after the row's last update, the row missed its
    /// terminal write: completes the row from the event and returns why; otherwise null. (An older terminal event, as
    /// when an alert revert moved a promoted change back to RollingBack, is history, not a lost write.)
    /// </summary>
    private async Task<string?> CompleteFromTerminalEventAsync(ChangeRecord change, List<ChangeEvent> events, CancellationToken ct)
    {
        var last = events.LastOrDefault(e => e.Step != ChangeSteps.Recover);
        // A change that never left Planned or AwaitingApproval has no terminal history, so any terminal last event is the lost
        // write, even one stamped with the row's own time (the scheduler's abort of a change it could not start).
        var neverApplied = change.State is ChangeState.Planned or ChangeState.AwaitingApproval;
        if (last is null || !last.State.IsTerminal() || (last.At <= change.UpdatedAt && !neverApplied))
        {
            return null;
        }

        var reason = $"the journal row lagged its terminal {last.Step} step of {Time(last.At)}; completed it as {last.State}";
        try
        {
            await _journal.UpdateAsync(
                change with { State = last.State, StageIndex = last.StageIndex >= 0 ? last.StageIndex : change.StageIndex, Outcome = last.Message, UpdatedAt = last.At },
                ct).ConfigureAwait(false);
        }
        catch (JournalConflictException)
        {
            return $"the journal row lagged its terminal {last.Step} step, and was updated by someone else meanwhile; left to them";
        }

        return reason;
    }

    private static (RecoveryKind Kind, string Message, string Workflow, object Input) Decide(ChangeRecord change, List<ChangeEvent> events, DateTimeOffset now)
    {
        var plan = change.Plan;
        var firstApply = events.FirstOrDefault(e => e.Step == ChangeSteps.Apply && e.State == ChangeState.Applying)?.At ?? now;
        StagedChangeResume Resume(ResumeMode mode, DateTimeOffset? appliedAt, string reason) =>
            new(plan, change.RollbackTarget, mode, change.StageIndex, firstApply, appliedAt, reason);

        switch (change.State)
        {
            case ChangeState.Planned or ChangeState.AwaitingApproval:
                var approved = events.Any(e => e.Step == ChangeSteps.Approval && e.State == ChangeState.Planned);
                return (RecoveryKind.Restart,
                    approved ? "nothing was applied; restarting from the plan (approval already given)" : "nothing was applied; restarting from the plan",
                    WorkflowNames.StagedChange,
                    approved ? plan with { RequiresApproval = false } : plan);
            case ChangeState.Applying when change.StageIndex >= 0 && change.StageIndex < plan.Stages.Count:
                return (RecoveryKind.Reapply, $"stage {change.StageIndex + 1} was being applied; applying it again and observing it in full",
                    StagedChangeWorkflow.ResumeName, Resume(ResumeMode.Reapply, null, "reapply"));
            case ChangeState.Observing when change.StageIndex >= 0 && change.StageIndex < plan.Stages.Count:
                if (events.Count > 0 && events[^1].Step == ChangeSteps.Window && events[^1].StageIndex == change.StageIndex)
                {
                    // Promoted stages stay; this stage was never applied: wait for its window again, then apply it.
                    return (RecoveryKind.Reapply,
                        $"stage {change.StageIndex + 1} was waiting for its change window; waiting again, then applying it",
                        StagedChangeWorkflow.ResumeName, Resume(ResumeMode.Reapply, null, "window"));
                }

                var stage = plan.Stages[change.StageIndex];
                var applied = events.LastOrDefault(e => e.Step == ChangeSteps.Apply && e.StageIndex == change.StageIndex && e.State == ChangeState.Observing)?.At;
                if (applied is not { } appliedAt)
                {
                    var unknown = $"stage {change.StageIndex + 1} has no recorded apply time; rolling back";
                    return (RecoveryKind.RollBack, unknown, StagedChangeWorkflow.ResumeName, Resume(ResumeMode.RollBack, null, unknown));
                }

                var end = appliedAt + stage.Settle + stage.Observe;
                if (end - now >= stage.CheckEvery)
                {
                    return (RecoveryKind.ResumeObserve,
                        $"stage {change.StageIndex + 1} applied at {Time(appliedAt)}; resuming its observation until {Time(end)}",
                        StagedChangeWorkflow.ResumeName, Resume(ResumeMode.Observe, appliedAt, "resume"));
                }

                var passed = $"the observation window of stage {change.StageIndex + 1} ended at {Time(end)} while Optimize was down; rolling back rather than promoting unverified";
                return (RecoveryKind.RollBack, passed, StagedChangeWorkflow.ResumeName, Resume(ResumeMode.RollBack, appliedAt, passed));
            default:
                var reason = change.State == ChangeState.RollingBack
                    ? "a rollback was interrupted; rolling back again"
                    : $"state {change.State} at stage {change.StageIndex} cannot be resumed; rolling back";
                return (RecoveryKind.RollBack, reason, StagedChangeWorkflow.ResumeName, Resume(ResumeMode.RollBack, null, reason));
        }
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    private RecoveryAction Done(ChangeRecord change, RecoveryKind kind, string instanceId, string message)
    {
        _logger.Recovered(change.ChangeId, change.Resource.Id, change.State.ToString(), kind.ToString(), message);
        return new RecoveryAction(change.ChangeId, change.Resource.Id, change.State, kind, instanceId, message);
    }
}
