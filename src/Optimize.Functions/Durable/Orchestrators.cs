using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Optimize.Changes;
using Optimize.Workflow;

namespace Optimize.Functions.Durable;

/// <summary>The Durable orchestrators: each runs the engine's workflow over <see cref="DurableWorkflowContext"/>.</summary>
public static class Orchestrators
{
    /// <summary>A staged change (capture, approval, stages with guards, promote or roll back).</summary>
    [Function(WorkflowNames.StagedChange)]
    public static Task<ChangeOutcome> StagedChange([OrchestrationTrigger] TaskOrchestrationContext context) =>
        StagedChangeWorkflow.RunAsync(new DurableWorkflowContext(context), context.GetInput<ChangePlan>()
            ?? throw new InvalidOperationException("StagedChange needs a ChangePlan input."));

    /// <summary>Alert remediation for a resource with no change in flight (reverts a recent change of Optimize's).</summary>
    [Function(WorkflowNames.AlertRemediation)]
    public static Task<RemediationOutcome> AlertRemediation([OrchestrationTrigger] TaskOrchestrationContext context) =>
        AlertRemediationWorkflow.RunAsync(new DurableWorkflowContext(context), context.GetInput<AlertRemediationInput>()
            ?? throw new InvalidOperationException("AlertRemediation needs an AlertRemediationInput."));
}
