using System.Globalization;
using Azure.Data.Tables;
using Optimize.Journal.Tables.Keys;

namespace Optimize.Journal.Tables.Entities;

/// <summary>Maps <see cref="PassRecord"/> to its row: PK <c>pass</c>, RK inverted start ticks + pass id.</summary>
internal static class PassEntities
{
    public static TableEntity ToEntity(PassRecord pass) => new TableEntity(JournalKeys.PassPartition, JournalKeys.NewestFirst(pass.StartedAt, pass.PassId))
    {
        ["PassId"] = pass.PassId,
        ["Trigger"] = pass.Trigger,
        ["StartedAt"] = pass.StartedAt,
        ["CompletedAt"] = pass.CompletedAt,
        ["Status"] = pass.Status,
        ["ResourcesAnalyzed"] = pass.ResourcesAnalyzed,
        ["Recommendations"] = pass.Recommendations,
        ["ChangesPlanned"] = pass.ChangesPlanned,
        ["Skipped"] = pass.Skipped,
        ["EstimatedMonthlySavings"] = pass.EstimatedMonthlySavings.ToString(CultureInfo.InvariantCulture),
        ["Currency"] = pass.Currency,
        ["Message"] = pass.Message,
    }.WithoutNulls();

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
