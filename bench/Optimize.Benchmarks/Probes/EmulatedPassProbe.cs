using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Optimize.Advisors;
using Optimize.Azure;
using Optimize.Catalog;
using Optimize.Emulator;
using Optimize.Engine;
using Optimize.Journal;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Ports;
using Optimize.Simulator.Fleet;

namespace Optimize.Benchmarks.Probes;

/// <summary>
/// One read-only <see cref="OptimizationPass"/> through the production adapters (<see cref="AzureAdapters.Create"/>, default
/// options but the transport) on the in-process Azure emulator, built as <c>optimize plan</c> builds it: list the inventory
/// (Resource Graph), load the SKU catalog of its regions, then the pass over the listed items (prices, metrics, advisors,
/// planner). The scope is every subscription of the fleet, as the nightly pass. Prints requests by operationId (the
/// emulator's RequestLog) and status, metrics batch calls and Resource Graph pages against their lower bounds, wall time per
/// phase and the share of it spent inside HTTP (<see cref="TimedHandler"/>). Faults: latency, ARM token buckets, 529 rate.
/// Run: <c>dotnet run -c Release --project bench/Optimize.Benchmarks -- emulated-pass --resources 10000 --latency-ms 200 --arm-throttling 1</c>.
/// </summary>
internal static class EmulatedPassProbe
{
    /// <summary>The first argument that selects this probe.</summary>
    public const string Command = "emulated-pass";

    /// <summary>The virtual start of the pass (a Monday 02:00 UTC, as the nightly pass).</summary>
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Parses <paramref name="args"/>, runs the pass, prints the report. Returns the exit code (2: bad input).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var options = EmulatedPassOptions.Parse(args, out var problem);
        if (options is null)
        {
            await error.WriteLineAsync($"{problem}\n{EmulatedPassOptions.Usage}");
            return 2;
        }

        // The emulator's token buckets and Resource Graph quota refill on the emulator's clock, so it must move with real time
        // (a frozen virtual clock never refills them): Start plus the elapsed wall time.
        var clock = new RunningClock(Start);
        var fleet = FleetGenerator.Generate(new FleetOptions { Seed = options.Seed, ResourceCount = options.Resources }, BuiltInCatalog.Default);
        var faults = new EmulatorFaults
        {
            Latency = options.Latency,
            ReadBucket = options.ArmThrottling ? TokenBucket.ArmReads : null,
            WriteBucket = options.ArmThrottling ? TokenBucket.ArmWrites : null,
            MetricsBatchThrottleRate = options.MetricsThrottleRate,
        };
        if (!options.Contract)
        {
            // The emulator looks for the pack beside or above the working directory; from an empty folder it finds none, so it
            // checks no schema and serves its built-in metric tables (the metrics it models: all the adapters ask for).
            Environment.CurrentDirectory = Directory.CreateTempSubdirectory("emulated-pass-").FullName;
        }

        await using var host = await EmulatorHost.StartInProcessAsync(new EmulatorOptions { Time = clock, Faults = faults }, fleet.Catalog, fleet);
        var graph = new GraphPageCounter(host.CreateHandler());
        var timed = new TimedHandler(graph);
        using var http = new HttpClient(timed);
        var adapterOptions = new AzureAdapterOptions { Transport = new HttpClientTransport(http), MetricsConcurrency = options.MetricsConcurrency };
        var skipped = 0;
        var engine = AzureAdapters.Create(
            Optimize.Hosting.EmulatorConnection.Token, adapterOptions, _ => Interlocked.Increment(ref skipped));
        var scope = new InventoryScope(fleet.Subscriptions, [], []);
        var phases = new List<(string Name, TimeSpan Wall, TimeSpan Busy, int Requests)>();
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();

        var items = new List<InventoryItem>();
        await Phase("inventory (Resource Graph)", async () =>
        {
            await foreach (var item in engine.Inventory.ListAsync(scope))
            {
                items.Add(item);
            }
        });

        ISkuCatalog catalog = fleet.Catalog;
        var regions = items.Select(i => i.Resource.Location).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        await Phase("SKU catalog", async () =>
        {
            foreach (var subscription in fleet.Subscriptions)
            {
                catalog = await engine.LoadCatalogAsync(subscription, regions, BuiltInCatalog.Default);
            }
        });

        var metrics = new RecordingMetricsReader(engine.Metrics);
        var journal = new InMemoryJournal();
        // The pass reads each kind in chunks of 500 in the order the inventory lists them; the adapter batches each chunk per
        // (subscription, region). --group-chunks 1 hands the pass the same items sorted by (subscription, region).
        IReadOnlyList<InventoryItem> listed = options.GroupChunks
            ? [.. items.OrderBy(i => i.Resource.SubscriptionId, StringComparer.OrdinalIgnoreCase).ThenBy(i => Optimize.Azure.Http.ResourceIds.Region(i.Resource.Location), StringComparer.Ordinal)]
            : items;
        var ports = new PassPorts(new ListedInventory(listed), metrics, catalog, engine.Prices, journal, journal);
        var pass = new OptimizationPass(ports, AdvisorSet.Default, clock, NullLogger<OptimizationPass>.Instance);
        PassResult? result = null;
        await Phase("pass (prices, metrics, advise, plan)", async () =>
            result = await pass.RunAsync(new PassRequest("bench", PolicyLoader.Default, scope, ReadOnly: true)));
        total.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;

        var log = host.World.Log;
        var n = items.Count;
        var w = new Report(output);
        w.Line("setup", $"{fleet.Count:N0} simulated resources (seed {options.Seed}), {fleet.Subscriptions.Count} subscriptions × {regions.Count} regions; runtime {Environment.Version}, {Environment.ProcessorCount} cores");
        w.Line("faults", $"latency {options.Latency.TotalMilliseconds:0} ms; ARM buckets {(options.ArmThrottling ? $"reads {TokenBucket.ArmReads.Capacity}+{TokenBucket.ArmReads.RefillPerSecond}/s, writes {TokenBucket.ArmWrites.Capacity}+{TokenBucket.ArmWrites.RefillPerSecond}/s" : "off")}; metrics 529 {options.MetricsThrottleRate:P0}");
        w.Line("contract", host.World.Contract is null ? "off: no pack found, no schema checked (built-in metric tables)" : "on: every request and response checked against the pack's schemas");
        w.Line("adapters", $"production defaults (MaxRetries {adapterOptions.MaxRetries}, RetryDelay {adapterOptions.RetryDelay.TotalSeconds:0.0} s, page {adapterOptions.ResourceGraphPageSize}), MetricsConcurrency {adapterOptions.MetricsConcurrency}; pass items in {(options.GroupChunks ? "(subscription, region) order" : "inventory order")}");
        w.Line("pass", $"{n:N0} listed, {result!.Pass.ResourcesAnalyzed:N0} analyzed in {metrics.Queries} metric queries, {result.Pass.Recommendations:N0} recommendations; {skipped} skip messages from the adapters");
        w.Line("wall time", $"{total.Elapsed.TotalSeconds:0.00} s = {total.Elapsed.TotalMilliseconds / Math.Max(1, n):0.00} ms per resource; process CPU {cpu.TotalSeconds:0.00} s = {cpu.TotalMilliseconds / Math.Max(1, n):0.00} ms per resource ({cpu / total.Elapsed:0.00} cores busy)");
        foreach (var (name, wall, busy, requests) in phases)
        {
            w.Line("  phase", $"{name}: {wall.TotalSeconds:0.00} s, {requests} requests, HTTP busy {busy.TotalSeconds:0.00} s ({Share(busy, wall)})");
        }

        foreach (var timing in result.Timings)
        {
            w.Line("  pass step", $"{timing.Step}: {timing.Duration.TotalSeconds:0.00} s ({timing.Detail})");
        }

        w.Line("HTTP", $"busy {timed.Busy.TotalSeconds:0.00} s of {total.Elapsed.TotalSeconds:0.00} s wall = {Share(timed.Busy, total.Elapsed)}; summed request time {timed.Summed.TotalSeconds:0.00} s; at most {timed.MaxInFlight} in flight");
        w.Line("requests", $"{log.Requests:N0} = {log.Requests / (double)Math.Max(1, n):0.000} per resource (client sent {timed.Requests:N0})");
        foreach (var (operation, count) in log.ByOperation)
        {
            w.Line("  operation", $"{operation,-32} {count,7:N0}   {count / (double)Math.Max(1, n):0.0000} per resource");
        }

        var byStatus = log.ByStatus;
        w.Line("status", string.Join(", ", byStatus.Select(s => $"{s.Key}: {s.Value:N0}")));
        var retried = byStatus.Where(s => s.Key is 429 or 529 or >= 500).Sum(s => s.Value);
        w.Line("retries", $"{retried:N0} throttled/failed answers retried by the pipeline (429 {byStatus.GetValueOrDefault(429)}, 529 {byStatus.GetValueOrDefault(529)}, 5xx {byStatus.Where(s => s.Key is >= 500 and not 529).Sum(s => s.Value)})");

        var (tight, oneQuery, ids) = MetricsLowerBound.Compute(metrics.Asked);
        var batch = log.ByOperation.GetValueOrDefault("Batch") - byStatus.GetValueOrDefault(529);
        w.Line("metrics batch", $"{batch} successful getBatch calls for {ids:N0} ids; lower bound Σ⌈n/50⌉ per (subscription, region, namespace) = {tight} → ratio {batch / (double)Math.Max(1, tight):0.00}; the adapter's grouping over one query of every resource = {oneQuery}");
        var queries = graph.Queries;
        var pages = queries.Sum(q => q.Pages);
        var pageBound = queries.Sum(q => Math.Max(1, (int)((q.Rows + 999) / 1000)));
        w.Line("graph pages", $"{pages} pages for {queries.Count} queries of {string.Join(" + ", queries.Select(q => q.Rows.ToString("N0", CultureInfo.InvariantCulture)))} rows; lower bound Σ⌈rows/1000⌉ = {pageBound} → ratio {pages / (double)Math.Max(1, pageBound):0.00}");

        // What the call pattern costs in latency alone, were the emulator infinitely fast: inventory pages, SKU lists and price
        // pages are serial; a metrics query's calls run MetricsConcurrency at a time; the pass reads its queries one after another.
        var serial = phases[0].Requests + phases[1].Requests + log.ByOperation.GetValueOrDefault("RetailPrices_List");
        var rounds = metrics.CallsPerQuery.Sum(c => (c + options.MetricsConcurrency - 1) / options.MetricsConcurrency);
        w.Line("latency floor", $"{serial} serial requests + {rounds} rounds of ≤ {options.MetricsConcurrency} metrics calls ({string.Join(",", metrics.CallsPerQuery)} calls per query) = {serial + rounds} × latency = {(serial + rounds) * options.Latency.TotalSeconds:0.0} s");
        return 0;

        async Task Phase(string name, Func<Task> run)
        {
            var sw = Stopwatch.StartNew();
            var busy = timed.Busy;
            var requests = host.World.Log.Requests;
            await run();
            phases.Add((name, sw.Elapsed, timed.Busy - busy, host.World.Log.Requests - requests));
        }
    }

    private static string Share(TimeSpan part, TimeSpan whole) =>
        string.Create(CultureInfo.InvariantCulture, $"{part.TotalSeconds / Math.Max(1e-9, whole.TotalSeconds):P0}");

    /// <summary>A clock at <paramref name="start"/> that runs at real speed from its creation.</summary>
    private sealed class RunningClock(DateTimeOffset start) : TimeProvider
    {
        private readonly long _origin = Stopwatch.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start + Stopwatch.GetElapsedTime(_origin);
    }

    /// <summary>Replays the items listed once, as <c>optimize plan</c> does, so the pass does not list them again.</summary>
    private sealed class ListedInventory(IReadOnlyList<InventoryItem> items) : IInventory
    {
        public async IAsyncEnumerable<InventoryItem> ListAsync(InventoryScope scope, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return item;
            }

            await Task.CompletedTask;
        }
    }

    private sealed class Report(TextWriter output)
    {
        public void Line(string label, string value) => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-14} {value}"));
    }
}
