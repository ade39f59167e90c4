namespace Optimize.Workflow.Runner;

/// <summary>A durable timer (or an event wait's timeout) waiting in the runner.</summary>
internal sealed class PendingTimer(WorkflowInstance instance, DateTimeOffset fireAt, long sequence, Action fire)
{
    public WorkflowInstance Instance { get; } = instance;

    public DateTimeOffset FireAt { get; } = fireAt;

    public long Sequence { get; } = sequence;

    public void Fire() => fire();
}
