using Optimize.Engine;
using Optimize.Journal;
using Optimize.Model;

namespace Optimize.Cli.Reports;

/// <summary>What <c>optimize plan</c> reports: what Optimize would do, and why not elsewhere. Savings are net
/// (<see cref="DownsizeMonthlySavings"/> minus <see cref="UpsizeMonthlyCost"/>).</summary>
internal sealed record PlanReport(
    string PassId,
    int ResourcesAnalyzed,
    int Recommendations,
    int WouldChange,
    int Skipped,
    decimal EstimatedMonthlySavings,
    decimal DownsizeMonthlySavings,
    decimal UpsizeMonthlyCost,
    string Currency,
    double WallTimeSeconds,
    IReadOnlyList<PlanRow> Recommended,
    IReadOnlyList<PlanRow> SkippedResources,
    IReadOnlyDictionary<string, int> SkipReasons)
{
    public static PlanReport From(PassResult result, TimeSpan wall)
    {
        var rows = result.Decisions.Select(d => new PlanRow(
            d.ResourceId, d.Kind, d.Outcome.ToString(), d.ReasonCode, d.Message, d.Current?.Describe(), d.Target?.Describe(), d.EstimatedMonthlySavings)).ToList();
        var recommended = rows.Where(r => r.Target is not null).OrderByDescending(r => r.EstimatedMonthlySavings).ToList();
        var skipped = rows.Where(r => r.Target is null).OrderBy(r => r.ReasonCode, StringComparer.Ordinal).ToList();
        return new PlanReport(
            result.Pass.PassId,
            result.Pass.ResourcesAnalyzed,
            result.Pass.Recommendations,
            // Read-only: nothing is planned; "would change" counts recommendations that passed every guardrail but the mode.
            result.Decisions.Count(d => d.Outcome == DecisionOutcome.Planned || d.ReasonCode == Optimize.Recommendations.SkipReasons.RecommendOnlyCode),
            skipped.Count,
            result.Savings.Net,
            result.Savings.Downsizes,
            result.Savings.UpsizeCost,
            result.Pass.Currency,
            Math.Round(wall.TotalSeconds, 1),
            recommended,
            skipped,
            skipped.GroupBy(s => s.ReasonCode).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()));
    }
}

/// <summary>One resource's line in a plan.</summary>
internal sealed record PlanRow(string ResourceId, ResourceKind Kind, string Outcome, string ReasonCode, string Reason, string? Current, string? Target, decimal EstimatedMonthlySavings);
