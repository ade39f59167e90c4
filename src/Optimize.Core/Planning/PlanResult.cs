using Optimize.Changes;
using Optimize.Journal;

namespace Optimize.Planning;

/// <summary>What the planner decided for a pass.</summary>
/// <param name="Decisions">Exactly one decision per advice, in the order of the advices.</param>
/// <param name="Plans">The changes to start, most valuable first (scale-ups, then by saving); each has a
/// <see cref="DecisionOutcome.Planned"/> decision with the same change id.</param>
public sealed record PlanResult(IReadOnlyList<DecisionRecord> Decisions, IReadOnlyList<ChangePlan> Plans);
