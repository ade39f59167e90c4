using Optimize.Changes;
using Optimize.Guards;
using Optimize.Metrics.History;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Workflow.Activities;
using Optimize.Workflow.Hosting;

namespace Optimize.Workflow;

/// <summary>The stage steps of <see cref="StagedChangeWorkflow"/>: Apply, Settle, Observe, Promote, Rollback.</summary>
public static partial class StagedChangeWorkflow
{
    private static async Task<ChangeOutcome?> RunStagesAsync(ChangeRun run, ChangePlan plan, int first, DateTimeOffset? firstAppliedAt)
    {
        for (var i = first; i < plan.Stages.Count; i++)
        {
            var stage = plan.Stages[i];
            DateTimeOffset appliedAt;
            if (i == first && firstAppliedAt is { } resumed)
            {
                appliedAt = resumed;
            }
            else
            {
                var failed = await WaitForWindowAsync(run, plan, i) ?? await ApplyAsync(run, plan, i);
                if (failed is not null)
                {
                    return failed;
                }

                appliedAt = run.Now;
            }

            run.ChangeStartedAt ??= appliedAt;
            var settledAt = appliedAt + stage.Settle;
            var outcome = await SettleAsync(run, plan, stage, settledAt) ?? await ObserveAsync(run, plan, stage, settledAt);
            if (outcome is not null)
            {
                return outcome;
            }

            run.StagesCompleted = i + 1;
        }

        return null;
    }

    /// <summary>
    /// Window: nothing is applied outside the policy's change windows; wait until the next opening. A stage already
    /// applied stays live while waiting, so the wait listens for alerts: one fired since the change started rolls back
    /// at once (rollbacks never wait for a window) instead of sitting in the buffer until the next stage is applied.
    /// </summary>
    private static async Task<ChangeOutcome?> WaitForWindowAsync(ChangeRun run, ChangePlan plan, int index)
    {
        if (plan.ChangeWindows.Count == 0)
        {
            return null;
        }

        var opens = new ChangeWindowCalendar(plan.ChangeWindows).NextOpening(run.Now);
        if (opens is not { } at || at <= run.Now)
        {
            return null;
        }

        // Planned only while nothing has been applied (a re-apply after a crash may follow a half-applied stage).
        var state = index == 0 && run.ChangeStartedAt is null ? ChangeState.Planned : ChangeState.Observing;
        await run.RecordAsync(ChangeSteps.Window, index, state, $"{run.Label(index)} waits for the change window: opens {at.UtcDateTime:yyyy-MM-dd HH:mm}Z");
        return await WaitListeningForAlertsAsync(run, plan, index, at, state, $"{run.Label(index)} waited for the change window");
    }

    /// <summary>
    /// A durable wait until <paramref name="until"/> that listens for alerts: one fired since the change started rolls
    /// back at once. Alerts fired before the first apply, and resolved alerts, are ignored.
    /// </summary>
    private static async Task<ChangeOutcome?> WaitListeningForAlertsAsync(
        ChangeRun run, ChangePlan plan, int index, DateTimeOffset until, ChangeState state, string during)
    {
        while (run.Now < until)
        {
            var alert = await run.Context.WaitForEventAsync<AlertSignal>(WorkflowEvents.Alert, until - run.Now);
            if (!alert.Received)
            {
                break;
            }

            if (alert.Value is { Fired: true } fired && run.ChangeStartedAt is { } started && fired.FiredAt >= started)
            {
                var reason = $"alert '{fired.RuleName}' fired while {during}: {fired.Description}";
                await run.RecordAsync(ChangeSteps.Alert, index, state, reason);
                return await RollBackAsync(run, plan, index, reason);
            }
        }

        return null;
    }

    /// <summary>Apply: journal Applying first, then apply and check the read-back; any failure rolls back (a failed
    /// apply may be half-applied).</summary>
    private static async Task<ChangeOutcome?> ApplyAsync(ChangeRun run, ChangePlan plan, int index)
    {
        var stage = plan.Stages[index];
        var from = index == 0 ? run.Captured! : plan.Stages[index - 1].Target;
        await run.RecordAsync(ChangeSteps.Apply, index, ChangeState.Applying, $"applying {run.Label(index)}: {from.Describe()} → {stage.Target.Describe()}");
        var result = await run.ApplyAsync(stage.Target, stage.AllowDeallocation);
        if (result.Failure is { } failure)
        {
            var reason = $"apply of {run.Label(index)} failed: {failure}";
            await run.RecordAsync(ChangeSteps.Apply, index, ChangeState.Applying, reason);
            return await RollBackAsync(run, plan, index, reason, failure);
        }

        if (!AutoscaledCapacity.Matches(run.Resource, result.Observed, stage.Target))
        {
            var reason = $"apply of {run.Label(index)} read back {result.Observed?.Describe() ?? "nothing"}, expected {stage.Target.Describe()}";
            await run.RecordAsync(ChangeSteps.Apply, index, ChangeState.Applying, reason);
            return await RollBackAsync(run, plan, index, reason, new ChangeFailure(ChangeFailureKinds.OperationFailed, reason));
        }

        run.LastObserved = result.Observed;
        await run.RecordAsync(ChangeSteps.Apply, index, ChangeState.Observing, $"{run.Label(index)} applied: read back {result.Observed.Describe()}");
        return null;
    }

    /// <summary>Settle: wait until the stage has settled, listening for alerts (right after an apply is when they fire).</summary>
    private static async Task<ChangeOutcome?> SettleAsync(ChangeRun run, ChangePlan plan, ChangeStage stage, DateTimeOffset settledAt)
    {
        var rolledBack = await WaitListeningForAlertsAsync(run, plan, stage.Index, settledAt, ChangeState.Observing, $"{run.Label(stage.Index)} settled");
        if (rolledBack is not null)
        {
            return rolledBack;
        }

        await run.RecordAsync(ChangeSteps.Settle, stage.Index, ChangeState.Observing, $"{run.Label(stage.Index)} settled ({DurationText.Format(stage.Settle)})");
        return null;
    }

    /// <summary>
    /// Observe: until the window ends, wait for an alert or the next check. A fired alert or a Failed check rolls back at
    /// once; at the end only a Successful last check promotes the stage (Inconclusive or Error roll back).
    /// </summary>
    private static async Task<ChangeOutcome?> ObserveAsync(ChangeRun run, ChangePlan plan, ChangeStage stage, DateTimeOffset settledAt)
    {
        var end = settledAt + stage.Observe;
        var label = run.Label(stage.Index);
        StageVerdict? last = null;
        while (last is null || run.Now < end)
        {
            var remaining = end - run.Now;
            if (remaining > TimeSpan.Zero)
            {
                var wait = remaining < stage.CheckEvery ? remaining : stage.CheckEvery;
                var alert = await run.Context.WaitForEventAsync<AlertSignal>(WorkflowEvents.Alert, wait);
                if (alert.Received)
                {
                    if (alert.Value is { Fired: true } fired && fired.FiredAt >= run.ChangeStartedAt)
                    {
                        var reason = $"alert '{fired.RuleName}' fired during {label}: {fired.Description}";
                        await run.RecordAsync(ChangeSteps.Alert, stage.Index, ChangeState.Observing, reason);
                        return await RollBackAsync(run, plan, stage.Index, reason);
                    }

                    continue;
                }
            }

            var verdict = await AssessAsync(run, plan, stage, settledAt);
            await run.RecordAsync(ChangeSteps.Assess, stage.Index, ChangeState.Observing, $"{label} check: {verdict.Kind}: {verdict.Summary}", verdict.Kind);
            if (verdict.Kind == VerdictKind.Failed)
            {
                return await RollBackAsync(run, plan, stage.Index, UpsizeRelief.RollbackReason(plan, stage, verdict, run.Now - settledAt));
            }

            last = verdict;
        }

        return last.Kind switch
        {
            VerdictKind.Successful => null,
            VerdictKind.Inconclusive => await RollBackAsync(run, plan, stage.Index, $"inconclusive at the end of {label}: {last.Summary}"),
            _ => await RollBackAsync(run, plan, stage.Index, $"guards could not be checked at the end of {label}: {last.Summary}"),
        };
    }

    /// <summary>Checks the guards from <paramref name="from"/> (the stage's settle time) to now. The configuration in effect
    /// is the one before the stage until its apply time (settle time − settle) and the stage's target from then on.</summary>
    private static async Task<StageVerdict> AssessAsync(ChangeRun run, ChangePlan plan, ChangeStage stage, DateTimeOffset from)
    {
        var now = run.Now;
        var baseline = run.Baseline ?? new GuardBaseline(new Dictionary<string, double>(), "no baseline");
        var before = stage.Index == 0 ? run.Captured ?? plan.Baseline : plan.Stages[stage.Index - 1].Target;
        var configuration = new ConfigurationTimeline(before, [new ConfigurationMark(from - stage.Settle, stage.Target)]);
        try
        {
            return await run.Context.CallActivityAsync<StageVerdict>(
                ActivityNames.AssessGuards, new AssessInput(plan.Resource, plan.Guards, baseline, from, now, configuration));
        }
        catch (WorkflowActivityException ex)
        {
            return StageVerdict.Of([new GuardVerdict("*", VerdictKind.Error, $"assessment failed: {ex.Message}")], now);
        }
    }

    /// <summary>Promote: every stage passed.</summary>
    private static async Task<ChangeOutcome> PromoteAsync(ChangeRun run, ChangePlan plan)
    {
        var final = run.LastObserved ?? (await run.ReadAsync()).Config;
        var reason = $"promoted: {final?.Describe() ?? plan.FinalTarget.Describe()} after {plan.Stages.Count} stage(s)";
        await run.RecordAsync(ChangeSteps.Promote, plan.Stages.Count - 1, ChangeState.Promoted, reason);
        return new ChangeOutcome(run.ChangeId, run.Resource.Id, ChangeState.Promoted, run.StagesCompleted, final, reason);
    }

    /// <summary>Rollback: restore the captured configuration and verify it; escalate when it does not verify.</summary>
    private static async Task<ChangeOutcome> RollBackAsync(ChangeRun run, ChangePlan plan, int stage, string reason, ChangeFailure? cause = null)
    {
        var allowDeallocation = plan.Stages.Any(s => s.AllowDeallocation);
        var result = await run.RollBackAsync(stage, reason, allowDeallocation);
        var failure = result.State == ChangeState.RollbackFailed
            ? new ChangeFailure(ChangeFailureKinds.OperationFailed, result.Message)
            : cause;
        return new ChangeOutcome(run.ChangeId, run.Resource.Id, result.State, run.StagesCompleted, result.Final,
            result.State == ChangeState.RolledBack ? reason : result.Message, failure);
    }
}
