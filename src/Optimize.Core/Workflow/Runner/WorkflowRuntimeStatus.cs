namespace Optimize.Workflow.Runner;

/// <summary>Where a workflow instance is.</summary>
public enum WorkflowRuntimeStatus
{
    /// <summary>Started and not finished.</summary>
    Running,

    /// <summary>Returned its output.</summary>
    Completed,

    /// <summary>Threw; see <see cref="WorkflowStatus.Failure"/>.</summary>
    Failed,
}
