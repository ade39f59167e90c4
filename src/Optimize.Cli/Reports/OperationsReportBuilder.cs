using Optimize.Changes;
using Optimize.Journal;
using Optimize.Model;

namespace Optimize.Cli.Reports;

/// <summary>Reads <see cref="OperationsReport"/> from the journal: the changes of the period, their steps, and the passes that planned them.</summary>
internal static class OperationsReportBuilder
{
    /// <summary>The most changes (and passes) one report reads; beyond it the report says it is truncated.</summary>
    public const int MaxChanges = 20_000;

    /// <summary>Builds the report over changes created at or after <paramref name="since"/> (all when null).</summary>
    /// <param name="progress">Called with (events read, changes to read) while the steps are read; may be null.</param>
    public static async Task<OperationsReport> BuildAsync(IJournalReader journal, DateTimeOffset? since, Action<int, int>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var changes = new List<ChangeRecord>();
        var read = 0;
        await foreach (var change in journal.ListChangesAsync(new HistoryQuery(Since: since, Limit: MaxChanges + 1), ct))
        {
            read++;
            if (read > MaxChanges)
            {
                break;
            }

            // The journals filter "since" on different timestamps (Table Storage: created; in memory: updated): count by creation.
            if (since is null || change.CreatedAt >= since)
            {
                changes.Add(change);
            }
        }

        var passStarts = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var pass in journal.ListPassesAsync(new HistoryQuery(Since: since?.AddDays(-1), Limit: MaxChanges), ct))
        {
            passStarts[pass.PassId] = pass.StartedAt;
        }

        var applied = changes.Where(c => IsApplied(c.State)).ToList();
        var passToApply = new List<double>();
        var alertToRollback = new List<double>();
        for (var i = 0; i < applied.Count; i++)
        {
            progress?.Invoke(i, applied.Count);
            var change = applied[i];
            DateTimeOffset? firstApply = null, firstAlert = null, rolledBack = null;
            await foreach (var e in journal.ListEventsAsync(change.ChangeId, ct))
            {
                firstApply ??= e.Step == ChangeSteps.Apply ? e.At : null;
                firstAlert ??= e.Step == ChangeSteps.Alert ? e.At : null;
                rolledBack = e.Step == ChangeSteps.Rollback && e.State == ChangeState.RolledBack ? e.At : rolledBack;
            }

            if (firstApply is { } apply && passStarts.TryGetValue(change.Plan.PassId, out var started) && apply >= started)
            {
                passToApply.Add((apply - started).TotalMinutes);
            }

            if (firstAlert is { } alert && rolledBack is { } back && back >= alert)
            {
                alertToRollback.Add((back - alert).TotalMinutes);
            }
        }

        progress?.Invoke(applied.Count, applied.Count);
        var currencies = changes.Select(c => c.Plan.Currency).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var notes = new List<string>();
        if (read > MaxChanges)
        {
            notes.Add($"the journal holds more than {MaxChanges:N0} changes in the period: the newest {MaxChanges:N0} are counted; narrow it with --since.");
        }

        if (currencies.Count > 1)
        {
            notes.Add($"the plans are priced in {string.Join(", ", currencies)}: the sums add them as they are.");
        }

        return new OperationsReport
        {
            Since = since,
            Changes = changes.Count,
            Truncated = read > MaxChanges,
            Currency = currencies.FirstOrDefault() ?? "USD",
            Kinds = [.. changes.GroupBy(c => c.Resource.Kind).OrderBy(g => g.Key).Select(Outcomes)],
            EstimatedMonthlySavings = applied.Sum(c => c.Plan.EstimatedMonthlySavings),
            RealizedMonthlySavings = changes.Where(c => c.State == ChangeState.Promoted).Sum(c => c.Plan.EstimatedMonthlySavings),
            PassToApply = LatencySummary.Of(passToApply),
            AlertToRollback = LatencySummary.Of(alertToRollback),
            Escalations = [.. changes.Where(c => c.State == ChangeState.RollbackFailed).OrderByDescending(c => c.UpdatedAt).Select(Line)],
            AwaitingApproval = [.. changes.Where(c => c.State == ChangeState.AwaitingApproval).OrderBy(c => c.UpdatedAt).Select(Line)],
            Notes = notes,
        };
    }

    /// <summary>Ended after a configuration write: promoted, rolled back or escalated.</summary>
    private static bool IsApplied(ChangeState state) => state is ChangeState.Promoted or ChangeState.RolledBack or ChangeState.RollbackFailed;

    private static KindOutcomes Outcomes(IGrouping<ResourceKind, ChangeRecord> g) => new(
        g.Key,
        g.Count(c => IsApplied(c.State)),
        g.Count(c => c.State == ChangeState.Promoted),
        g.Count(c => c.State == ChangeState.RolledBack),
        g.Count(c => c.State == ChangeState.RollbackFailed),
        g.Count(c => c.State == ChangeState.Rejected),
        g.Count(c => c.State == ChangeState.Aborted),
        g.Count(c => c.State.IsActive()));

    private static ChangeLine Line(ChangeRecord c) =>
        new(c.ChangeId, c.Resource.Id, c.Resource.Kind, c.RollbackTarget.Describe(), c.Plan.FinalTarget.Describe(), c.UpdatedAt, c.Outcome);
}
