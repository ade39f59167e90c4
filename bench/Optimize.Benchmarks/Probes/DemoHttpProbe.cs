using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Optimize.Benchmarks.Probes;

/// <summary>
/// Runs the CLI itself in this process (its entry point, with the arguments given, by default
/// <c>demo --journal memory --json</c>) <c>--runs</c> times and reports, per run, the wall time and the share of it during which
/// the in-process emulator was serving at least one request (<see cref="ServerTime"/>: the CLI's demo builds its own emulator
/// handler, so the requests are timed from ASP.NET Core's hosting activity rather than a handler around it). The first run pays
/// for JIT and the contract pack's schema compilation; later runs in the same process are warm. The CLI's standard output
/// (the demo's report) is discarded; its progress on standard error is too.
/// Run: <c>dotnet run -c Release --project bench/Optimize.Benchmarks -- demo-http --runs 3</c> (from the repository root, so the
/// emulator finds ../shared/azure-contract as the demo does).
/// </summary>
internal static class DemoHttpProbe
{
    /// <summary>The first argument that selects this probe.</summary>
    public const string Command = "demo-http";

    /// <summary>Parses <c>[--runs N] [-- CLI ARGS...]</c>, runs the CLI, prints the report. Returns the exit code (2: bad input).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var runs = 3;
        string[] cli = ["demo", "--journal", "memory", "--json"];
        var split = Array.IndexOf(args, "--");
        var own = split < 0 ? args : args[..split];
        if (split >= 0)
        {
            cli = args[(split + 1)..];
        }

        if (own.Length != 0 && (own.Length != 2 || own[0] != "--runs" || !int.TryParse(own[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out runs) || runs is < 1 or > 20))
        {
            await error.WriteLineAsync("Usage: demo-http [--runs N (1–20, default 3)] [-- CLI arguments (default: demo --journal memory --json)]");
            return 2;
        }

        var entry = Assembly.Load("optimize").EntryPoint
            ?? throw new InvalidOperationException("The CLI assembly 'optimize' has no entry point.");
        using var server = new ServerTime();
        var (stdout, stderr) = (Console.Out, Console.Error);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"optimize {string.Join(' ', cli)} in process, {runs} runs; runtime {Environment.Version}, {Environment.ProcessorCount} cores, load {LoadAverage()}"));
        var walls = new List<double>();
        var shares = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            server.Reset();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            int code;
            Console.SetOut(TextWriter.Null);
            Console.SetError(TextWriter.Null);
            try
            {
                var result = entry.Invoke(null, [cli]);
                code = result switch
                {
                    Task<int> task => await task,
                    int value => value,
                    _ => 0,
                };
            }
            finally
            {
                Console.SetOut(stdout);
                Console.SetError(stderr);
            }

            sw.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var (summed, busy) = server.Totals();
            walls.Add(sw.Elapsed.TotalSeconds);
            shares.Add(busy / sw.Elapsed);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: exit {code}, wall {sw.Elapsed.TotalSeconds:0.00} s, CPU {cpu.TotalSeconds:0.00} s; {server.Requests} requests served, busy {busy.TotalSeconds:0.00} s = {busy / sw.Elapsed:P0} of the wall time (summed {summed.TotalSeconds:0.00} s, {summed.TotalMilliseconds / Math.Max(1, server.Requests):0.0} ms per request)"));
        }

        if (runs > 1)
        {
            walls.Sort();
            shares.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median: wall {walls[walls.Count / 2]:0.00} s, HTTP share {shares[shares.Count / 2]:P0}"));
        }

        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
