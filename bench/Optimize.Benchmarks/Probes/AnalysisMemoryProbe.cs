using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Optimize.Advisors;
using Optimize.Benchmarks.InMemory;
using Optimize.Catalog;
using Optimize.Engine;
using Optimize.Journal;
using Optimize.Policy;
using Optimize.Ports;
using Optimize.Pricing;
using Optimize.Simulator.Fleet;

namespace Optimize.Benchmarks.Probes;

/// <summary>
/// One read-only <see cref="OptimizationPass"/> over a simulated fleet, in a fresh process, reporting peak memory
/// (<see cref="Process.PeakWorkingSet64"/> and <c>/proc/self/status</c> VmHWM), the managed heap, allocations,
/// GC counts, throughput and what was read. Not a BenchmarkDotNet benchmark: a peak is a once-per-process figure.
/// Run: <c>dotnet run -c Release --project bench/Optimize.Benchmarks -- analysis-memory --resources 100000 --days 30</c>.
/// </summary>
internal static class AnalysisMemoryProbe
{
    /// <summary>The first argument that selects this probe.</summary>
    public const string Command = "analysis-memory";

    /// <summary>The virtual now of the pass (a Monday 02:00 UTC, as the nightly pass).</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Parses <paramref name="args"/>, runs the pass, prints the report. Returns the exit code (2: bad input).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var options = ProbeOptions.Parse(args, out var problem);
        if (options is null)
        {
            await error.WriteLineAsync($"{problem}\nUsage: analysis-memory [--resources N (default 100000)] [--days D (default 30)] [--interval-minutes M (default 60)] [--metrics K (default 3; 0 = the advisors' own)] [--seed S]");
            return 2;
        }

        var startAllocated = GC.GetTotalAllocatedBytes(true);
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var clock = new FakeTimeProvider(Now);
        var fleet = FleetGenerator.Generate(new FleetOptions { Seed = options.Seed, ResourceCount = options.Resources }, BuiltInCatalog.Default);
        var reader = new CountingMetricsReader(new InMemoryFleetMetrics(fleet, clock));
        var journal = new InMemoryJournal();
        var ports = new PassPorts(new InMemoryFleetInventory(fleet, clock), reader, fleet.Catalog, new BuiltInPriceBook(), journal, journal);
        var advisors = options.Metrics == 0 ? AdvisorSet.Default : PaddedMetricsAdvisor.Padded(options.Metrics);
        var pass = new OptimizationPass(ports, advisors, clock, NullLogger<OptimizationPass>.Instance);
        var policy = new OptimizePolicy { Data = new DataPolicy { Lookback = TimeSpan.FromDays(options.Days), Interval = options.Interval } };
        var request = new PassRequest("bench", policy, new InventoryScope(fleet.Subscriptions, [], []), ReadOnly: true);
        var baseline = Heap();

        var run = await RunPassAsync(pass, request);
        var allocated = GC.GetTotalAllocatedBytes(true) - startAllocated;
        var counts = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var heapAfter = Heap();
        var (sw, heapWithResult, advices, decisions, analyzed, recommendations, timings, content) = run;

        var w = new ReportWriter(output);
        w.Line("pass", $"read-only, {options.Days} days at {options.Interval.TotalMinutes:0} min, seed {options.Seed}, runtime {Environment.Version}, {Environment.ProcessorCount} cores, Server GC {System.Runtime.GCSettings.IsServerGC}");
        w.Line("resources", $"{fleet.Count:N0} inventoried, {analyzed:N0} analyzed, {reader.Resources:N0} with metrics, {recommendations:N0} recommendations");
        w.Line("metrics read", $"{string.Join(", ", reader.Metrics)} ({reader.Metrics.Count} names); {Ratio(reader.Series, reader.Resources)} series per resource, {reader.Points:N0} points = {Ratio(reader.Points, reader.Resources)} per resource; {reader.Queries} queries");
        w.Line("metrics asked", string.Join("; ", Enum.GetValues<Optimize.Model.ResourceKind>().Select(k => $"{k} {advisors.RequiredMetricsFor(k).Count}")));
        w.Line("wall time", $"{sw.Elapsed.TotalSeconds:0.00} s ({string.Join(", ", timings.Select(t => $"{t.Step} {t.Duration.TotalSeconds:0.00} s"))})");
        w.Line("throughput", $"{analyzed / sw.Elapsed.TotalSeconds:N0} resources/s ({sw.Elapsed.TotalMicroseconds / Math.Max(1, analyzed):0.0} µs per resource)");
        w.Line("peak working set", $"{Mb(peak)} (Process.PeakWorkingSet64); VmHWM {VmHwm()} (/proc/self/status)");
        w.Line("GC heap", $"before pass {Mb(baseline)}; after pass, result held {Mb(heapWithResult)}; result dropped {Mb(heapAfter)}");
        w.Line("pass output", $"{advices:N0} advices + {decisions:N0} decisions retain {Mb(heapWithResult - heapAfter)} = {(heapWithResult - heapAfter) / (double)Math.Max(1, advices):N0} B per resource");
        w.Line("output content", content);
        w.Line("allocated", $"{Mb(allocated)} total (GC.GetTotalAllocatedBytes) = {allocated / (double)Math.Max(1, analyzed):N0} B per analyzed resource");
        w.Line("collections", $"gen0 {counts.Item1}, gen1 {counts.Item2}, gen2 {counts.Item3}");
        return 0;
    }

    /// <summary>Runs the pass and measures the heap while its result is alive; the result dies on return.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task<PassRun> RunPassAsync(OptimizationPass pass, PassRequest request)
    {
        var sw = Stopwatch.StartNew();
        var result = await pass.RunAsync(request);
        sw.Stop();
        var held = Heap();
        var evidence = result.Advices.Sum(a => (long)a.Evidence.Count);
        var decisionEvidence = result.Decisions.Count(d => d.Evidence.Count > 0);
        var text = result.Decisions.Sum(d => (long)d.Message.Length) + result.Advices.Sum(a => (long)(a.Recommendation?.Rationale.Length ?? 0) + (a.Skip?.Message.Length ?? 0));
        var content = string.Create(CultureInfo.InvariantCulture,
            $"{evidence / (double)Math.Max(1, result.Advices.Count):0.0} evidence items per advice ({decisionEvidence:N0} decisions carry evidence, shared with their advice); {text / (double)Math.Max(1, result.Advices.Count):0} chars of message/rationale per resource");
        return new PassRun(sw, held, result.Advices.Count, result.Decisions.Count, result.Pass.ResourcesAnalyzed, result.Pass.Recommendations, result.Timings, content);
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private static string VmHwm()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return "n/a (no /proc)";
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is not null && long.TryParse(line["VmHWM:".Length..].Trim().Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb)
            ? Mb(kb * 1024)
            : "n/a (no VmHWM line)";
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:N1} MB");

    private static string Ratio(long count, int per) => string.Create(CultureInfo.InvariantCulture, $"{count / (double)Math.Max(1, per):0.##}");

    private sealed record PassRun(Stopwatch Sw, long HeapWithResult, int Advices, int Decisions, int Analyzed, int Recommendations, IReadOnlyList<PassStepTiming> Timings, string Content);

    private sealed class ReportWriter(TextWriter output)
    {
        public void Line(string label, string value) => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-18} {value}"));
    }
}
