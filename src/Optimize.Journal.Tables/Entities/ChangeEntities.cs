using Azure;
using Azure.Data.Tables;
using Optimize.Changes;
using Optimize.Journal.Tables.Keys;
using Optimize.Model;

namespace Optimize.Journal.Tables.Entities;

/// <summary>
/// Maps <see cref="ChangeRecord"/> to its main row (PK encoded resource id, RK inverted creation ticks + change id)
/// and to the pointer rows of the indexes (id, pass, day, active), which hold the main row's keys.
/// </summary>
internal static class ChangeEntities
{
    public static string MainPartition(ChangeRecord c) => JournalKeys.ResourcePartition(c.Plan.Resource.Id);

    public static string MainRow(ChangeRecord c) => JournalKeys.NewestFirst(c.CreatedAt, c.ChangeId);

    /// <exception cref="ArgumentException">The record exceeds the entity limits.</exception>
    public static TableEntity ToEntity(ChangeRecord c)
    {
        var e = new TableEntity(MainPartition(c), MainRow(c))
        {
            ["ChangeId"] = c.ChangeId,
            ["ResourceId"] = c.Plan.Resource.Id,
            ["PassId"] = c.Plan.PassId,
            ["Kind"] = c.Plan.Resource.Kind.ToString(),
            ["State"] = c.State.ToString(),
            ["StageIndex"] = c.StageIndex,
            ["CreatedAt"] = c.CreatedAt,
            ["UpdatedAt"] = c.UpdatedAt,
            ["Outcome"] = TableStoreLimits.FitOrNull(c.Outcome),
        }.WithoutNulls();
        JsonColumns.Write(e, "Plan", JournalJson.Write(c.Plan));
        JsonColumns.Write(e, "Captured", c.Captured is null ? null : JournalJson.Write(c.Captured));
        EntitySize.Check(e, $"Change {c.ChangeId}");
        return e;
    }

    public static ChangeRecord FromEntity(TableEntity e)
    {
        var captured = JsonColumns.Read(e, "Captured");
        return new ChangeRecord(
            e.GetString("ChangeId"),
            JournalJson.Read<ChangePlan>(JsonColumns.Read(e, "Plan") ?? "null", "plan"),
            Enum.Parse<ChangeState>(e.GetString("State")),
            e.GetInt32("StageIndex") ?? -1,
            captured is null ? null : JournalJson.Read<ResourceConfig>(captured, "captured configuration"),
            e.GetDateTimeOffset("CreatedAt")!.Value,
            e.GetDateTimeOffset("UpdatedAt")!.Value,
            e.GetString("Outcome") ?? string.Empty,
            e.ETag.ToString());
    }

    /// <summary>A pointer row to the main row of <paramref name="c"/>.</summary>
    public static TableEntity Pointer(string partitionKey, string rowKey, ChangeRecord c) => new(partitionKey, rowKey)
    {
        ["ChangeId"] = c.ChangeId,
        ["ChangePartition"] = MainPartition(c),
        ["ChangeRow"] = MainRow(c),
        ["CreatedAt"] = c.CreatedAt,
    };

    /// <summary>Property of an <c>active</c> pointer written by an update: the ETag of the row version it replaces.</summary>
    public const string ForETagProperty = "ForETag";

    /// <summary>True when <paramref name="pointer"/> was written by an update of the row version <paramref name="etag"/>.</summary>
    public static bool IsForVersion(TableEntity pointer, string? etag) =>
        etag is not null && string.Equals(pointer.GetString(ForETagProperty), etag, StringComparison.Ordinal);

    /// <summary>The main row keys a pointer holds.</summary>
    public static (string Partition, string Row) Target(TableEntity pointer) =>
        (pointer.GetString("ChangePartition"), pointer.GetString("ChangeRow"));

    /// <summary>The ETag of a record, parsed.</summary>
    public static ETag ETagOf(ChangeRecord c) => new(c.ETag ?? throw new ArgumentException($"Change {c.ChangeId} has no ETag: update a record read from the journal.", nameof(c)));
}
