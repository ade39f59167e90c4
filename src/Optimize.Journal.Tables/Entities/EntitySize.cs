using Azure.Data.Tables;

namespace Optimize.Journal.Tables.Entities;

/// <summary>
/// The stored size of an entity by the Table Storage formula (<see cref="TableStoreLimits.EntityBytes"/>), and the
/// checks every row passes before it is sent: keys (1 KiB, no forbidden characters), string properties (32K
/// characters), 1 MiB and 252 properties per entity, as published in "Understanding the Table service data model".
/// </summary>
internal static class EntitySize
{
    /// <summary>Largest entity, bytes.</summary>
    public const int MaxBytes = TableStoreLimits.MaxEntityBytes;

    /// <summary>Most custom properties per entity.</summary>
    public const int MaxProperties = TableStoreLimits.MaxProperties;

    /// <summary>The size of <paramref name="entity"/> in bytes.</summary>
    public static long Of(ITableEntity entity) => TableStoreLimits.EntityBytes(
        entity.PartitionKey,
        entity.RowKey,
        entity is TableEntity dictionary
            ? dictionary.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            : []);

    /// <summary>Throws when <paramref name="entity"/> is over the limits.</summary>
    /// <exception cref="ArgumentException">A key over 1 KiB or holding a forbidden character; over 1 MiB, 252
    /// properties or 32K characters in a string; names what and how much.</exception>
    public static void Check(TableEntity entity, string what)
    {
        TableStoreLimits.CheckKey(entity.PartitionKey, $"{what} (PartitionKey)");
        TableStoreLimits.CheckKey(entity.RowKey, $"{what} (RowKey)");
        TableStoreLimits.CheckEntityBytes(Of(entity), what);
        var tooLong = entity.FirstOrDefault(p => p.Value is string { Length: > TableStoreLimits.MaxStringChars });
        if (tooLong.Key is not null)
        {
            throw new ArgumentException($"{what}: property {tooLong.Key} has {((string)tooLong.Value).Length} characters, over the {TableStoreLimits.MaxStringChars} a Table Storage string holds.", nameof(entity));
        }

        if (entity.Count - 2 > MaxProperties)
        {
            throw new ArgumentException($"{what} needs {entity.Count - 2} properties, over the {MaxProperties} Table Storage allows.", nameof(entity));
        }
    }
}
