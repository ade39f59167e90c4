using System.CommandLine;

namespace Optimize.Cli.Hosting;

/// <summary>The <c>--journal</c> option shared by demo, history and journal commands.</summary>
internal static class JournalOptions
{
    /// <summary>Environment variable read when <c>--journal</c> is not given.</summary>
    public const string EnvironmentVariable = "OPTIMIZE_JOURNAL_CONNECTION";

    /// <param name="readsEnvironment">False for demo and backtest: they never fall back to the Function App's journal setting.</param>
    public static Option<string?> Connection(bool readsEnvironment = true) => new("--journal")
    {
        Description =
            "Where the journal lives: a Table Storage connection string, a table endpoint URL (https://<account>.table.core.windows.net, " +
            "signed in with DefaultAzureCredential), or 'memory'. " +
            (readsEnvironment
                ? "Default: $" + EnvironmentVariable + ", else a local Azurite started under .optimize/azurite (needs Node.js), else memory."
                : "Default: a local Azurite started under .optimize/azurite (needs Node.js), else memory; never $" + EnvironmentVariable + " (the Function App's journal)."),
    };
}
