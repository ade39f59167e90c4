namespace Optimize.Workflow.Runner;

/// <summary>Options of <see cref="WorkflowRunner"/>.</summary>
public sealed class WorkflowRunnerOptions
{
    /// <summary>A virtual clock to jump to the next timer (the clock of the runner's <see cref="TimeProvider"/>);
    /// null to wait for timers in real time.</summary>
    public IVirtualClock? VirtualClock { get; init; }
}
