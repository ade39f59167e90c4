using Optimize.Changes;

namespace Optimize.Workflow.Runner;

/// <summary>What recovery did with one active change.</summary>
/// <param name="ChangeId">The change.</param>
/// <param name="ResourceId">Its resource.</param>
/// <param name="Found">The state the journal held.</param>
/// <param name="Kind">What recovery did.</param>
/// <param name="InstanceId">The workflow instance started (or found running).</param>
/// <param name="Message">The journaled explanation.</param>
public sealed record RecoveryAction(string ChangeId, string ResourceId, ChangeState Found, RecoveryKind Kind, string InstanceId, string Message);
