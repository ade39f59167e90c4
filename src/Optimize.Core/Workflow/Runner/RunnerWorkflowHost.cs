using Optimize.Workflow.Hosting;

namespace Optimize.Workflow.Runner;

/// <summary><see cref="IWorkflowHost"/> over the in-process <see cref="WorkflowRunner"/> (CLI, tests).</summary>
public sealed class RunnerWorkflowHost(WorkflowRunner runner) : IWorkflowHost
{
    /// <summary>The runner it drives.</summary>
    public WorkflowRunner Runner => runner;

    /// <inheritdoc />
    public Task<WorkflowInstanceState?> GetStateAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var status = runner.GetStatus(instanceId);
        return Task.FromResult(status is null
            ? null
            : new WorkflowInstanceState(
                status.InstanceId,
                status.Name,
                status.RuntimeStatus switch
                {
                    WorkflowRuntimeStatus.Running => WorkflowStatusKind.Running,
                    WorkflowRuntimeStatus.Completed => WorkflowStatusKind.Completed,
                    _ => WorkflowStatusKind.Failed,
                },
                status.SerializedCustomStatus,
                status.SerializedOutput));
    }

    /// <inheritdoc />
    public async Task StartAsync(string workflowName, string instanceId, object input, CancellationToken cancellationToken = default)
    {
        var started = await runner.StartAsync(workflowName, instanceId, input);
        if (!started.Started)
        {
            throw new WorkflowAlreadyRunningException(instanceId, started.Reason);
        }
    }

    /// <inheritdoc />
    public Task RaiseEventAsync(string instanceId, string eventName, object payload, CancellationToken cancellationToken = default) =>
        runner.RaiseEventAsync(instanceId, eventName, payload);
}
