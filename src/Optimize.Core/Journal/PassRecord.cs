namespace Optimize.Journal;

/// <summary>One pass: when, why, what it found. Written when the pass starts and again when it ends.</summary>
/// <param name="PassId">Unique id (sortable by time: <c>pass-yyyyMMddTHHmmssZ-xxxx</c>).</param>
/// <param name="Trigger"><c>nightly</c>, <c>manual</c>, <c>demo</c>, <c>plan</c> or <c>backtest</c>.</param>
/// <param name="StartedAt">Start time.</param>
/// <param name="CompletedAt">End time, null while running.</param>
/// <param name="Status"><c>running</c>, <c>completed</c> or <c>failed</c>.</param>
/// <param name="ResourcesAnalyzed">Resources inventoried and summarized.</param>
/// <param name="Recommendations">Recommendations made.</param>
/// <param name="ChangesPlanned">Changes handed to workflows.</param>
/// <param name="Skipped">Resources or recommendations skipped, with a reason.</param>
/// <param name="EstimatedMonthlySavings">Net over the recommendations: the downsizes' savings minus the upsizes' cost.</param>
/// <param name="Currency">Of the savings.</param>
/// <param name="Message">Failure message or a note.</param>
public sealed record PassRecord(
    string PassId,
    string Trigger,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    string Status,
    int ResourcesAnalyzed,
    int Recommendations,
    int ChangesPlanned,
    int Skipped,
    decimal EstimatedMonthlySavings,
    string Currency,
    string Message = "");
