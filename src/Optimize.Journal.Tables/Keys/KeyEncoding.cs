using System.Globalization;
using System.Text;

namespace Optimize.Journal.Tables.Keys;

/// <summary>
/// Reversible encoding of arbitrary text into a Table Storage key. Keys may not hold <c>/</c>, <c>\</c>, <c>#</c>,
/// <c>?</c> or control characters; <c>/</c> (the common case in ARM ids) becomes <c>|</c> so keys stay short and
/// readable, and every other forbidden character, <c>|</c> and the escape <c>%</c> become <c>%XX</c>.
/// </summary>
public static class KeyEncoding
{
    /// <summary>Longest key Table Storage accepts, in characters.</summary>
    public const int MaxKeyLength = 1024;

    /// <summary>Encodes <paramref name="value"/>; <see cref="Decode"/> gives it back exactly.</summary>
    /// <exception cref="ArgumentException">The value is empty.</exception>
    public static string Encode(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c == '/')
            {
                sb.Append('|');
            }
            else if (c is '|' or '%' or '\\' or '#' or '?' || char.IsControl(c))
            {
                // char.IsControl covers U+0000–U+001F and U+007F–U+009F: all below U+0100, so two hex digits suffice.
                sb.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Decodes a key made by <see cref="Encode"/>.</summary>
    /// <exception cref="FormatException">The key holds a malformed escape.</exception>
    public static string Decode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var sb = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c == '|')
            {
                sb.Append('/');
            }
            else if (c == '%')
            {
                if (i + 2 >= key.Length
                    || !int.TryParse(key.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    throw new FormatException($"Malformed escape at {i} in key '{key}'.");
                }

                sb.Append((char)code);
                i += 2;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>The key of a resource: its ARM id lower-cased (ARM ids are case-insensitive), encoded.</summary>
    /// <exception cref="ArgumentException">The id is empty or its key would exceed <see cref="MaxKeyLength"/>.</exception>
    public static string ForResource(string resourceId) => Checked(Encode(resourceId.ToLowerInvariant()), resourceId);

    /// <summary>The key of an id chosen by Optimize (pass id, change id), encoded as is.</summary>
    /// <exception cref="ArgumentException">The id is empty or its key would exceed <see cref="MaxKeyLength"/>.</exception>
    public static string ForId(string id) => Checked(Encode(id), id);

    private static string Checked(string key, string original) => key.Length <= MaxKeyLength
        ? key
        : throw new ArgumentException($"'{original[..Math.Min(80, original.Length)]}...' encodes to a {key.Length}-character key; Table Storage allows {MaxKeyLength}.", nameof(original));
}
