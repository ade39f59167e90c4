using Optimize.Changes;
using Optimize.Journal;
using Optimize.Recommendations;

namespace Optimize.Engine;

/// <summary>Everything a pass decided.</summary>
/// <param name="Pass">The pass record (as journaled).</param>
/// <param name="Advices">Every advisor answer, one per analyzed resource.</param>
/// <param name="Decisions">One decision per inventoried resource in scope (planned, recommended or skipped, with its reason).</param>
/// <param name="Plans">Changes to start; each is already in the journal as Planned (unless the pass was read-only).</param>
/// <param name="Timings">Duration of each named step, for logs and the report.</param>
public sealed record PassResult(
    PassRecord Pass,
    IReadOnlyList<Advice> Advices,
    IReadOnlyList<DecisionRecord> Decisions,
    IReadOnlyList<ChangePlan> Plans,
    IReadOnlyList<PassStepTiming> Timings)
{
    /// <summary>The recommendations' savings: downsizes, upsize cost and net (<see cref="PassRecord.EstimatedMonthlySavings"/> is the net).</summary>
    public SavingsSummary Savings => SavingsSummary.Of(Advices, Pass.Currency);
}

/// <summary>How long one step of a pass took.</summary>
/// <param name="Step">Step name.</param>
/// <param name="Duration">Wall time.</param>
/// <param name="Detail">What it did: "1,000 resources", "20 metric calls".</param>
public sealed record PassStepTiming(string Step, TimeSpan Duration, string Detail);
