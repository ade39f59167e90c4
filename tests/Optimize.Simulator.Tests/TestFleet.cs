using Microsoft.Extensions.Time.Testing;
using Optimize.Changes;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Simulator.Fleet;
using Optimize.Tests.FleetModel;

namespace Optimize.Simulator.Tests;

/// <summary>Builds fleets with safe defaults, writes configurations into their timelines and reads series into arrays (the model's own
/// series, <see cref="FleetOracle"/>).</summary>
internal sealed class TestFleet
{
    /// <summary>A Monday, so weekly cycles line up.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public TestFleet(int seed = 42, int count = 40, string? tracePath = null)
    {
        Fleet = FleetGenerator.Generate(new FleetOptions { Seed = seed, ResourceCount = count, TracePath = tracePath }, TestCatalog.Instance);
        Time = new FakeTimeProvider(Now);
        Config = new FleetWriter(Fleet, Time);
    }

    public SimulatedFleet Fleet { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>Writes configurations into the fleet's timelines at the clock's now.</summary>
    public FleetWriter Config { get; }

    public SimulatedResource First(FleetScenario scenario, ResourceKind? kind = null) =>
        Fleet.WithScenario(scenario).First(r => kind is null || r.Resource.Kind == kind);

    /// <summary>One metric of one resource on the grid (empty when nothing was observed).</summary>
    public Task<double[]> ReadAsync(SimulatedResource resource, string metric, DateTimeOffset start, TimeSpan length, TimeSpan interval)
    {
        var query = new MetricQuery([resource.Resource], [metric], new TimeRange(start, start + length), interval);
        return Task.FromResult(FleetOracle.Series(Fleet, query).FirstOrDefault()?.Values.ToArray() ?? []);
    }

    public static double Percentile(double[] values, double p)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return sorted[(int)Math.Round(p * (sorted.Length - 1))];
    }

    public static double Mean(double[] values) => values.Where(v => !double.IsNaN(v)).Average();
}

/// <summary>
/// Writes a configuration into a fleet's timeline at the clock's now, as the emulator does when a write's long-running operation
/// completes: a VM resize restarts the VM; writing the configuration already in effect changes nothing. (Validation of targets is
/// the emulator's, tested there.)
/// </summary>
internal sealed class FleetWriter(SimulatedFleet fleet, TimeProvider time)
{
    /// <summary>Records <paramref name="target"/> for <paramref name="resource"/> and returns the configuration now in effect.</summary>
    public Task<ApplyResult> ApplyAsync(ResourceRef resource, ResourceConfig target, bool allowDeallocation, CancellationToken cancellationToken = default)
    {
        _ = allowDeallocation;
        cancellationToken.ThrowIfCancellationRequested();
        var simulated = fleet.Find(resource.Id) ?? throw new ArgumentException($"No resource {resource.Id} in the fleet.", nameof(resource));
        var now = time.GetUtcNow();
        if (fleet.ConfigAt(simulated, now) != target)
        {
            fleet.Record(simulated, target, now, restarted: target is VmConfig);
        }

        return Task.FromResult(ApplyResult.Ok(fleet.ConfigAt(simulated, now)));
    }
}
