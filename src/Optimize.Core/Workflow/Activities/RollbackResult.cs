using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Workflow.Activities;

/// <summary>How a rollback ended.</summary>
/// <param name="State">RolledBack or RollbackFailed.</param>
/// <param name="Final">Configuration read back, if readable.</param>
/// <param name="Message">The journaled outcome.</param>
internal sealed record RollbackResult(ChangeState State, ResourceConfig? Final, string Message);
