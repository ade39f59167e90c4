using Optimize.Changes;
using Optimize.Workflow.Activities;

namespace Optimize.Workflow;

/// <summary>
/// Alert remediation (<see cref="WorkflowNames.AlertRemediation"/>): an alert on a resource with no change in flight
/// reverts the resource's latest change when it was promoted inside the revert window, verifies the revert, and
/// journals it on that change; otherwise it does nothing and says why. Routing an alert to a change in flight is
/// <see cref="AlertRouter"/>'s job, not this workflow's.
/// </summary>
public static class AlertRemediationWorkflow
{
    /// <summary>Runs the remediation.</summary>
    /// <param name="context">The workflow context.</param>
    /// <param name="input">The alert and the revert window.</param>
    /// <returns><c>none</c>, <c>reverted</c> or <c>failed</c> with the reason.</returns>
    public static async Task<RemediationOutcome> RunAsync(IWorkflowContext context, AlertRemediationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var signal = input.Signal;
        var log = context.CreateReplaySafeLogger("Optimize.Workflow." + context.InstanceId);
        if (!signal.Fired)
        {
            return Done(new RemediationOutcome(signal.ResourceId, "none", null, $"alert '{signal.RuleName}' resolved: nothing to do"));
        }

        var now = new DateTimeOffset(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
        var candidate = await context.CallActivityAsync<RevertCandidate>(
            ActivityNames.FindRevertCandidate, new RevertLookupInput(signal.ResourceId, now - input.RevertWindow));
        if (candidate.Change is not { } change)
        {
            return Done(new RemediationOutcome(
                signal.ResourceId, "none", null,
                $"not caused by Optimize: no change in the last {DurationText.Format(input.RevertWindow)} ({candidate.Reason})"));
        }

        var run = new ChangeRun(context, change.ChangeId, change.Resource, change.Plan.Stages.Count) { Captured = change.RollbackTarget, Retry = change.Plan.Retry };
        var alert = $"alert '{signal.RuleName}' ({signal.Severity}) fired {signal.FiredAt.UtcDateTime:yyyy-MM-dd HH:mm}Z: {signal.Description}";
        await run.RecordAsync(ChangeSteps.Alert, -1, change.State, $"{alert}; reverting {candidate.Reason}");
        var result = await run.RollBackAsync(-1, $"alert '{signal.RuleName}': {signal.Description}", change.Plan.Stages.Any(s => s.AllowDeallocation), "reverted after alert");
        return Done(result.State == ChangeState.RolledBack
            ? new RemediationOutcome(signal.ResourceId, "reverted", change.ChangeId, result.Message)
            : new RemediationOutcome(signal.ResourceId, "failed", change.ChangeId, result.Message));

        RemediationOutcome Done(RemediationOutcome outcome)
        {
            log.Remediation(signal.AlertId, signal.ResourceId, outcome.Action, outcome.Reason);
            return outcome;
        }
    }
}
