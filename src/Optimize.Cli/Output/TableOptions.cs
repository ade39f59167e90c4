using System.CommandLine;

namespace Optimize.Cli.Output;

/// <summary>Options shared by the commands that print tables.</summary>
internal static class TableOptions
{
    /// <summary><c>--wide</c>: whole ids, tables as wide as their cells.</summary>
    public static Option<bool> Wide() => new("--wide")
    {
        Description = "Show whole ids and let tables grow wider than the console (otherwise tables fit the console, ids shortened with …).",
    };
}
