using System.Globalization;
using Azure.Data.Tables;
using Optimize.Journal.Tables.Keys;

namespace Optimize.Journal.Tables.Entities;

/// <summary>Maps <see cref="PassRecord"/> to its row: PK <c>pass</c>, RK inverted start ticks + pass id.</summary>
internal static class PassEntities
{
    /// <exception cref="ArgumentException">The pass id makes a key over 1 KiB.</exception>
    public static TableEntity ToEntity(PassRecord pass)
    {
        var e = new TableEntity(JournalKeys.PassPartition, JournalKeys.NewestFirst(pass.StartedAt, pass.PassId))
        {
            ["PassId"] = pass.PassId,
            ["Trigger"] = TableStoreLimits.FitOrNull(pass.Trigger),
            ["StartedAt"] = pass.StartedAt,
            ["CompletedAt"] = pass.CompletedAt,
            ["Status"] = TableStoreLimits.FitOrNull(pass.Status),
            ["ResourcesAnalyzed"] = pass.ResourcesAnalyzed,
            ["Recommendations"] = pass.Recommendations,
            ["ChangesPlanned"] = pass.ChangesPlanned,
            ["Skipped"] = pass.Skipped,
            ["EstimatedMonthlySavings"] = pass.EstimatedMonthlySavings.ToString(CultureInfo.InvariantCulture),
            ["Currency"] = TableStoreLimits.FitOrNull(pass.Currency),
            ["Message"] = TableStoreLimits.FitOrNull(pass.Message),
        }.WithoutNulls();
        EntitySize.Check(e, $"Pass {pass.PassId}");
        return e;
    }

    public static PassRecord FromEntity(TableEntity e) => new(
        e.GetString("PassId"),
        e.GetString("Trigger"),
        e.GetDateTimeOffset("StartedAt")!.Value,
        e.GetDateTimeOffset("CompletedAt"),
        e.GetString("Status"),
        e.GetInt32("ResourcesAnalyzed") ?? 0,
        e.GetInt32("Recommendations") ?? 0,
        e.GetInt32("ChangesPlanned") ?? 0,
        e.GetInt32("Skipped") ?? 0,
        decimal.Parse(e.GetString("EstimatedMonthlySavings") ?? "0", CultureInfo.InvariantCulture),
        e.GetString("Currency") ?? string.Empty,
        e.GetString("Message") ?? string.Empty);
}
