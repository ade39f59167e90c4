using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Optimize.Journal.Tables.Local;

/// <summary>
/// An Azurite Table service on 127.0.0.1 for the CLI's local journal (<c>optimize demo</c>, <c>optimize history</c>
/// without a connection string). Reuses one already listening on the port; otherwise starts the repository's
/// (<c>node_modules</c>, installed with <c>npm ci</c> when missing and npm is present) or one on PATH, with its data
/// under <c>.optimize/azurite</c> so runs see each other's journal. Disposing stops only what this instance started.
/// </summary>
/// <example><code>
/// await using var azurite = await LocalAzurite.StartAsync();
/// IJournal journal = azurite is null ? new InMemoryJournal() : await azurite.CreateJournalAsync();
/// </code></example>
public sealed partial class LocalAzurite : IAsyncDisposable
{
    /// <summary>What is printed when Node.js is absent.</summary>
    public const string NodeMissingMessage =
        "Node.js 20+ is needed for the local journal (Azurite): install it from your package manager; the demo will keep its journal in memory";

    /// <summary>The Azurite well-known account key (public, emulator only).</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process? process;

    private LocalAzurite(int port, Process? process, string? location)
    {
        Port = port;
        this.process = process;
        Location = location;
    }

    /// <summary>The Table service port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>True when this instance started Azurite (and disposing it stops Azurite).</summary>
    public bool StartedHere => process is not null;

    /// <summary>Azurite's data folder when started here; null when an already running one was reused.</summary>
    public string? Location { get; }

    /// <summary>The connection string of the emulator's well-known account on <see cref="Port"/>.</summary>
    public string ConnectionString => ConnectionStringFor(Port);

    /// <summary>The connection string of the Azurite well-known account with tables on 127.0.0.1:<paramref name="port"/>.</summary>
    public static string ConnectionStringFor(int port) => string.Create(
        CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;");

    /// <summary>
    /// Reuses or starts Azurite. Returns null, after writing why to <see cref="LocalAzuriteOptions.Log"/>, when it
    /// cannot run (no Node.js 20+, Azurite not installable, or it did not start): the caller falls back to an
    /// in-memory journal.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public static async Task<LocalAzurite?> StartAsync(LocalAzuriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        options = (options ?? new LocalAzuriteOptions()).Validate();
        var log = options.Log ?? Console.Error;
        if (await IsListeningAsync(options.Port, cancellationToken).ConfigureAwait(false))
        {
            await log.WriteLineAsync($"Local journal: using the Azurite already listening on 127.0.0.1:{options.Port}.").ConfigureAwait(false);
            return new LocalAzurite(options.Port, null, null);
        }

        var node = ToolLocator.FindOnPath("node");
        var nodeVersion = node is null ? null : await RunForOutputAsync(node, ["--version"], cancellationToken).ConfigureAwait(false);
        if (node is null || !IsNode20OrLater(nodeVersion))
        {
            await log.WriteLineAsync(node is null ? NodeMissingMessage : $"{NodeMissingMessage} (found {nodeVersion?.Trim()})").ConfigureAwait(false);
            return null;
        }

        var root = options.RepositoryRoot ?? ToolLocator.FindRepositoryRoot(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
        var (fileName, prefixArgs) = await FindAzuriteAsync(node, root, options, log, cancellationToken).ConfigureAwait(false);
        if (fileName is null)
        {
            await log.WriteLineAsync("Azurite is not installed: run `npm ci` in the repository root (or `npm install -g azurite`); the demo will keep its journal in memory.").ConfigureAwait(false);
            return null;
        }

        var location = options.Location ?? Path.Combine(root ?? Directory.GetCurrentDirectory(), ".optimize", "azurite");
        Directory.CreateDirectory(location);
        return await LaunchAsync(fileName, prefixArgs, options.Port, location, options.StartTimeout, log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A journal over this Azurite with its tables created.</summary>
    /// <exception cref="JournalUnavailableException">Azurite stopped answering.</exception>
    public async Task<TableJournal> CreateJournalAsync(TableJournalOptions? options = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var journal = TableJournalFactory.FromConnectionString(ConnectionString, options, timeProvider);
        await journal.CreateTablesIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        return journal;
    }

    /// <summary>Stops Azurite if this instance started it: SIGINT (it saves its data), then a kill after 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited && NativeSignals.TryInterrupt(process.Id))
            {
                // Graceful: Azurite flushes its data on SIGINT.
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Fall through to the hard kill.
                }
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or would not die in time: nothing more to do here.
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(500));
        try
        {
            await client.ConnectAsync("127.0.0.1", port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    internal static bool IsNode20OrLater(string? version)
    {
        var text = version?.Trim().TrimStart('v') ?? string.Empty;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return int.TryParse(dot > 0 ? text[..dot] : text, NumberStyles.None, CultureInfo.InvariantCulture, out var major) && major >= 20;
    }
}
