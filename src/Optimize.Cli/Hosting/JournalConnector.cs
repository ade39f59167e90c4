using Optimize.Cli.Output;
using Optimize.Journal;
using Optimize.Journal.Tables;
using Optimize.Journal.Tables.Local;

namespace Optimize.Cli.Hosting;

/// <summary>
/// Opens the journal a command asked for: a connection string, a table endpoint (DefaultAzureCredential), <c>memory</c>,
/// or by default the local Azurite under <c>.optimize/azurite</c>, started (and installed with npm) when needed.
/// </summary>
/// <remarks>
/// Sign-in and permission failures are not caught here: they reach <see cref="CliApp"/>, which prints one line naming
/// the fix (see <see cref="AzureAccess"/>) with the <see cref="CliContext.Target"/> set here.
/// </remarks>
internal sealed class JournalConnector(CliContext cli)
{
    /// <summary>Opens the journal; null (with the reason printed) when it cannot.</summary>
    public async Task<JournalHandle?> OpenAsync(JournalRequest request, CancellationToken cancellationToken)
    {
        var consoles = cli.Consoles;
        var forHistory = request.ForHistory;
        var connection = Resolve(request, cli.Env);

        if (string.Equals(connection, "memory", StringComparison.OrdinalIgnoreCase))
        {
            if (forHistory)
            {
                consoles.Error("an in-memory journal is empty in a new process: name a persistent journal with --journal.");
                return null;
            }

            return new JournalHandle(new InMemoryJournal(), null);
        }

        try
        {
            if (!string.IsNullOrWhiteSpace(connection))
            {
                TableJournal journal;
                if (connection.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                {
                    var endpoint = new Uri(connection);
                    cli.Target = AccessTarget.JournalEndpoint(endpoint);
                    journal = TableJournalFactory.FromEndpoint(endpoint, cli.Credential());
                }
                else
                {
                    cli.Target = AccessTarget.JournalKey();
                    journal = TableJournalFactory.FromConnectionString(connection);
                }

                await journal.CreateTablesIfNotExistsAsync(cancellationToken);
                return new JournalHandle(journal, null);
            }

            var azurite = await LocalAzurite.StartAsync(new LocalAzuriteOptions { Log = new ConsoleLog(consoles) }, cancellationToken);
            if (azurite is null)
            {
                if (forHistory)
                {
                    consoles.Error("no local journal: the demo's journal lives in a local Azurite, which needs Node.js 20+.");
                    return null;
                }

                consoles.Warn("keeping the journal in memory for this run; 'optimize history' will not see it.");
                return new JournalHandle(new InMemoryJournal(), null);
            }

            var local = await azurite.CreateJournalAsync(cancellationToken: cancellationToken);
            if (request.ResetLocal)
            {
                // Each demo is a new simulated world; its journal starts clean (a journal named by --journal never is).
                await local.DeleteTablesAsync(cancellationToken);
                await local.CreateTablesIfNotExistsAsync(cancellationToken);
                consoles.Info("Local demo journal cleared: each demo starts from a clean journal.");
            }

            return new JournalHandle(local, azurite);
        }
        catch (JournalUnavailableException ex) when (AzureAccess.Describe(ex, cli.Target) is null)
        {
            consoles.Error("the journal is unavailable: " + ex.Message);
            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or UriFormatException)
        {
            consoles.Error($"--journal: not a Table Storage connection string, an https table endpoint, or 'memory': {ex.Message}");
            return null;
        }
    }

    /// <summary>The journal a request names: <c>--journal</c>, else <c>$OPTIMIZE_JOURNAL_CONNECTION</c> when the command reads it, else null (local).</summary>
    public static string? Resolve(JournalRequest request, Func<string, string?> environment) =>
        request.Connection ?? (request.ReadEnvironment && environment(JournalOptions.EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);

    private sealed class ConsoleLog(Consoles consoles) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void WriteLine(string? value) => consoles.Info(value ?? "");

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }
}

/// <summary>Which journal a command wants, and how.</summary>
internal sealed record JournalRequest
{
    /// <summary>The <c>--journal</c> value, or null.</summary>
    public string? Connection { get; init; }

    /// <summary>True for commands that only read (history, changes, purge): they refuse an in-memory fallback.</summary>
    public bool ForHistory { get; init; }

    /// <summary>Clears the local Azurite journal first (the demo starts from a clean slate; never done to a journal named by --journal).</summary>
    public bool ResetLocal { get; init; }

    /// <summary>
    /// Falls back to <c>$OPTIMIZE_JOURNAL_CONNECTION</c> when no <c>--journal</c> is given. False for demo and backtest:
    /// that variable is the Function App's production journal, and a simulation never writes into it.
    /// </summary>
    public bool ReadEnvironment { get; init; } = true;

    /// <summary>What demo and backtest ask for: the named journal or their own local one, never the production setting.</summary>
    public static JournalRequest ForSimulation(string? connection) => new() { Connection = connection, ResetLocal = true, ReadEnvironment = false };
}

/// <summary>An open journal and the local Azurite behind it, if this process started one.</summary>
internal sealed class JournalHandle(IJournal journal, IAsyncDisposable? owner) : IAsyncDisposable
{
    public IJournal Journal { get; } = journal;

    public async ValueTask DisposeAsync()
    {
        if (owner is not null)
        {
            await owner.DisposeAsync();
        }
    }
}
