using Optimize.Changes;
using Optimize.Journal;
using Optimize.Metrics;
using Optimize.Model;

namespace Optimize.Cli.Reports;

/// <summary>
/// <c>optimize report</c>: the seeds' measures over the journal — revert rate per kind, realized against estimated savings,
/// decision latency, escalations and approvals waiting. Also its <c>--json</c> document. Changes count from when the planner
/// recorded them (<see cref="ChangeRecord.CreatedAt"/>), whichever journal serves them.
/// </summary>
internal sealed record OperationsReport
{
    /// <summary>Changes created at or after this time, or null for the whole journal.</summary>
    public required DateTimeOffset? Since { get; init; }

    /// <summary>Changes read (created in the period).</summary>
    public required int Changes { get; init; }

    /// <summary>True when the journal held more changes than the report reads (<see cref="OperationsReportBuilder.MaxChanges"/>).</summary>
    public required bool Truncated { get; init; }

    /// <summary>The currency of the savings (the plans'; mixed currencies are named in <see cref="Notes"/>).</summary>
    public required string Currency { get; init; }

    /// <summary>One row per kind with changes, then nothing else.</summary>
    public required IReadOnlyList<KindOutcomes> Kinds { get; init; }

    /// <summary>What the plans estimated, net of upsizes, over every change that was applied (promoted, rolled back or escalated).</summary>
    public required decimal EstimatedMonthlySavings { get; init; }

    /// <summary>What stays: the estimates of changes still promoted (not rolled back later by an alert), net of upsizes.</summary>
    public required decimal RealizedMonthlySavings { get; init; }

    /// <summary>Pass start → the change's first apply, minutes (approval waits and change windows included).</summary>
    public required LatencySummary PassToApply { get; init; }

    /// <summary>First alert on a change → its rollback finished, minutes.</summary>
    public required LatencySummary AlertToRollback { get; init; }

    /// <summary>Changes whose rollback failed (escalated to a human), newest first.</summary>
    public required IReadOnlyList<ChangeLine> Escalations { get; init; }

    /// <summary>Changes awaiting approval, oldest first.</summary>
    public required IReadOnlyList<ChangeLine> AwaitingApproval { get; init; }

    /// <summary>What the reader must know (a truncated read, mixed currencies).</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}

/// <summary>Outcomes of one kind's changes in the period.</summary>
/// <param name="Kind">The resource kind.</param>
/// <param name="Applied">Changes that reached a configuration write and ended: promoted, rolled back or escalated.</param>
/// <param name="Promoted">Still promoted.</param>
/// <param name="RolledBack">Rolled back (by a guard, a failed apply or an alert).</param>
/// <param name="Escalated">Rollback failed.</param>
/// <param name="Rejected">Rejected (a decision or an approval timeout).</param>
/// <param name="Aborted">Aborted before any write (drift, a failed capture, an unhealthy baseline).</param>
/// <param name="InFlight">Planned, awaiting approval, applying, observing or rolling back.</param>
internal sealed record KindOutcomes(ResourceKind Kind, int Applied, int Promoted, int RolledBack, int Escalated, int Rejected, int Aborted, int InFlight)
{
    /// <summary>Rollbacks (and escalations) per applied change, 0–1; null when nothing was applied.</summary>
    public double? RevertRate => Applied == 0 ? null : (double)(RolledBack + Escalated) / Applied;
}

/// <summary>A latency distribution in minutes, from the engine's one summarizer; null figures when there are no samples.</summary>
internal sealed record LatencySummary(int Samples, double? MedianMinutes, double? P95Minutes, double? MaxMinutes)
{
    /// <summary>Summarizes <paramref name="minutes"/> with <see cref="MetricAccumulator"/> (the pass's summarizer).</summary>
    public static LatencySummary Of(IReadOnlyCollection<double> minutes)
    {
        if (minutes.Count == 0)
        {
            return new LatencySummary(0, null, null, null);
        }

        var accumulator = new MetricAccumulator();
        foreach (var m in minutes)
        {
            accumulator.Add(m);
        }

        var summary = accumulator.ToSummary("latencyMinutes", minutes.Count);
        return new LatencySummary(minutes.Count, summary.Get("p50"), summary.Get("p95"), summary.Get("max"));
    }
}

/// <summary>One change named in the report, with what to run next.</summary>
internal sealed record ChangeLine(string ChangeId, string ResourceId, ResourceKind Kind, string From, string To, DateTimeOffset Since, string Outcome);
