namespace Optimize.Workflow.Hosting;

/// <summary>Where an alert goes: one of <see cref="SignalChange"/>, <see cref="StartRemediation"/> or <see cref="Ignore"/>.</summary>
public abstract record AlertRoute
{
    private AlertRoute()
    {
    }

    /// <summary>Raise <see cref="WorkflowEvents.Alert"/> on the change in flight (it rolls back).</summary>
    /// <param name="InstanceId">The change workflow's instance.</param>
    public sealed record SignalChange(string InstanceId) : AlertRoute;

    /// <summary>Start <see cref="WorkflowNames.AlertRemediation"/> under this instance id.</summary>
    /// <param name="InstanceId">The remediation instance (one per resource).</param>
    public sealed record StartRemediation(string InstanceId) : AlertRoute;

    /// <summary>Do nothing.</summary>
    /// <param name="Reason">Why.</param>
    public sealed record Ignore(string Reason) : AlertRoute;
}
