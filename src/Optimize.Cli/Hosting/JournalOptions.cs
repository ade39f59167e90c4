using System.CommandLine;

namespace Optimize.Cli.Hosting;

/// <summary>The <c>--journal</c> option shared by demo, history and journal commands.</summary>
internal static class JournalOptions
{
    /// <summary>Environment variable read when <c>--journal</c> is not given.</summary>
    public const string EnvironmentVariable = "OPTIMIZE_JOURNAL_CONNECTION";

    public static Option<string?> Connection() => new("--journal")
    {
        Description =
            "Where the journal lives: a Table Storage connection string, a table endpoint URL (https://<account>.table.core.windows.net, " +
            "signed in with DefaultAzureCredential), or 'memory'. Default: $" + EnvironmentVariable +
            ", else a local Azurite started under .optimize/azurite (needs Node.js), else memory.",
    };
}
