using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Optimize.Changes;
using Optimize.Workflow;

namespace Optimize.Functions.Durable;

/// <summary>The Durable orchestrators: each runs the engine's workflow over <see cref="DurableWorkflowContext"/>.
/// The retry options come from DI and are the same for every replay (deterministic).</summary>
public sealed class Orchestrators(ActivityRetryOptions retry)
{
    private readonly TaskOptions _activityRetry = retry.ToTaskOptions();

    /// <summary>A staged change (capture, approval, stages with guards, promote or roll back).</summary>
    [Function(WorkflowNames.StagedChange)]
    public Task<ChangeOutcome> StagedChange([OrchestrationTrigger] TaskOrchestrationContext context) =>
        StagedChangeWorkflow.RunAsync(new DurableWorkflowContext(context, _activityRetry), context.GetInput<ChangePlan>()
            ?? throw new InvalidOperationException("StagedChange needs a ChangePlan input."));

    /// <summary>Recovery's entry point (RecoverySweep starts it): rolls a stranded change back, or finishes it.</summary>
    [Function(StagedChangeWorkflow.ResumeName)]
    public Task<ChangeOutcome> StagedChangeResume([OrchestrationTrigger] TaskOrchestrationContext context) =>
        StagedChangeWorkflow.ResumeAsync(new DurableWorkflowContext(context, _activityRetry), context.GetInput<StagedChangeResume>()
            ?? throw new InvalidOperationException("StagedChangeResume needs a StagedChangeResume input."));

    /// <summary>Alert remediation for a resource with no change in flight (reverts a recent change of Optimize's).</summary>
    [Function(WorkflowNames.AlertRemediation)]
    public Task<RemediationOutcome> AlertRemediation([OrchestrationTrigger] TaskOrchestrationContext context) =>
        AlertRemediationWorkflow.RunAsync(new DurableWorkflowContext(context, _activityRetry), context.GetInput<AlertRemediationInput>()
            ?? throw new InvalidOperationException("AlertRemediation needs an AlertRemediationInput."));
}
