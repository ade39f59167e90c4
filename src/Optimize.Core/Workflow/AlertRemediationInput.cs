using Optimize.Workflow.Hosting;

namespace Optimize.Workflow;

/// <summary>Input of <see cref="WorkflowNames.AlertRemediation"/>: the alert and how far back a promoted change counts as its cause.</summary>
/// <param name="Signal">The alert.</param>
/// <param name="RevertWindow">A change promoted longer ago than this is not reverted (policy).</param>
public sealed record AlertRemediationInput(AlertSignal Signal, TimeSpan RevertWindow)
{
    /// <summary>Validated: the window must be positive.</summary>
    public TimeSpan RevertWindow { get; } = RevertWindow > TimeSpan.Zero
        ? RevertWindow
        : throw new ArgumentOutOfRangeException(nameof(RevertWindow), RevertWindow, "RevertWindow must be positive.");
}
