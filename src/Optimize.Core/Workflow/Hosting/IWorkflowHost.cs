namespace Optimize.Workflow.Hosting;

/// <summary>
/// Port: starts workflows and talks to running ones. Durable Functions' <c>DurableTaskClient</c> implements it in the
/// Function App; the in-process runner implements it for the CLI and tests. Application services (nightly pass, alert
/// intake, approvals) use only this, so they are tested here and reused by both hosts.
/// </summary>
public interface IWorkflowHost
{
    /// <summary>The state of an instance, or null when no instance has that id.</summary>
    Task<WorkflowInstanceState?> GetStateAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Starts <paramref name="workflowName"/> as <paramref name="instanceId"/>.</summary>
    /// <exception cref="WorkflowAlreadyRunningException">An instance with that id is pending, running or suspended (single flight); hosts throw it for that case only.</exception>
    Task StartAsync(string workflowName, string instanceId, object input, CancellationToken cancellationToken = default);

    /// <summary>Delivers an event to a running instance (buffered until it waits for it).</summary>
    Task RaiseEventAsync(string instanceId, string eventName, object payload, CancellationToken cancellationToken = default);
}

/// <summary>Where a workflow instance is.</summary>
/// <param name="InstanceId">Its id.</param>
/// <param name="Name">Workflow name.</param>
/// <param name="Status">Pending, Running, Completed, Failed or Terminated.</param>
/// <param name="CustomStatus">Serialized custom status, if any.</param>
/// <param name="Output">Serialized output when completed.</param>
public sealed record WorkflowInstanceState(string InstanceId, string Name, WorkflowStatusKind Status, string? CustomStatus, string? Output)
{
    /// <summary>True while the instance holds its id (pending or running).</summary>
    public bool IsActive => Status is WorkflowStatusKind.Pending or WorkflowStatusKind.Running;
}

/// <summary>Lifecycle of a workflow instance (mirrors Durable's <c>OrchestrationRuntimeStatus</c>).</summary>
public enum WorkflowStatusKind
{
    /// <summary>Scheduled, not started.</summary>
    Pending,

    /// <summary>Running or waiting on a timer or event.</summary>
    Running,

    /// <summary>Finished with an output.</summary>
    Completed,

    /// <summary>Threw.</summary>
    Failed,

    /// <summary>Stopped by an operator.</summary>
    Terminated,
}
