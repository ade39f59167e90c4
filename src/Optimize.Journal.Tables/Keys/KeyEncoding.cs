namespace Optimize.Journal.Tables.Keys;

/// <summary>
/// Reversible encoding of arbitrary text into a Table Storage key: the journal's <see cref="TableKeys"/> (shared with
/// <see cref="InMemoryJournal"/>, so both refuse the same ids). Keys may not hold <c>/</c>, <c>\</c>, <c>#</c>,
/// <c>?</c> or control characters; <c>/</c> becomes <c>|</c>, and every other forbidden character, <c>|</c> and the
/// escape <c>%</c> become <c>%XX</c>.
/// </summary>
public static class KeyEncoding
{
    /// <summary>Longest key Table Storage accepts, in characters: 1 KiB of UTF-16 (<see cref="TableStoreLimits.MaxKeyChars"/>).</summary>
    public const int MaxKeyLength = TableStoreLimits.MaxKeyChars;

    /// <summary>Encodes <paramref name="value"/>; <see cref="Decode"/> gives it back exactly.</summary>
    /// <exception cref="ArgumentException">The value is empty.</exception>
    public static string Encode(string value) => TableKeys.Encode(value);

    /// <summary>Decodes a key made by <see cref="Encode"/>.</summary>
    /// <exception cref="FormatException">The key holds a malformed escape.</exception>
    public static string Decode(string key) => TableKeys.Decode(key);

    /// <summary>The key of a resource: its ARM id lower-cased, encoded (<see cref="TableKeys.ForResource"/>).</summary>
    /// <exception cref="ArgumentException">The id is empty or its key would exceed 1 KiB.</exception>
    public static string ForResource(string resourceId) => TableKeys.ForResource(resourceId);

    /// <summary>The key of an id chosen by Optimize (pass id, change id), encoded as is (<see cref="TableKeys.ForId"/>).</summary>
    /// <exception cref="ArgumentException">The id is empty or its key would exceed 1 KiB.</exception>
    public static string ForId(string id) => TableKeys.ForId(id);
}
