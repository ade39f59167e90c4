using Azure.Identity;
using Microsoft.Extensions.Logging;
using Optimize.Cli.Output;
using Optimize.Journal;
using Optimize.Journal.Tables;
using Optimize.Journal.Tables.Local;

namespace Optimize.Cli.Hosting;

/// <summary>
/// Opens the journal a command asked for: a connection string, a table endpoint (DefaultAzureCredential), <c>memory</c>,
/// or by default the local Azurite under <c>.optimize/azurite</c>, started (and installed with npm) when needed.
/// </summary>
internal sealed class JournalConnector(Consoles consoles, ILoggerFactory loggers)
{
    /// <summary>Opens the journal; null (with the reason printed) when it cannot.</summary>
    /// <param name="connection">The <c>--journal</c> value, or null.</param>
    /// <param name="forHistory">True for commands that only read: they refuse an in-memory fallback.</param>
    /// <param name="resetLocal">Clears the local Azurite journal first (the demo starts from a clean slate; never done to a journal named by --journal).</param>
    /// <param name="cancellationToken">Cancels.</param>
    public async Task<JournalHandle?> OpenAsync(string? connection, bool forHistory, CancellationToken cancellationToken, bool resetLocal = false)
    {
        _ = loggers;
        connection ??= Environment.GetEnvironmentVariable(JournalOptions.EnvironmentVariable);
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
                TableJournal journal = connection.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                    ? TableJournalFactory.FromEndpoint(new Uri(connection), new DefaultAzureCredential())
                    : TableJournalFactory.FromConnectionString(connection);
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
            if (resetLocal)
            {
                // Each demo is a new simulated world; its journal starts clean (a journal named by --journal never is).
                await local.DeleteTablesAsync(cancellationToken);
                await local.CreateTablesIfNotExistsAsync(cancellationToken);
                consoles.Info("Local demo journal cleared: each demo starts from a clean journal.");
            }

            return new JournalHandle(local, azurite);
        }
        catch (JournalUnavailableException ex)
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
