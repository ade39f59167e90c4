namespace Optimize.Workflow.Hosting;

/// <summary>An alert reduced to what a workflow needs: small, serializable, no payload blobs.</summary>
/// <param name="AlertId">Azure's alert id (for the journal).</param>
/// <param name="ResourceId">The target resource (one signal per resource).</param>
/// <param name="RuleName">Alert rule name.</param>
/// <param name="Severity">Sev0–Sev4.</param>
/// <param name="Fired">True when fired, false when resolved.</param>
/// <param name="FiredAt">When Azure says it fired.</param>
/// <param name="Description">Condition summary: "Percentage CPU &gt; 85 (avg 92.1)".</param>
public sealed record AlertSignal(
    string AlertId,
    string ResourceId,
    string RuleName,
    string Severity,
    bool Fired,
    DateTimeOffset FiredAt,
    string Description)
{
    /// <summary>The common alert schema's <c>signalType</c>: <c>Metric</c>, <c>Log</c> or <c>Activity Log</c>; empty when unknown.</summary>
    public string SignalType { get; init; } = string.Empty;
}
