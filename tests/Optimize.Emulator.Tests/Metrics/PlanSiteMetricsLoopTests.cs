using Microsoft.Extensions.Logging.Abstractions;
using Optimize.Guards;
using Optimize.Journal;
using Optimize.Metrics;
using Optimize.Metrics.History;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Ports;
using Optimize.Simulator.Fleet;
using Optimize.Workflow.Activities;
using Optimize.Tests.FleetModel;

namespace Optimize.Emulator.Tests.Metrics;

/// <summary>
/// An App Service plan's latency and errors through the production adapters and the emulator: Microsoft.Web/serverfarms emits no
/// response time, 5xx or request count (../shared/azure-contract/metrics/microsoft-web-serverfarms-metrics.md), so the production
/// reader reads them from the sites the inventory found hosted on the plan (Microsoft.Web/sites HttpResponseTime, Http5xx, Requests:
/// metrics/microsoft-web-sites-metrics.md). The emulator's hosted sites carry the plan's traffic (FleetMetricValues.AggregateHostedSite),
/// so the aggregate must equal the fleet model's plan series (<see cref="FleetOracle"/>).
/// </summary>
public sealed class PlanSiteMetricsLoopTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The fleet's plans as the production inventory lists them through the emulator's Resource Graph.</summary>
    private static async Task<List<ResourceRef>> PlansAsync(Optimize.Azure.AzureEngine azure, SimulatedFleet fleet) =>
        await azure.Inventory.ListAsync(new InventoryScope([.. fleet.Subscriptions], [], [ResourceKind.AppServicePlan]), Ct)
            .Select(i => i.Resource).ToListAsync(Ct);

    [Fact]
    public async Task PlanLatencyAndErrors_ProductionReaderThroughTheEmulator_EqualTheSimulatorsPlanSeries()
    {
        var clock = new FixedClock(Now);
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Fleet = new FleetOptions { ResourceCount = 200 }, Time = clock });
        var world = emulator.World;
        var skipped = new List<string>();
        var azure = EmulatedAzure.Create(emulator, skipped.Add);
        var plans = await PlansAsync(azure, world.Fleet);
        var simulated = FleetOracle.Listing(world.Fleet, Now, ResourceKind.AppServicePlan)
            .ToDictionary(i => i.Resource.Id, i => i.Resource.HostedSites, StringComparer.OrdinalIgnoreCase);
        // One 5-minute step per point: a ratio of totals over a point then equals the step's value.
        var query = new MetricQuery(plans, [MetricNames.LatencyMs, MetricNames.ErrorPercent], new TimeRange(Now.AddHours(-6), Now), TimeSpan.FromMinutes(5));

        var read = await azure.Metrics.ReadAsync(query, Ct).ToListAsync(Ct);
        var truth = FleetOracle.Series(world.Fleet, query, Now).ToDictionary(s => (s.ResourceId.ToLowerInvariant(), s.Metric), s => s.Values.ToArray());

        // Both inventories agree on every plan's sites, and every plan hosts at least one.
        Assert.NotEmpty(plans);
        Assert.All(plans, p => Assert.Equal(simulated[p.Id], p.HostedSites));
        Assert.All(plans, p => Assert.NotEmpty(p.HostedSites));
        Assert.Empty(skipped);
        Assert.Empty(world.Log.Violations);
        Assert.False(world.Log.ByStatus.Keys.Any(s => s >= 400), string.Join(",", world.Log.ByStatus.Select(p => $"{p.Key}={p.Value}")));
        // Only the sites are read (the plans' own namespace maps neither metric): ⌈sites/50⌉ calls per (subscription, region) at least.
        Assert.True(world.Log.ByOperation["Batch"] >= (int)Math.Ceiling(plans.Sum(p => p.HostedSites.Count) / 50.0));
        var mismatches = new List<string>();
        foreach (var plan in plans)
        {
            foreach (var metric in new[] { MetricNames.LatencyMs, MetricNames.ErrorPercent })
            {
                var expected = truth.GetValueOrDefault((plan.Id.ToLowerInvariant(), metric));
                var series = read.SingleOrDefault(s => s.ResourceId.Equals(plan.Id, StringComparison.OrdinalIgnoreCase) && s.Metric == metric);
                if (expected is null || expected.All(double.IsNaN))
                {
                    Assert.Null(series);
                    continue;
                }

                Assert.NotNull(series);
                var values = series.Values.ToArray();
                for (var i = 0; i < values.Length; i++)
                {
                    var (a, b) = (values[i], expected[i]);
                    if (!(double.IsNaN(a) == double.IsNaN(b) && (double.IsNaN(a) || Math.Abs(a - b) <= 1e-6 * Math.Max(1, Math.Abs(b)))))
                    {
                        mismatches.Add($"{plan.Name} {metric}[{i}]: adapter {a}, simulator {b}");
                        break;
                    }
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.Contains(read, s => s.Metric == MetricNames.LatencyMs);
        Assert.Contains(read, s => s.Metric == MetricNames.ErrorPercent);
    }

    [Fact]
    public async Task PlanDefaultGuards_ThroughTheEmulator_HaveDataSoLatencyAndErrorsAreNotInconclusive()
    {
        var clock = new FixedClock(Now);
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Fleet = new FleetOptions { ResourceCount = 200 }, Time = clock });
        var world = emulator.World;
        var azure = EmulatedAzure.Create(emulator);
        var plans = await PlansAsync(azure, world.Fleet);
        var healthy = world.Fleet.Resources.First(r => r.Resource.Kind == ResourceKind.AppServicePlan && r.Scenario is FleetScenario.RightSized or FleetScenario.OverProvisioned);
        var plan = plans.Single(p => p.Id.Equals(healthy.Resource.Id, StringComparison.OrdinalIgnoreCase));
        var config = world.Fleet.ConfigAt(healthy, Now);
        var guards = KindPolicy.Defaults(ResourceKind.AppServicePlan).Guards;
        var activities = new ChangeActivities(azure.Configuration, azure.Metrics, new InMemoryJournal(), clock, NullLogger<ChangeActivities>.Instance);

        var baseline = await activities.MeasureBaselineAsync(new BaselineInput(plan, guards, Now.AddDays(-1), Now.AddHours(-4), ConfigurationTimeline.Unchanged(config)), Ct);
        var verdict = await activities.AssessGuardsAsync(new AssessInput(plan, guards, baseline, Now.AddHours(-4), Now, ConfigurationTimeline.Unchanged(config)), Ct);
        var alone = await activities.AssessGuardsAsync(new AssessInput(plan with { HostedSites = [] }, guards, baseline, Now.AddHours(-4), Now), Ct);

        Assert.Null(baseline.Failure);
        Assert.Contains(baseline.Values.Keys, k => k.StartsWith(MetricNames.LatencyMs, StringComparison.Ordinal));
        foreach (var metric in new[] { MetricNames.LatencyMs, MetricNames.ErrorPercent })
        {
            var guard = verdict.Guards.Single(g => g.Metric == metric);
            Assert.True(guard.Kind is VerdictKind.Successful or VerdictKind.Failed, guard.Message);
            Assert.NotNull(guard.Observed);
            // Without its sites the plan has no such data, and the verdict says why.
            var without = alone.Guards.Single(g => g.Metric == metric);
            Assert.Equal(VerdictKind.Inconclusive, without.Kind);
            Assert.Contains("hosts no site", without.Message, StringComparison.Ordinal);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
