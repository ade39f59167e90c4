using Microsoft.Extensions.Time.Testing;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Simulator.Faults;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Ports;

namespace Optimize.Simulator.Tests;

/// <summary>Builds fleets and ports with safe defaults, and reads series into arrays.</summary>
internal sealed class TestFleet
{
    /// <summary>A Monday, so weekly cycles line up.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public TestFleet(int seed = 42, int count = 40, string? tracePath = null)
    {
        Fleet = FleetGenerator.Generate(new FleetOptions { Seed = seed, ResourceCount = count, TracePath = tracePath }, TestCatalog.Instance);
        Time = new FakeTimeProvider(Now);
        Faults = new FaultPlan();
        Metrics = new SimulatedMetricsReader(Fleet, faults: Faults);
        Config = new SimulatedConfigurationClient(Fleet, Time, Faults);
        Inventory = new SimulatedInventory(Fleet, Time);
    }

    public SimulatedFleet Fleet { get; }

    public FakeTimeProvider Time { get; }

    public FaultPlan Faults { get; }

    public SimulatedMetricsReader Metrics { get; }

    public SimulatedConfigurationClient Config { get; }

    public SimulatedInventory Inventory { get; }

    public SimulatedResource First(FleetScenario scenario, ResourceKind? kind = null) =>
        Fleet.WithScenario(scenario).First(r => kind is null || r.Resource.Kind == kind);

    /// <summary>Reads one metric of one resource into a fresh array (the reader reuses its buffers).</summary>
    public async Task<double[]> ReadAsync(SimulatedResource resource, string metric, DateTimeOffset start, TimeSpan length, TimeSpan interval)
    {
        var query = new MetricQuery([resource.Resource], [metric], new TimeRange(start, start + length), interval);
        await foreach (var series in Metrics.ReadAsync(query, TestContext.Current.CancellationToken))
        {
            return series.Values.ToArray();
        }

        return [];
    }

    public static double Percentile(double[] values, double p)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return sorted[(int)Math.Round(p * (sorted.Length - 1))];
    }

    public static double Mean(double[] values) => values.Where(v => !double.IsNaN(v)).Average();
}
