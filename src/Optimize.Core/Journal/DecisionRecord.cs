using Optimize.Model;
using Optimize.Recommendations;

namespace Optimize.Journal;

/// <summary>What a pass decided for one resource.</summary>
public enum DecisionOutcome
{
    /// <summary>A change was planned and handed to a workflow.</summary>
    Planned,

    /// <summary>Recommended, reported only (recommend mode, or blocked by a guardrail: see the reason).</summary>
    Recommended,

    /// <summary>Nothing recommended (right-sized, no data, unknown SKU, out of scope...).</summary>
    Skipped,
}

/// <summary>One resource's decision in one pass.</summary>
/// <param name="PassId">The pass.</param>
/// <param name="ResourceId">ARM id.</param>
/// <param name="Kind">Resource kind.</param>
/// <param name="Outcome">Planned, recommended or skipped.</param>
/// <param name="ReasonCode">Skip code (<see cref="SkipReasons"/>), empty when planned.</param>
/// <param name="Message">Rationale or skip message.</param>
/// <param name="Current">Configuration seen.</param>
/// <param name="Target">Recommended configuration, if any.</param>
/// <param name="EstimatedMonthlySavings">Saving of the recommendation, 0 when none.</param>
/// <param name="Evidence">The numbers looked at.</param>
/// <param name="ChangeId">Change planned, if any.</param>
public sealed record DecisionRecord(
    string PassId,
    string ResourceId,
    ResourceKind Kind,
    DecisionOutcome Outcome,
    string ReasonCode,
    string Message,
    ResourceConfig? Current,
    ResourceConfig? Target,
    decimal EstimatedMonthlySavings,
    IReadOnlyList<EvidenceItem> Evidence,
    string? ChangeId = null);
