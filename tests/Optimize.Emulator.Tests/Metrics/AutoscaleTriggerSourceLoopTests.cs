using Optimize.Emulator.Tests.Contract;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Ports;
using Optimize.Simulator.Fleet;
using Optimize.Tests.FleetModel;

namespace Optimize.Emulator.Tests.Metrics;

/// <summary>
/// The production inventory and metrics reader on an autoscale setting: the inventory reads the CPU rule's
/// <c>metricResourceUri</c>, the reader splits <c>ObservedMetricValue</c> by <c>MetricTriggerSource</c>
/// (microsoft-insights-autoscalesettings-metrics.md: its only dimension) and keeps that source's series, which the emulator
/// labels with the rule's target; the values are the fleet model's (FleetOracle).
/// </summary>
public sealed class AutoscaleTriggerSourceLoopTests
{
    [Fact]
    public async Task AutoscaleCpu_IsTheCpuRulesSourceSeries_SplitByMetricTriggerSource()
    {
        var now = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        var clock = new FixedClock(now);
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Fleet = new FleetOptions { ResourceCount = 200 }, Time = clock });
        var world = emulator.World;
        var azure = EmulatedAzure.Create(emulator);
        var ct = TestContext.Current.CancellationToken;
        var settings = await azure.Inventory.ListAsync(new InventoryScope([.. world.Fleet.Subscriptions], [], [ResourceKind.AutoscaleSetting]), ct)
            .Take(3).ToListAsync(ct);
        Assert.NotEmpty(settings);
        var query = new MetricQuery([.. settings.Select(s => s.Resource)], [MetricNames.Cpu], new TimeRange(now.AddHours(-2), now), TimeSpan.FromMinutes(5));

        var read = await azure.Metrics.ReadAsync(query, ct).ToListAsync(ct);
        var truth = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in FleetOracle.Series(world.Fleet, query, now))
        {
            truth[s.ResourceId] = s.Values.ToArray();
        }

        Assert.All(settings, s => Assert.Equal(((AutoscaleConfig)s.Config).TargetResourceId, s.Resource.CpuRuleSource, StringComparer.OrdinalIgnoreCase));
        Assert.Equal(settings.Count, read.Count);
        Assert.All(read, series => Assert.Equal(truth[series.ResourceId], series.Values.ToArray(), (a, b) => Math.Abs(a - b) <= 1e-6 * Math.Max(1, Math.Abs(b)) || (double.IsNaN(a) && double.IsNaN(b))));
        Assert.DoesNotContain(world.Log.ByStatus.Keys, s => s >= 400);
        ContractKit.AssertNoViolations(world, "Batch");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
