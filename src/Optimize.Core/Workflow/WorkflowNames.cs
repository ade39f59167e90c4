namespace Optimize.Workflow;

/// <summary>Names of workflows, activities and events: the Function App registers functions under exactly these names.</summary>
public static class WorkflowNames
{
    /// <summary>The staged change workflow (input <see cref="Changes.ChangePlan"/>, output <see cref="ChangeOutcome"/>).</summary>
    public const string StagedChange = "StagedChange";

    /// <summary>The alert remediation workflow (input <see cref="AlertRemediationInput"/>, output <see cref="RemediationOutcome"/>).</summary>
    public const string AlertRemediation = "AlertRemediation";
}

/// <summary>Names of the external events workflows wait for.</summary>
public static class WorkflowEvents
{
    /// <summary>Payload <see cref="ApprovalDecision"/>.</summary>
    public const string Approval = "approval";

    /// <summary>Payload <see cref="AlertSignal"/>: an alert fired for the resource being changed.</summary>
    public const string Alert = "alert";
}
