using System.Globalization;

namespace Optimize.Journal;

/// <summary>
/// Azure Table Storage's published limits, in one place for both journals (<c>TableJournal</c> and
/// <see cref="InMemoryJournal"/>), so tests over memory see what the store would refuse. Source: "Understanding the
/// Table service data model" (learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model):
/// PartitionKey and RowKey are strings of up to 1 KiB each, without <c>/</c>, <c>\</c>, <c>#</c>, <c>?</c> or control
/// characters (U+0000–U+001F, U+007F–U+009F); a string property holds up to 64 KiB, that is 32K characters (UTF-16);
/// an entity holds at most 1 MiB and 252 custom properties; an entity-group transaction holds at most 100
/// operations and 4 MiB, all in one partition.
/// </summary>
/// <remarks>
/// Sizes are UTF-16 bytes, two per character: a 1 KiB key is 512 characters. A check of 1,024 characters accepts
/// 513–1,024-character keys that the store then refuses with a raw 400 (OutOfRangeInput).
/// </remarks>
public static class TableStoreLimits
{
    /// <summary>Largest PartitionKey or RowKey, bytes (UTF-16).</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>Largest PartitionKey or RowKey, characters: <see cref="MaxKeyBytes"/> / 2.</summary>
    public const int MaxKeyChars = MaxKeyBytes / 2;

    /// <summary>Largest string property, bytes (UTF-16).</summary>
    public const int MaxPropertyBytes = 64 * 1024;

    /// <summary>Largest string property, characters: <see cref="MaxPropertyBytes"/> / 2 = 32,768.</summary>
    public const int MaxStringChars = MaxPropertyBytes / 2;

    /// <summary>Largest entity, bytes, by the service's size formula.</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>Most custom properties of one entity (255 minus PartitionKey, RowKey and Timestamp).</summary>
    public const int MaxProperties = 252;

    /// <summary>Most operations in one entity-group transaction.</summary>
    public const int MaxBatchOperations = 100;

    /// <summary>Largest payload of one entity-group transaction, bytes.</summary>
    public const int MaxBatchBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Characters the journal adds around an encoded id in its longest key (19 digits of inverted ticks and <c>_</c>
    /// before a change or pass id in a row key): an id's encoded form may take at most
    /// <see cref="MaxKeyChars"/> − this.
    /// </summary>
    public const int IdKeyOverhead = 20;

    /// <summary>Characters the journal adds before an encoded resource id (<c>r~</c> of a resource's partition).</summary>
    public const int ResourceKeyOverhead = 2;

    /// <summary>True for a character a key may not hold.</summary>
    public static bool IsForbiddenInKey(char c) => c is '/' or '\\' or '#' or '?' || char.IsControl(c);

    /// <summary>Throws unless <paramref name="key"/> is a key Table Storage accepts.</summary>
    /// <exception cref="ArgumentException">Empty, over 1 KiB (512 UTF-16 characters), or holding a forbidden character.</exception>
    public static string CheckKey(string key, string what)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException($"{what}: a Table Storage key may not be empty.", nameof(key));
        }

        if (key.Length * 2 > MaxKeyBytes)
        {
            throw new ArgumentException(
                $"{what}: key of {key.Length} characters is {key.Length * 2} bytes in UTF-16, over Table Storage's {MaxKeyBytes}-byte ({MaxKeyChars}-character) key limit.",
                nameof(key));
        }

        var bad = -1;
        for (var i = 0; i < key.Length; i++)
        {
            if (IsForbiddenInKey(key[i]))
            {
                bad = i;
                break;
            }
        }

        return bad < 0
            ? key
            : throw new ArgumentException(
                $"{what}: key holds U+{(int)key[bad]:X4} at {bad}; Table Storage keys may not hold / \\ # ? or control characters.", nameof(key));
    }

    /// <summary>
    /// <paramref name="value"/> if it fits a string property, else cut to fit with a visible marker
    /// (<c>… [truncated, 40000 chars]</c> naming the original length); a surrogate pair is never cut. Free text
    /// (messages, outcomes, an approver's comment) is stored this way so that no journal step fails on its length.
    /// </summary>
    public static string Fit(string value) => Fit(value, MaxStringChars);

    /// <summary><see cref="Fit(string)"/> for a limit of <paramref name="maxChars"/> characters (at least 64).</summary>
    public static string Fit(string value, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 64);
        if (value.Length <= maxChars)
        {
            return value;
        }

        var marker = string.Create(CultureInfo.InvariantCulture, $"… [truncated, {value.Length} chars]");
        var keep = maxChars - marker.Length;
        if (char.IsHighSurrogate(value[keep - 1]))
        {
            keep--;
        }

        return string.Concat(value.AsSpan(0, keep), marker);
    }

    /// <summary><see cref="Fit(string)"/>, passing null through.</summary>
    public static string? FitOrNull(string? value) => value is null ? null : Fit(value);

    /// <summary>
    /// Size of an entity by the service's formula: 4 bytes + 2 × (PartitionKey + RowKey characters) + for each
    /// property 8 + 2 × name characters + its value (string 4 + 2 × characters, binary 4 + bytes, bool 1,
    /// Guid 16, other 8).
    /// </summary>
    public static long EntityBytes(string partitionKey, string rowKey, IEnumerable<KeyValuePair<string, object?>> properties)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        ArgumentNullException.ThrowIfNull(properties);
        var bytes = 4L + (2L * (partitionKey.Length + rowKey.Length));
        foreach (var (name, value) in properties)
        {
            bytes += PropertyBytes(name, value);
        }

        return bytes;
    }

    /// <summary>The bytes one property adds to its entity (see <see cref="EntityBytes"/>); a null adds nothing.</summary>
    public static long PropertyBytes(string name, object? value) => value switch
    {
        null => 0,
        string s => 8 + (2L * name.Length) + 4 + (2L * s.Length),
        bool => 8 + (2L * name.Length) + 1,
        byte[] b => 8 + (2L * name.Length) + 4 + b.Length,
        Guid => 8 + (2L * name.Length) + 16,
        _ => 8 + (2L * name.Length) + 8,
    };

    /// <summary>Throws when an entity of <paramref name="bytes"/> exceeds <see cref="MaxEntityBytes"/>.</summary>
    /// <exception cref="ArgumentException">Over 1 MiB, naming what and how much.</exception>
    public static void CheckEntityBytes(long bytes, string what)
    {
        if (bytes > MaxEntityBytes)
        {
            throw new ArgumentException(
                $"{what} serializes to {bytes} bytes, over Table Storage's {MaxEntityBytes}-byte entity limit; the journal never cuts plans or evidence, so reduce the evidence.",
                nameof(bytes));
        }
    }
}
