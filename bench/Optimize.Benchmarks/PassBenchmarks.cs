using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Optimize.Advisors;
using Optimize.Benchmarks.InMemory;
using Optimize.Catalog;
using Optimize.Engine;
using Optimize.Journal;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Ports;
using Optimize.Pricing;
using Optimize.Simulator.Fleet;

namespace Optimize.Benchmarks;

/// <summary>
/// A full read-only <see cref="OptimizationPass"/> (inventory, prices, metrics, summaries, advisors, planner) over
/// 1,000 simulated resources, 14 days hourly, against the baseline of only reading the same metrics from the
/// simulator: the ratio is what the engine adds on top of its metric source. Figures are per resource.
/// Run: <c>dotnet run -c Release --project bench/Optimize.Benchmarks -- --filter *PassBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
public class PassBenchmarks
{
    private const int Resources = 1_000;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private OptimizationPass _pass = null!;
    private PassRequest _request = null!;
    private InMemoryFleetMetrics _reader = null!;
    private MetricQuery[] _queries = [];

    [GlobalSetup]
    public void Setup()
    {
        var clock = new FakeTimeProvider(Now);
        var fleet = FleetGenerator.Generate(new FleetOptions { ResourceCount = Resources }, BuiltInCatalog.Default);
        var journal = new InMemoryJournal();
        _reader = new InMemoryFleetMetrics(fleet, clock);
        var ports = new PassPorts(new InMemoryFleetInventory(fleet, clock), _reader, fleet.Catalog, new BuiltInPriceBook(), journal, journal);
        _pass = new OptimizationPass(ports, AdvisorSet.Default, clock, NullLogger<OptimizationPass>.Instance);
        var policy = new OptimizePolicy { Data = new DataPolicy { Lookback = TimeSpan.FromDays(14), Interval = TimeSpan.FromHours(1) } };
        _request = new PassRequest("bench", policy, new InventoryScope(fleet.Subscriptions, [], []), ReadOnly: true);

        // The baseline reads what the pass reads: each kind's required metrics over the same range, in chunks.
        var range = TimeRange.Ending(Now, policy.Data.Lookback);
        _queries =
        [
            .. fleet.Resources.Select(r => r.Resource).GroupBy(r => r.Kind)
                .SelectMany(g => g.Chunk(OptimizationPass.ChunkSize)
                    .Select(c => new MetricQuery(c, AdvisorSet.Default.RequiredMetricsFor(g.Key), range, policy.Data.Interval))),
        ];
    }

    /// <summary>Only the simulator: every series the pass would read, summed.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Resources)]
    public async Task<double> ReadMetricsOnly()
    {
        var sum = 0.0;
        foreach (var query in _queries)
        {
            await foreach (var s in _reader.ReadAsync(query))
            {
                sum += s.Values.Span[0];
            }
        }

        return sum;
    }

    /// <summary>One read-only pass over the fleet.</summary>
    [Benchmark(OperationsPerInvoke = Resources)]
    public async Task<int> ReadOnlyPass()
    {
        var result = await _pass.RunAsync(_request);
        return result.Pass.Recommendations;
    }
}
