using Optimize.Changes;

namespace Optimize.Workflow;

/// <summary>The custom status a change workflow publishes after every journaled step (small, serializable).</summary>
/// <param name="ChangeId">The change.</param>
/// <param name="StageIndex">Stage the step belongs to, or -1.</param>
/// <param name="StageCount">Stages in the plan.</param>
/// <param name="State">State after the step.</param>
/// <param name="Step">One of <see cref="ChangeSteps"/>.</param>
/// <param name="Message">What happened.</param>
public sealed record ChangeProgress(string ChangeId, int StageIndex, int StageCount, ChangeState State, string Step, string Message);
