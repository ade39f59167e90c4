namespace Optimize.Workflow.Runner;

/// <summary>Queues every continuation of one workflow instance on the runner's pump, so workflow code runs one step at
/// a time and the runner can tell when everything is blocked.</summary>
internal sealed class InstanceSynchronizationContext(WorkflowRunner runner, WorkflowInstance instance) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) => runner.Enqueue(instance, d, state);

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Workflow code must not block on a synchronous send.");

    public override SynchronizationContext CreateCopy() => this;
}
