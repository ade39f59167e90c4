namespace Optimize.Workflow.Hosting;

/// <summary>
/// Pure routing of an alert: to the change in flight on its resource (which rolls back), to a new remediation
/// workflow (which may revert a recently promoted change), or nowhere. Hosts (the in-process runner, the Function
/// App's webhook) ask it and then act.
/// </summary>
public static class AlertRouter
{
    /// <summary>Decides where <paramref name="signal"/> goes.</summary>
    /// <param name="signal">The alert.</param>
    /// <param name="changeRunning">True when the change workflow of the resource (<see cref="InstanceIds.ForChange"/>) is running.</param>
    /// <param name="remediationRunning">True when a remediation of the resource (<see cref="InstanceIds.ForAlert"/>) is running.</param>
    /// <exception cref="ArgumentNullException"><paramref name="signal"/> is null.</exception>
    public static AlertRoute Route(AlertSignal signal, bool changeRunning, bool remediationRunning = false)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (string.IsNullOrWhiteSpace(signal.ResourceId))
        {
            return new AlertRoute.Ignore($"alert '{signal.RuleName}' names no resource");
        }

        if (!signal.Fired)
        {
            return new AlertRoute.Ignore($"alert '{signal.RuleName}' resolved: nothing to do");
        }

        if (changeRunning)
        {
            return new AlertRoute.SignalChange(InstanceIds.ForChange(signal.ResourceId));
        }

        return remediationRunning
            ? new AlertRoute.Ignore($"a remediation of {signal.ResourceId} is already running")
            : new AlertRoute.StartRemediation(InstanceIds.ForAlert(signal.ResourceId));
    }
}
