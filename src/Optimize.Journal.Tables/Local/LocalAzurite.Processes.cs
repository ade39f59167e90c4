using System.Diagnostics;
using System.Globalization;

namespace Optimize.Journal.Tables.Local;

public sealed partial class LocalAzurite
{
    /// <summary>The command that runs azurite-table: node + the repository's script, or one on PATH, installing
    /// the repository's with <c>npm ci</c> when allowed. (null, []) when none.</summary>
    private static async Task<(string? FileName, string[] PrefixArgs)> FindAzuriteAsync(
        string node, string? root, LocalAzuriteOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        if (ToolLocator.FindRepositoryAzurite(root) is { } script)
        {
            return (node, [script]);
        }

        if (ToolLocator.FindOnPath("azurite-table") is { } onPath)
        {
            return (onPath, []);
        }

        var npm = ToolLocator.FindOnPath("npm");
        if (root is null || npm is null || !options.AllowNpmInstall)
        {
            return (null, []);
        }

        await log.WriteLineAsync($"Local journal: installing Azurite with `npm ci` in {root} (once)...").ConfigureAwait(false);
        var exit = await RunAsync(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], root, line => log.WriteLine("  npm: " + line), cancellationToken).ConfigureAwait(false);
        if (exit != 0)
        {
            await log.WriteLineAsync($"Local journal: npm ci failed (exit code {exit}).").ConfigureAwait(false);
        }

        return ToolLocator.FindRepositoryAzurite(root) is { } installed ? (node, [installed]) : (null, []);
    }

    private static async Task<LocalAzurite?> LaunchAsync(
        string fileName, string[] prefixArgs, int port, string location, TimeSpan startTimeout, TextWriter log, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = location,
        };
        foreach (var arg in prefixArgs.Concat(
        [
            "--tableHost", "127.0.0.1", "--tablePort", port.ToString(CultureInfo.InvariantCulture), "--location", location,
            "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
        ]))
        {
            info.ArgumentList.Add(arg);
        }

        var output = new BoundedLines(40);
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await log.WriteLineAsync($"Local journal: started Azurite on 127.0.0.1:{port} (data in {location}).").ConfigureAwait(false);

        var deadline = Stopwatch.StartNew();
        while (!await IsListeningAsync(port, cancellationToken).ConfigureAwait(false))
        {
            if (process.HasExited || deadline.Elapsed > startTimeout)
            {
                var why = process.HasExited
                    ? $"exited with code {process.ExitCode}"
                    : $"did not listen within {startTimeout.TotalSeconds:0} s";
                await log.WriteLineAsync($"Local journal: Azurite {why}; the demo will keep its journal in memory. Its output:{Environment.NewLine}{output}").ConfigureAwait(false);
                await new LocalAzurite(port, process, location).DisposeAsync().ConfigureAwait(false);
                return null;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        return new LocalAzurite(port, process, location);
    }

    private static async Task<string?> RunForOutputAsync(string fileName, string[] args, CancellationToken cancellationToken)
    {
        var lines = new BoundedLines(5);
        try
        {
            var exit = await RunAsync(fileName, args, null, lines.Add, cancellationToken).ConfigureAwait(false);
            return exit == 0 ? lines.ToString() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static async Task<int> RunAsync(string fileName, string[] args, string? workingDirectory, Action<string> onLine, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { onLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { onLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode;
    }

    /// <summary>The last lines of a process's output, thread-safe.</summary>
    private sealed class BoundedLines(int capacity)
    {
        private readonly Queue<string> lines = new();

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Enqueue(line);
                if (lines.Count > capacity)
                {
                    lines.Dequeue();
                }
            }
        }

        public override string ToString()
        {
            lock (lines)
            {
                return string.Join(Environment.NewLine, lines);
            }
        }
    }
}
