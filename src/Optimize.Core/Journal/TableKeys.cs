using System.Globalization;
using System.Text;

namespace Optimize.Journal;

/// <summary>
/// How the journal turns ids into Table Storage keys, shared by both journals so they accept and refuse the same ids.
/// Keys may not hold <c>/</c>, <c>\</c>, <c>#</c>, <c>?</c> or control characters; <c>/</c> (the common case in ARM
/// ids) becomes <c>|</c> so keys stay short and readable, and every other forbidden character, <c>|</c> and the escape
/// <c>%</c> become <c>%XX</c>. An id whose key would not fit (see <see cref="TableStoreLimits"/>) is a clear
/// <see cref="ArgumentException"/>: ids are never cut.
/// </summary>
public static class TableKeys
{
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
            else if (c is '|' or '%' || TableStoreLimits.IsForbiddenInKey(c))
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
    /// <exception cref="ArgumentException">The id is empty, or its key with the journal's prefix would exceed 1 KiB.</exception>
    public static string ForResource(string resourceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceId);
        return Checked(Encode(resourceId.ToLowerInvariant()), resourceId, "resource id", TableStoreLimits.ResourceKeyOverhead);
    }

    /// <summary>The key of an id chosen by Optimize (pass id, change id), encoded as is.</summary>
    /// <exception cref="ArgumentException">The id is empty, or its key with the journal's prefix would exceed 1 KiB.</exception>
    public static string ForId(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return Checked(Encode(id), id, "id", TableStoreLimits.IdKeyOverhead);
    }

    private static string Checked(string key, string original, string what, int overhead)
    {
        var longest = key.Length + overhead;
        return longest <= TableStoreLimits.MaxKeyChars
            ? key
            : throw new ArgumentException(
                $"The {what} '{original[..Math.Min(80, original.Length)]}…' ({original.Length} characters) makes a {longest}-character key "
                + $"({longest * 2} bytes in UTF-16); Table Storage allows {TableStoreLimits.MaxKeyBytes} bytes ({TableStoreLimits.MaxKeyChars} characters). Ids are never cut: use a shorter one.",
                nameof(original));
    }
}
