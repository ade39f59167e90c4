using Optimize.Changes;
using Optimize.Guards;
using Optimize.Metrics.History;
using Optimize.Ports;
using Optimize.Workflow.Activities;
using Optimize.Workflow.Hosting;

namespace Optimize.Workflow;

/// <summary>
/// The staged change (<see cref="WorkflowNames.StagedChange"/>): Capture → Approval → Baseline → for each stage
/// Apply → Settle → Observe → Promote, or Rollback. Each step journals before it acts and returns early with a
/// reason (argo-rollouts <c>rolloutCanary</c> style). Deterministic: time only from the context, I/O only in activities.
/// </summary>
public static partial class StagedChangeWorkflow
{
    /// <summary>Name of the recovery entry point (<see cref="ResumeAsync"/>, input <see cref="StagedChangeResume"/>).</summary>
    public const string ResumeName = "StagedChangeResume";

    /// <summary>Runs a planned change to a terminal state.</summary>
    /// <param name="context">The workflow context.</param>
    /// <param name="plan">The plan (also recorded in the journal by the planner before the start).</param>
    /// <returns>How it ended; the journal holds every step.</returns>
    /// <exception cref="WorkflowActivityException">Only when the journal itself fails (RecordStep); the change then stays
    /// active in the journal and recovery picks it up.</exception>
    public static async Task<ChangeOutcome> RunAsync(IWorkflowContext context, ChangePlan plan)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        var run = new ChangeRun(context, plan.ChangeId, plan.Resource, plan.Stages.Count) { Retry = plan.Retry };
        return await ValidateAsync(run, plan)
            ?? await CaptureAsync(run, plan)
            ?? await ApproveAsync(run, plan)
            ?? await MeasureBaselineAsync(run, plan, run.Now, ChangeState.Planned)
            ?? await RunStagesAsync(run, plan, 0, null)
            ?? await PromoteAsync(run, plan);
    }

    /// <summary>Continues a change after a crash: rolls back, or re-measures the baseline and finishes the stage in flight
    /// (<see cref="ResumeMode"/>) and the stages after it.</summary>
    /// <param name="context">The workflow context.</param>
    /// <param name="resume">What recovery decided.</param>
    public static async Task<ChangeOutcome> ResumeAsync(IWorkflowContext context, StagedChangeResume resume)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resume);
        var plan = resume.Plan;
        var run = new ChangeRun(context, plan.ChangeId, plan.Resource, plan.Stages.Count)
        {
            Captured = resume.Captured,
            ChangeStartedAt = resume.ChangeStartedAt,
            StagesCompleted = Math.Max(0, resume.StageIndex),
            Retry = plan.Retry,
        };
        if (resume.Mode == ResumeMode.RollBack || resume.StageIndex < 0 || resume.StageIndex >= plan.Stages.Count)
        {
            return await RollBackAsync(run, plan, Math.Max(resume.StageIndex, 0), resume.Reason);
        }

        var appliedAt = resume.Mode == ResumeMode.Observe ? resume.StageAppliedAt : null;
        return await MeasureBaselineAsync(run, plan, resume.ChangeStartedAt, ChangeState.Observing)
            ?? await RunStagesAsync(run, plan, resume.StageIndex, appliedAt)
            ?? await PromoteAsync(run, plan);
    }

    private static async Task<ChangeOutcome?> ValidateAsync(ChangeRun run, ChangePlan plan)
    {
        if (plan.Stages.Count > 0 && plan.Stages.All(s => s.Target.Kind == plan.Resource.Kind))
        {
            return null;
        }

        var reason = plan.Stages.Count == 0 ? "invalid plan: no stages" : $"invalid plan: a stage target does not fit a {plan.Resource.Kind}";
        await run.RecordAsync(ChangeSteps.Abort, -1, ChangeState.Aborted, reason);
        return Outcome(run, ChangeState.Aborted, null, reason, new ChangeFailure(ChangeFailureKinds.InvalidTarget, reason));
    }

    /// <summary>Capture: read the configuration, record it as the rollback target, abort on drift from the plan.</summary>
    private static async Task<ChangeOutcome?> CaptureAsync(ChangeRun run, ChangePlan plan)
    {
        var read = await run.ReadWithRetryAsync("capture");
        if (read.Config is not { } captured)
        {
            var reason = $"capture failed: {read.Failure}";
            await run.RecordAsync(ChangeSteps.Abort, -1, ChangeState.Aborted, reason);
            return Outcome(run, ChangeState.Aborted, null, reason, read.Failure);
        }

        run.Captured = captured;
        await run.RecordAsync(ChangeSteps.Capture, -1, ChangeState.Planned, $"captured {captured.Describe()}", captured: captured);
        return await DriftAsync(run, plan.Baseline, captured, "planned from");
    }

    /// <summary>Approval (approve mode only): wait for a decision; a rejection or a timeout ends the change, nothing applied.
    /// After an approval the configuration is read again: a drift while waiting aborts.</summary>
    private static async Task<ChangeOutcome?> ApproveAsync(ChangeRun run, ChangePlan plan)
    {
        if (!plan.RequiresApproval)
        {
            return null;
        }

        var timeout = DurationText.Format(plan.ApprovalTimeout);
        await run.RecordAsync(
            ChangeSteps.Approval, -1, ChangeState.AwaitingApproval,
            $"awaiting approval of {plan.Baseline.Describe()} → {plan.FinalTarget.Describe()} (timeout {timeout}): {plan.Rationale}");
        var decision = await run.Context.WaitForEventAsync<ApprovalDecision>(WorkflowEvents.Approval, plan.ApprovalTimeout);
        for (var waited = 1; plan.KeepWaitingForApproval && (!decision.Received || decision.Value is null); waited++)
        {
            // approval.onTimeout keepWaiting: a new AwaitingApproval event is the reminder (the notifier asks again from it).
            await run.RecordAsync(
                ChangeSteps.Approval, -1, ChangeState.AwaitingApproval,
                $"still awaiting approval after {DurationText.Format(plan.ApprovalTimeout * waited)}; waiting another {timeout} (approval.onTimeout keepWaiting)");
            decision = await run.Context.WaitForEventAsync<ApprovalDecision>(WorkflowEvents.Approval, plan.ApprovalTimeout);
        }

        if (!decision.Received || decision.Value is null)
        {
            var reason = $"approval timed out after {timeout}";
            await run.RecordAsync(ChangeSteps.Approval, -1, ChangeState.Rejected, reason);
            return Outcome(run, ChangeState.Rejected, run.Captured, reason);
        }

        var d = decision.Value;
        var comment = string.IsNullOrWhiteSpace(d.Comment) ? string.Empty : $": {d.Comment}";
        if (!d.Approved)
        {
            var reason = $"rejected by {d.By}{comment}";
            await run.RecordAsync(ChangeSteps.Approval, -1, ChangeState.Rejected, reason);
            return Outcome(run, ChangeState.Rejected, run.Captured, reason);
        }

        await run.RecordAsync(ChangeSteps.Approval, -1, ChangeState.Planned, $"approved by {d.By}{comment}");
        var reread = await run.ReadWithRetryAsync("capture after approval");
        if (reread.Config is not { } now)
        {
            var reason = $"capture after approval failed: {reread.Failure}";
            await run.RecordAsync(ChangeSteps.Abort, -1, ChangeState.Aborted, reason);
            return Outcome(run, ChangeState.Aborted, null, reason, reread.Failure);
        }

        return await DriftAsync(run, run.Captured!, now, "captured");
    }

    /// <summary>Baseline: guard statistics over the window before the change.</summary>
    private static async Task<ChangeOutcome?> MeasureBaselineAsync(ChangeRun run, ChangePlan plan, DateTimeOffset end, ChangeState state)
    {
        // The captured configuration (the plan's baseline before capture) held over the baseline window.
        var input = new BaselineInput(
            plan.Resource, plan.Guards, end - plan.BaselineWindow, end, ConfigurationTimeline.Unchanged(run.Captured ?? plan.Baseline));
        try
        {
            // Metrics that could not be read at all are read again before the change goes on without a baseline.
            for (var attempt = 1; ; attempt++)
            {
                run.Baseline = await run.Context.CallActivityAsync<GuardBaseline>(ActivityNames.MeasureBaseline, input);
                if (run.Baseline.Failure is not { } failure || !run.Retry.Allows(attempt))
                {
                    break;
                }

                await run.WaitAsync("baseline", attempt, failure);
            }
        }
        catch (WorkflowActivityException ex)
        {
            if (state == ChangeState.Planned)
            {
                var reason = $"baseline failed: {ex.Message}";
                await run.RecordAsync(ChangeSteps.Abort, -1, ChangeState.Aborted, reason);
                return Outcome(run, ChangeState.Aborted, run.Captured, reason, new ChangeFailure(ChangeFailureKinds.Unexpected, ex.Message));
            }

            return await RollBackAsync(run, plan, run.StagesCompleted, $"baseline failed on resume: {ex.Message}");
        }

        await run.RecordAsync(ChangeSteps.Baseline, -1, state, $"baseline over {DurationText.Format(plan.BaselineWindow)}: {run.Baseline.Message}");
        return null;
    }

    private static async Task<ChangeOutcome?> DriftAsync(ChangeRun run, Model.ResourceConfig expected, Model.ResourceConfig found, string what)
    {
        // An autoscaled scale set's or plan's count is autoscale's to move: only its SKU can drift.
        if (Model.AutoscaledCapacity.Matches(run.Resource, found, expected))
        {
            return null;
        }

        var reason = $"drift: {what} {expected.Describe()}, found {found.Describe()}";
        await run.RecordAsync(ChangeSteps.Abort, -1, ChangeState.Aborted, reason);
        return Outcome(run, ChangeState.Aborted, found, reason);
    }

    private static ChangeOutcome Outcome(ChangeRun run, ChangeState state, Model.ResourceConfig? final, string reason, ChangeFailure? failure = null) =>
        new(run.ChangeId, run.Resource.Id, state, run.StagesCompleted, final, reason, failure);
}
