using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using Optimize.Cli.Output;

namespace Optimize.Cli.Hosting;

/// <summary>
/// Parser errors (unknown option, a value of the wrong type, a missing argument or command): printed to standard error
/// in words a user knows, without .NET type names, with the command's help hint; the exit code is 2.
/// </summary>
internal static partial class UsageErrors
{
    /// <summary>Prints every parse error of <paramref name="parse"/> and returns <see cref="ExitCodes.BadInput"/>.</summary>
    public static int Report(ParseResult parse, Consoles consoles)
    {
        foreach (var error in parse.Errors)
        {
            consoles.Error(Humanize(error.Message));
        }

        consoles.Info($"Run '{CommandPath(parse)} --help' for usage.");
        return ExitCodes.BadInput;
    }

    /// <summary>The message without CLR type names: "--since: 'xyz' is not a date and time (ISO 8601, …)".</summary>
    public static string Humanize(string message)
    {
        var parse = CannotParse().Match(message);
        if (parse.Success)
        {
            return $"{parse.Groups["symbol"].Value}: '{parse.Groups["value"].Value}' is not {Describe(parse.Groups["type"].Value)}.";
        }

        return TypeName().Replace(message, m => Describe(m.Groups["type"].Value));
    }

    /// <summary>"optimize journal purge" for the command the parse stopped in.</summary>
    public static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? r = parse.CommandResult; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Add(c.Command is RootCommand ? "optimize" : c.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static string Describe(string clrType)
    {
        var type = NullableOf().Match(clrType) is { Success: true } n ? n.Groups["inner"].Value : clrType;
        return type switch
        {
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Double" or "System.Decimal" => "a number",
            "System.Boolean" => "true or false",
            "System.DateTimeOffset" or "System.DateTime" => "a date and time (ISO 8601, e.g. 2026-11-01 or 2026-11-01T02:00Z)",
            "System.TimeSpan" => "a duration (e.g. 02:00:00)",
            "System.IO.FileInfo" => "a file path",
            "System.IO.DirectoryInfo" => "a directory path",
            "System.Uri" => "a URL",
            _ => "a valid value",
        };
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?:option|argument|command) '(?<symbol>[^']*)' as expected type '(?<type>[^']*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"'?(?<type>System\.[A-Za-z0-9_.`\[\]]+)'?")]
    private static partial Regex TypeName();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>[^\]]+)\]$")]
    private static partial Regex NullableOf();
}
