using BenchmarkDotNet.Attributes;
using Optimize.Catalog;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Ports;

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
    private SimulatedMetricsReader _reader = null!;
    private MetricQuery _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        _large = FleetGenerator.Generate(new FleetOptions { ResourceCount = 100_000 }, BenchCatalog.Instance);
        var small = FleetGenerator.Generate(new FleetOptions(), BenchCatalog.Instance);
        _reader = new SimulatedMetricsReader(small);
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

    private sealed class BenchCatalog : ISkuCatalog
    {
        public static readonly BenchCatalog Instance = new();

        private static readonly SkuSpec[] Specs =
        [
            new("Standard_D2s_v5", ResourceKind.VirtualMachine, "Dsv5", 2, 8),
            new("Standard_D4s_v5", ResourceKind.VirtualMachine, "Dsv5", 4, 16),
            new("Standard_D8s_v5", ResourceKind.VirtualMachine, "Dsv5", 8, 32),
            new("P0v3", ResourceKind.AppServicePlan, "Pv3", 1, 4),
            new("P1v3", ResourceKind.AppServicePlan, "Pv3", 2, 8),
            new("P2v3", ResourceKind.AppServicePlan, "Pv3", 4, 16),
            new("FC-512", ResourceKind.FunctionApp, "FC", 0.25, 0.5),
            new("FC-2048", ResourceKind.FunctionApp, "FC", 1, 2),
            new("FC-4096", ResourceKind.FunctionApp, "FC", 2, 4),
        ];

        public SkuSpec? Find(ResourceKind kind, string name) =>
            Specs.FirstOrDefault(s => s.Kind == (kind == ResourceKind.ScaleSet ? ResourceKind.VirtualMachine : kind)
                && string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

        public IReadOnlyList<SkuSpec> Candidates(ResourceKind kind, string region) =>
            [.. Specs.Where(s => s.Kind == (kind == ResourceKind.ScaleSet ? ResourceKind.VirtualMachine : kind))];
    }
}
