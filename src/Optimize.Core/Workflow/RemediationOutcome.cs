namespace Optimize.Workflow;

/// <summary>What the alert remediation workflow did.</summary>
/// <param name="ResourceId">The alerted resource.</param>
/// <param name="Action"><c>signalled-change</c> (forwarded to the change in flight), <c>reverted</c>, <c>none</c> or <c>failed</c>.</param>
/// <param name="ChangeId">The change signalled or reverted, if any.</param>
/// <param name="Reason">Why.</param>
public sealed record RemediationOutcome(string ResourceId, string Action, string? ChangeId, string Reason);
