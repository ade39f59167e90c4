using System.Globalization;
using System.Text.RegularExpressions;

namespace Optimize.Policy.Schema;

/// <summary>Builds JSON paths such as <c>$.scopes[1].mode</c> and <c>$.tags['cost-center']</c>.</summary>
internal static partial class JsonPaths
{
    /// <summary>The document root.</summary>
    public const string Root = "$";

    /// <summary>The path of property <paramref name="name"/> under <paramref name="parent"/>.</summary>
    public static string Property(string parent, string name) =>
        Identifier().IsMatch(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    /// <summary>The path of item <paramref name="index"/> under <paramref name="parent"/>.</summary>
    public static string Item(string parent, int index) => string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
