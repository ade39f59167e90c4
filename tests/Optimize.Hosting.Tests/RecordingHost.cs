using Optimize.Workflow.Hosting;
using Optimize.Workflow;

namespace Optimize.Hosting.Tests;

/// <summary>An <see cref="IWorkflowHost"/> that records the starts and events it passes on.</summary>
internal sealed class RecordingHost(IWorkflowHost inner) : IWorkflowHost
{
    public List<(string Workflow, string InstanceId)> Starts { get; } = [];

    public List<(string InstanceId, string Event)> Events { get; } = [];

    public Task<WorkflowInstanceState?> GetStateAsync(string instanceId, CancellationToken cancellationToken = default) =>
        inner.GetStateAsync(instanceId, cancellationToken);

    public async Task StartAsync(string workflowName, string instanceId, object input, CancellationToken cancellationToken = default)
    {
        await inner.StartAsync(workflowName, instanceId, input, cancellationToken);
        Starts.Add((workflowName, instanceId));
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, object payload, CancellationToken cancellationToken = default)
    {
        await inner.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
        Events.Add((instanceId, eventName));
    }
}
