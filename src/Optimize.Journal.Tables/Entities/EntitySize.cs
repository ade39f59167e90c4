using Azure.Data.Tables;

namespace Optimize.Journal.Tables.Entities;

/// <summary>
/// The stored size of an entity by the Table Storage formula (4 bytes overhead, keys and names as UTF-16, strings
/// 4 + 2×length, 8 bytes per number or date, 1 per bool), checked against the 1 MiB / 252-property limits.
/// </summary>
internal static class EntitySize
{
    /// <summary>Largest entity, bytes.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Most custom properties per entity.</summary>
    public const int MaxProperties = 252;

    /// <summary>The size of <paramref name="entity"/> in bytes.</summary>
    public static long Of(ITableEntity entity)
    {
        var bytes = 4L + (2L * (entity.PartitionKey.Length + entity.RowKey.Length));
        if (entity is TableEntity dictionary)
        {
            foreach (var (name, value) in dictionary)
            {
                if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
                {
                    continue;
                }

                bytes += 8 + (2L * name.Length) + value switch
                {
                    string s => 4 + (2L * s.Length),
                    bool => 1,
                    byte[] b => 4 + b.Length,
                    Guid => 16,
                    null => 0,
                    _ => 8,
                };
            }
        }

        return bytes;
    }

    /// <summary>Throws when <paramref name="entity"/> is over the limits.</summary>
    /// <exception cref="ArgumentException">Over 1 MiB or 252 properties; names what and how much.</exception>
    public static void Check(TableEntity entity, string what)
    {
        var size = Of(entity);
        if (size > MaxBytes)
        {
            throw new ArgumentException($"{what} serializes to {size} bytes, over the {MaxBytes}-byte entity limit of Table Storage; the journal never truncates, so reduce the evidence.", nameof(entity));
        }

        var tooLong = entity.FirstOrDefault(p => p.Value is string { Length: > JsonColumns.ChunkLength });
        if (tooLong.Key is not null)
        {
            throw new ArgumentException($"{what}: property {tooLong.Key} has {((string)tooLong.Value).Length} characters, over the {JsonColumns.ChunkLength} a Table Storage string holds.", nameof(entity));
        }

        if (entity.Count - 2 > MaxProperties)
        {
            throw new ArgumentException($"{what} needs {entity.Count - 2} properties, over the {MaxProperties} Table Storage allows.", nameof(entity));
        }
    }
}
