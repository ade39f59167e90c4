using System.Text.Json.Nodes;
using Optimize.Emulator.Metrics;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Simulator.Capacity;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Workloads;
using Optimize.Tests.FleetModel;

namespace Optimize.Emulator.Tests.Metrics;

/// <summary>
/// Metrics_List values come from the fleet's 5-minute model, in the Response shape of
/// specs/whole/monitor.resource-manager.metrics.2024-02-01.json (fixtures/arm/Microsoft.Insights/2024-02-01/GetMetric.json),
/// for names in the type's table only (shared/azure-contract/metrics/*.md).
/// </summary>
public sealed class MetricsValuesTests
{
    private static readonly DateTimeOffset Start = MetricsKit.Now - TimeSpan.FromHours(24);

    public static TheoryData<ResourceKind> Kinds => new(Enum.GetValues<ResourceKind>());

    [Fact]
    public async Task Site_PercentageCpu_Is400BadRequest_UnwrappedWithMonitorsMessage()
    {
        // microsoft-web-sites-metrics.md has CpuPercentage ("Percentage CPU" is its display name), not the REST name
        // `Percentage CPU`. The Insights RP's error is {code, message} at top level (spec: Microsoft.Common.CommonErrorResponse;
        // migrate-to-batch-api.excerpts.md "Metrics API error response"); message as Azure words it (azure-sdk-for-net#29584).
        await using var emulator = await MetricsKit.StartAsync();
        var site = MetricsKit.First(emulator.World, ResourceKind.FunctionApp);

        var (status, json) = await MetricsKit.Get(emulator, site.Resource.Id, "metrics", "&metricnames=Percentage%20CPU&aggregation=average&interval=PT1H");

        Assert.Equal(400, status);
        Assert.Null(json!["error"]);
        Assert.Equal("BadRequest", json["code"]!.GetValue<string>());
        var message = json["message"]!.GetValue<string>();
        Assert.StartsWith("Failed to find metric configuration for provider: Microsoft.Web, resource Type: sites, metric: Percentage CPU, Valid metrics: ", message, StringComparison.Ordinal);
        Assert.Contains(",CpuPercentage,", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PT1H")]
    [InlineData("PT15M")]
    public async Task VmPercentageCpu_EqualsTheSimulatorsCpuSeries_GapsAndTheUnfinishedTailAreBarePoints(string interval)
    {
        await using var emulator = await MetricsKit.StartAsync();
        var world = emulator.World;
        // A VM with bad data (hourly gaps) when the fleet has one, so gaps are compared too.
        var vm = world.Fleet.Resources.Where(r => r.Resource.Kind == ResourceKind.VirtualMachine).OrderBy(r => r.Scenario == FleetScenario.BadData ? 0 : 1).First();
        var end = MetricsKit.Now + TimeSpan.FromHours(2); // the last points lie after now: not observed yet
        var grain = System.Xml.XmlConvert.ToTimeSpan(interval);

        var (status, json) = await MetricsKit.Get(emulator, vm.Resource.Id, "metrics",
            $"&metricnames=Percentage%20CPU&aggregation=average&interval={interval}&timespan={MetricsKit.Iso(Start)}/{MetricsKit.Iso(end)}&metricnamespace=Microsoft.Compute/virtualMachines");
        var expected = FleetOracle.Series(world.Fleet, new MetricQuery([vm.Resource], [MetricNames.Cpu], new TimeRange(Start, end), grain), world.Time.GetUtcNow());

        Assert.Equal(200, status);
        var metric = json!["value"]!.AsArray().Single()!;
        Assert.Equal("Percentage CPU", metric["name"]!["value"]!.GetValue<string>());
        Assert.Equal(interval, json["interval"]!.GetValue<string>());
        var data = metric["timeseries"]![0]!["data"]!.AsArray();
        var want = Assert.Single(expected).Values.ToArray();
        Assert.Equal(want.Length, data.Count);
        for (var k = 0; k < want.Length; k++)
        {
            Assert.Equal(Start + (grain * k), DateTimeOffset.Parse(data[k]!["timeStamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
            if (double.IsNaN(want[k]))
            {
                Assert.Null(data[k]!["average"]);
            }
            else
            {
                Assert.Equal(want[k], data[k]!["average"]!.GetValue<double>(), 1e-9);
            }
        }

        Assert.Equal(FleetScenario.BadData, vm.Scenario); // hourly chunks missing: some points before now are gaps too
        Assert.True(want.Take(want.Length - (int)(TimeSpan.FromHours(2) / grain)).Any(double.IsNaN), "a bad-data VM has gaps before now");
        Assert.True(want.TakeLast((int)(TimeSpan.FromHours(2) / grain)).All(double.IsNaN), "the two hours after now are not observed yet");
        Assert.True(want.Count(v => !double.IsNaN(v)) >= 12);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EveryEmittedMetric_HasTheTablesUnit_AndByDefaultItsPrimaryAggregationOnly(ResourceKind kind)
    {
        var ns = MetricNamespaces.Of(kind);
        var published = MetricsKit.Published(ns).ToDictionary(r => r.Name);
        await using var emulator = await MetricsKit.StartAsync();
        var resource = MetricsKit.First(emulator.World, kind);
        var names = FleetMetricValues.Modelled(kind).ToList();

        var (status, json) = await MetricsKit.Get(emulator, resource.Resource.Id, "metrics",
            $"&metricnames={Uri.EscapeDataString(string.Join(",", names))}&interval=PT1H&timespan={MetricsKit.Iso(Start)}/{MetricsKit.Iso(MetricsKit.Now)}");

        Assert.Equal(200, status);
        Assert.Equal(resource.Resource.Location, json!["resourceregion"]!.GetValue<string>());
        Assert.Equal(ns.ToLowerInvariant(), json["namespace"]!.GetValue<string>());
        var metrics = json["value"]!.AsArray();
        Assert.Equal(names.Count, metrics.Count);
        foreach (var metric in metrics)
        {
            var name = metric!["name"]!["value"]!.GetValue<string>();
            Assert.True(published.TryGetValue(name, out var row), $"{name} is not in {ns}'s table");
            Assert.Equal(row.Unit, metric["unit"]!.GetValue<string>());
            var primary = row.Aggregation.Split(',')[0].Replace(" (Sum)", string.Empty, StringComparison.Ordinal).Trim().ToLowerInvariant();
            var points = metric["timeseries"]![0]!["data"]!.AsArray();
            Assert.Equal(24, points.Count);
            Assert.All(points, p => Assert.Equal(["timeStamp", primary], p!.AsObject().Select(x => x.Key).ToArray()));
        }
    }

    [Fact]
    public async Task Aggregations_OfOneHour_AreTheMinutesOfItsTwelveSteps_WorkedFromTheSampler()
    {
        await using var emulator = await MetricsKit.StartAsync();
        var world = emulator.World;
        var vm = MetricsKit.First(world, ResourceKind.VirtualMachine, r => r.Scenario != FleetScenario.BadData);
        var hour = MetricsKit.Now - TimeSpan.FromHours(3);
        var sampler = new ResourceSampler(world.Fleet, vm);
        var cpu = Enumerable.Range(0, 12).Select(i => sampler.Sample(WorkloadModel.StepOf(hour) + i).Cpu).ToArray();

        var (status, json) = await MetricsKit.Get(emulator, vm.Resource.Id, "metrics",
            $"&metricnames=Percentage%20CPU&aggregation=average,minimum,maximum,total,count&interval=PT1H&timespan={MetricsKit.Iso(hour)}/{MetricsKit.Iso(hour + TimeSpan.FromHours(1))}");

        Assert.Equal(200, status);
        var point = json!["value"]![0]!["timeseries"]![0]!["data"]![0]!;
        Assert.Equal(cpu.Average(), point["average"]!.GetValue<double>(), 1e-9);
        Assert.Equal(cpu.Min(), point["minimum"]!.GetValue<double>(), 1e-12);
        Assert.Equal(cpu.Max(), point["maximum"]!.GetValue<double>(), 1e-12);
        Assert.Equal(5 * cpu.Sum(), point["total"]!.GetValue<double>(), 1e-9); // one PT1M sample per minute, 5 per step
        Assert.Equal(60, point["count"]!.GetValue<double>());
        Assert.True(cpu.Max() > cpu.Min(), "the hour's steps differ, so min/max/average are distinguished");
    }

    [Fact]
    public async Task VmMemory_FollowsTheSizeInEffect_AvailableBytesChangeWithAResize()
    {
        await using var emulator = await MetricsKit.StartAsync();
        var world = emulator.World;
        var vm = MetricsKit.First(world, ResourceKind.VirtualMachine, r => r.Scenario is FleetScenario.OverProvisioned or FleetScenario.RightSized);
        var before = (VmConfig)vm.InitialConfig;
        var oldSpec = world.Fleet.Catalog.Find(ResourceKind.VirtualMachine, before.Size)!;
        var bigger = world.Fleet.Catalog.Candidates(ResourceKind.VirtualMachine, vm.Resource.Location).First(s => s.MemoryGb >= 2 * oldSpec.MemoryGb);
        var resizeAt = MetricsKit.Now - TimeSpan.FromHours(2);
        world.Fleet.Record(vm, new VmConfig(bigger.Name), resizeAt, restarted: true);
        var from = resizeAt - TimeSpan.FromMinutes(30);

        var (status, json) = await MetricsKit.Get(emulator, vm.Resource.Id, "metrics",
            $"&metricnames=Available%20Memory%20Bytes,Available%20Memory%20Percentage&aggregation=average&interval=PT5M&timespan={MetricsKit.Iso(from)}/{MetricsKit.Iso(from + TimeSpan.FromHours(1))}");

        Assert.Equal(200, status);
        var sampler = new ResourceSampler(world.Fleet, vm);
        var bytes = json!["value"]![0]!["timeseries"]![0]!["data"]!.AsArray();
        var percent = json["value"]![1]!["timeseries"]![0]!["data"]!.AsArray();
        for (var k = 0; k < 12; k++)
        {
            var step = WorkloadModel.StepOf(from) + k;
            var memory = sampler.Sample(step).Memory; // % of the memory of the size in effect in that step
            var gb = k < 6 ? oldSpec.MemoryGb : bigger.MemoryGb;
            Assert.Equal(Math.Pow(2, 30) * gb * (100 - memory) / 100, bytes[k]!["average"]!.GetValue<double>(), 1e-3);
            Assert.Equal(100 - memory, percent[k]!["average"]!.GetValue<double>(), 1e-9);
        }

        Assert.NotEqual(world.Fleet.ConfigAt(vm, from), world.Fleet.ConfigAt(vm, resizeAt));
    }
}
