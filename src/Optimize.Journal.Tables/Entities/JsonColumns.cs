using Azure.Data.Tables;

namespace Optimize.Journal.Tables.Entities;

/// <summary>
/// Stores a long JSON string across numbered properties (<c>Plan_0</c>, <c>Plan_1</c>…) when it exceeds
/// <see cref="ChunkLength"/> characters (a string property holds at most 64 KiB of UTF-16), and joins it back.
/// Never truncates: an entity that would exceed the 1 MiB limit is rejected by <see cref="EntitySize"/>.
/// </summary>
internal static class JsonColumns
{
    /// <summary>Largest chunk, in characters (32K UTF-16 characters = 64 KiB).</summary>
    public const int ChunkLength = TableStoreLimits.MaxStringChars;

    /// <summary>Writes <paramref name="json"/> as <paramref name="name"/>, or split into numbered parts with a
    /// <c>{name}_Parts</c> count. A null value writes nothing.</summary>
    public static void Write(TableEntity entity, string name, string? json)
    {
        if (json is null)
        {
            return;
        }

        if (json.Length <= ChunkLength)
        {
            entity[name] = json;
            return;
        }

        var part = 0;
        for (var start = 0; start < json.Length; part++)
        {
            var length = Math.Min(ChunkLength, json.Length - start);
            if (start + length < json.Length && char.IsHighSurrogate(json[start + length - 1]))
            {
                length--; // never split a surrogate pair
            }

            entity[$"{name}_{part}"] = json.Substring(start, length);
            start += length;
        }

        entity[name + "_Parts"] = part;
    }

    /// <summary>Reads what <see cref="Write"/> wrote; null when absent.</summary>
    /// <exception cref="InvalidDataException">A part is missing.</exception>
    public static string? Read(TableEntity entity, string name)
    {
        if (entity.TryGetValue(name, out var whole) && whole is string s)
        {
            return s;
        }

        var parts = entity.GetInt32(name + "_Parts");
        if (parts is null)
        {
            return null;
        }

        var builder = new System.Text.StringBuilder(parts.Value * ChunkLength);
        for (var i = 0; i < parts.Value; i++)
        {
            builder.Append(entity.GetString($"{name}_{i}")
                ?? throw new InvalidDataException($"Entity {entity.PartitionKey}/{entity.RowKey} lacks {name}_{i} of {parts}."));
        }

        return builder.ToString();
    }
}
