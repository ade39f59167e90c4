namespace Optimize.Workflow.Runner;

/// <summary>The result of <see cref="WorkflowRunner.StartAsync"/>: started, or refused because an instance with the id runs.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Started">True when a new instance started.</param>
/// <param name="Reason">Why it was refused; empty when started.</param>
public sealed record WorkflowStartResult(string InstanceId, bool Started, string Reason);
