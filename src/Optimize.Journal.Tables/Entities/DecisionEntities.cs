using System.Globalization;
using Azure.Data.Tables;
using Optimize.Journal.Tables.Keys;
using Optimize.Model;

namespace Optimize.Journal.Tables.Entities;

/// <summary>Maps <see cref="DecisionRecord"/> to its row: PK pass id, RK encoded resource id.</summary>
internal static class DecisionEntities
{
    /// <exception cref="ArgumentException">The decision exceeds the entity limits.</exception>
    public static TableEntity ToEntity(DecisionRecord d)
    {
        var e = new TableEntity(KeyEncoding.ForId(d.PassId), KeyEncoding.ForResource(d.ResourceId))
        {
            ["PassId"] = d.PassId,
            ["ResourceId"] = d.ResourceId,
            ["Kind"] = d.Kind.ToString(),
            ["Outcome"] = d.Outcome.ToString(),
            ["ReasonCode"] = TableStoreLimits.FitOrNull(d.ReasonCode),
            ["Message"] = TableStoreLimits.FitOrNull(d.Message),
            ["EstimatedMonthlySavings"] = d.EstimatedMonthlySavings.ToString(CultureInfo.InvariantCulture),
            ["ChangeId"] = d.ChangeId,
        }.WithoutNulls();
        JsonColumns.Write(e, "Current", d.Current is null ? null : JournalJson.Write(d.Current));
        JsonColumns.Write(e, "Target", d.Target is null ? null : JournalJson.Write(d.Target));
        JsonColumns.Write(e, "Evidence", EvidenceJson.Write(d.Evidence ?? []));
        EntitySize.Check(e, $"The decision of pass {d.PassId} for {d.ResourceId}");
        return e;
    }

    public static DecisionRecord FromEntity(TableEntity e)
    {
        var current = JsonColumns.Read(e, "Current");
        var target = JsonColumns.Read(e, "Target");
        return new DecisionRecord(
            e.GetString("PassId"),
            e.GetString("ResourceId"),
            Enum.Parse<ResourceKind>(e.GetString("Kind")),
            Enum.Parse<DecisionOutcome>(e.GetString("Outcome")),
            e.GetString("ReasonCode") ?? string.Empty,
            e.GetString("Message") ?? string.Empty,
            current is null ? null : JournalJson.Read<ResourceConfig>(current, "current configuration"),
            target is null ? null : JournalJson.Read<ResourceConfig>(target, "target configuration"),
            decimal.Parse(e.GetString("EstimatedMonthlySavings") ?? "0", CultureInfo.InvariantCulture),
            EvidenceJson.Read(JsonColumns.Read(e, "Evidence")),
            e.GetString("ChangeId"));
    }
}
