using System.Globalization;
using System.Text;

namespace Optimize.Policy.Schema;

/// <summary>Builds RFC 6901 JSON pointers such as <c>/scopes/1/mode</c> and <c>/scopes/0/tags/cost~1center</c>.</summary>
internal static class JsonPointers
{
    /// <summary>The document root (the empty pointer).</summary>
    public const string Root = "";

    /// <summary>The pointer of property <paramref name="name"/> under <paramref name="parent"/>.</summary>
    public static string Property(string parent, string name) =>
        parent + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>The pointer of item <paramref name="index"/> under <paramref name="parent"/>.</summary>
    public static string Item(string parent, int index) => string.Create(CultureInfo.InvariantCulture, $"{parent}/{index}");

    /// <summary>True when <paramref name="pointer"/> is <paramref name="ancestor"/> or lies under it.</summary>
    public static bool IsAtOrUnder(string pointer, string ancestor) =>
        pointer.Length == ancestor.Length ? pointer == ancestor : pointer.StartsWith(ancestor + "/", StringComparison.Ordinal);

    /// <summary>The parent of <paramref name="pointer"/>; the root for a top-level pointer and for the root itself.</summary>
    public static string Parent(string pointer) => pointer.Length == 0 ? Root : pointer[..pointer.LastIndexOf('/')];

    /// <summary>
    /// The pointer for a System.Text.Json path (<c>$.scopes[1].mode</c>, <c>$['my-tag']</c>) as reported by
    /// <see cref="System.Text.Json.JsonException.Path"/>; as much of it as could be read, the root at worst.
    /// </summary>
    public static string FromJsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return Root;
        }

        var pointer = new StringBuilder();
        var i = 1;
        while (i < path.Length)
        {
            int end;
            if (path[i] == '.')
            {
                end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                pointer.Append(Property(string.Empty, path[(i + 1)..end]));
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'' && (end = path.IndexOf("']", i + 2, StringComparison.Ordinal)) > 0)
            {
                pointer.Append(Property(string.Empty, path[(i + 2)..end]));
                i = end + 2;
            }
            else if (path[i] == '[' && (end = path.IndexOf(']', i + 1)) > 0)
            {
                pointer.Append('/').Append(path, i + 1, end - i - 1);
                i = end + 1;
            }
            else
            {
                break;
            }
        }

        return pointer.ToString();
    }
}
