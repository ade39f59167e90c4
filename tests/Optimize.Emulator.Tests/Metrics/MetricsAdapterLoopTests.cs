using Optimize.Emulator.Tests.Contract;
using Optimize.Metrics;
using Optimize.Metrics.History;
using Optimize.Model;
using Optimize.Ports;
using Optimize.Simulator.Fleet;
using Optimize.Tests.FleetModel;

namespace Optimize.Emulator.Tests.Metrics;

/// <summary>
/// The production metrics reader (MonitorMetricsClient: metrics:getBatch on the data plane, names from MetricMap) against the
/// emulator, which emits only what each type's supported-metrics table lists (../shared/azure-contract/metrics/*.md), compared
/// with the fleet model's own engine-level series for the same fleet and window (<see cref="FleetOracle"/>).
/// </summary>
public sealed class MetricsAdapterLoopTests
{
    [Fact]
    public async Task EveryKind_TheProductionReaderSeesTheSimulatorsSeries_ForEachMetricItMaps()
    {
        var now = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        var clock = new FixedClock(now);
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Fleet = new FleetOptions { ResourceCount = 200 }, Time = clock });
        var world = emulator.World;
        // As the fleet lists them: a plan with the sites hosted on it, each with its configuration now (nothing
        // changes in the window, so it held throughout: a Flex app's memory % is read against its instance memory).
        var listed = FleetOracle.Listing(world.Fleet, now);
        var items = Enum.GetValues<ResourceKind>().SelectMany(kind => listed.Where(i => i.Resource.Kind == kind).Take(3)).ToArray();
        var resources = items.Select(i => i.Resource).ToArray();
        // One 5-minute step per point: Azure's ratio of totals (Http5xx / Requests) then equals the simulator's step value.
        var query = new MetricQuery(resources, [.. MetricNames.All], new TimeRange(now.AddHours(-6), now), TimeSpan.FromMinutes(5))
        {
            Configurations = items.ToDictionary(i => i.Resource.Id, i => ConfigurationTimeline.Unchanged(i.Config), StringComparer.OrdinalIgnoreCase),
        };

        var skipped = new List<string>();
        var azure = EmulatedAzure.Create(emulator, skipped.Add);
        var read = await azure.Metrics.ReadAsync(query, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        var truth = FleetOracle.Series(world.Fleet, query, now);

        Assert.Empty(skipped);
        Assert.Empty(world.Log.Violations);
        Assert.False(world.Log.ByStatus.Keys.Any(s => s >= 400), string.Join(",", world.Log.ByStatus.Select(p => $"{p.Key}={p.Value}")));
        var expected = truth.ToDictionary(s => (s.ResourceId.ToLowerInvariant(), s.Metric));
        Assert.NotEmpty(read);
        var mismatches = new List<string>();
        foreach (var series in read)
        {
            var simulated = expected[(series.ResourceId.ToLowerInvariant(), series.Metric)].Values.ToArray();
            var values = series.Values.ToArray();
            Assert.Equal(simulated.Length, values.Length);
            for (var i = 0; i < values.Length; i++)
            {
                var (a, b) = (values[i], simulated[i]);
                if (!(double.IsNaN(a) == double.IsNaN(b) && (double.IsNaN(a) || Math.Abs(a - b) <= 1e-6 * Math.Max(1, Math.Abs(b)))))
                {
                    mismatches.Add($"{series.ResourceId[(series.ResourceId.LastIndexOf('/') + 1)..]} {series.Metric}[{i}]: adapter {a}, simulator {b}");
                    break;
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));

        var kinds = read.GroupBy(s => resources.First(r => r.Id.Equals(s.ResourceId, StringComparison.OrdinalIgnoreCase)).Kind)
            .ToDictionary(g => g.Key, g => g.Select(s => s.Metric).Distinct().Order(StringComparer.Ordinal).ToArray());
        Assert.Equal([MetricNames.Cpu, MetricNames.Memory], kinds[ResourceKind.VirtualMachine]);
        Assert.Equal([MetricNames.Cpu, MetricNames.Memory], kinds[ResourceKind.ScaleSet]);
        // A plan's latency and errors come from its hosted sites (serverfarms emits neither).
        Assert.Equal([MetricNames.Cpu, MetricNames.ErrorPercent, MetricNames.LatencyMs, MetricNames.Memory], kinds[ResourceKind.AppServicePlan]);
        Assert.Equal([MetricNames.Cpu, MetricNames.ErrorPercent, MetricNames.Instances, MetricNames.LatencyMs, MetricNames.Memory], kinds[ResourceKind.FunctionApp]);
        Assert.Equal([MetricNames.Cpu, MetricNames.Instances], kinds[ResourceKind.AutoscaleSetting]);
        ContractKit.AssertNoViolations(emulator.World, "Batch");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
