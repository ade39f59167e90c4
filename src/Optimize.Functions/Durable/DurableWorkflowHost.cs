using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;

namespace Optimize.Functions.Durable;

/// <summary>The engine's <see cref="IWorkflowHost"/> over Durable's <see cref="DurableTaskClient"/>.</summary>
internal sealed class DurableWorkflowHost(DurableTaskClient client) : IWorkflowHost
{
    public async Task<WorkflowInstanceState?> GetStateAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var meta = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (meta is null)
        {
            return null;
        }

        var status = meta.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Pending => WorkflowStatusKind.Pending,
            OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended => WorkflowStatusKind.Running,
            OrchestrationRuntimeStatus.Completed => WorkflowStatusKind.Completed,
            OrchestrationRuntimeStatus.Failed => WorkflowStatusKind.Failed,
            _ => WorkflowStatusKind.Terminated,
        };
        return new WorkflowInstanceState(meta.InstanceId, meta.Name, status, meta.SerializedCustomStatus, meta.SerializedOutput);
    }

    public async Task StartAsync(string workflowName, string instanceId, object input, CancellationToken cancellationToken = default)
    {
        // Single flight is explicit, not a backend default: an id whose instance is pending, running or suspended is
        // refused (DurableTaskClient.ScheduleNewOrchestrationInstanceAsync documents OrchestrationAlreadyExistsException
        // for it). Only that exception means "already running"; any other failure reaches the caller as itself.
        var options = new StartOrchestrationOptions(instanceId).WithDedupeStatuses(
            OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(workflowName, input, options, cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException ex)
        {
            throw new WorkflowAlreadyRunningException(instanceId, $"Workflow {instanceId} is already running: {ex.Message}", ex);
        }
    }

    public Task RaiseEventAsync(string instanceId, string eventName, object payload, CancellationToken cancellationToken = default) =>
        client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
}
