using BenchmarkDotNet.Attributes;
using Optimize.Benchmarks.InMemory;
using Optimize.Catalog;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Benchmarks;

/// <summary>
/// The simulator's hot paths: enumerating a 100,000-resource fleet (built on the fly, nothing retained) and reading
/// 14 days of hourly metrics of a 40-resource fleet (every 5-minute step computed, one buffer per metric reused).
/// Run: <c>dotnet run -c Release --project bench/Optimize.Benchmarks -- --filter *SimulatorBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
public class SimulatorBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private SimulatedFleet _large = null!;
    private InMemoryFleetMetrics _reader = null!;
    private MetricQuery _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        _large = FleetGenerator.Generate(new FleetOptions { ResourceCount = 100_000 }, BuiltInCatalog.Default);
        var small = FleetGenerator.Generate(new FleetOptions(), BuiltInCatalog.Default);
        _reader = new InMemoryFleetMetrics(small);
        _query = new MetricQuery([.. small.Resources.Select(r => r.Resource)], MetricNames.All, TimeRange.Ending(Now, TimeSpan.FromDays(14)), TimeSpan.FromHours(1));
    }

    /// <summary>Builds every resource of a 100,000-resource fleet once.</summary>
    [Benchmark(Baseline = true)]
    public int Enumerate100k()
    {
        var n = 0;
        foreach (var r in _large.Resources)
        {
            n += r.Index & 1;
        }

        return n;
    }

    /// <summary>Reads 5 metrics × 40 resources × 14 days at 1 hour (336 points each from 4,032 steps).</summary>
    [Benchmark]
    public async Task<int> ReadFleet14DaysHourly()
    {
        var n = 0;
        await foreach (var s in _reader.ReadAsync(_query))
        {
            n += s.Values.Length;
        }

        return n;
    }
}
