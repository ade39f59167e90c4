using System.Text.Json.Nodes;
using Optimize.Emulator.Metrics;
using Optimize.Model;
using Optimize.Simulator.Capacity;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Workloads;

namespace Optimize.Emulator.Tests.Metrics;

/// <summary>
/// The per-type metrics, each worked from the simulator's own step (ResourceSampler) at PT5M (one step per point), with
/// names, units and dimensions from shared/azure-contract/metrics (microsoft-web-sites-metrics.md,
/// includes/microsoft-web-serverfarms-metrics-include.md, includes/microsoft-insights-autoscalesettings-metrics-include.md),
/// and the query checks of Metrics_List (specs/whole/monitor.resource-manager.metrics.2024-02-01.json parameters).
/// </summary>
public sealed class MetricsKindsTests
{
    private static readonly DateTimeOffset From = MetricsKit.Now - TimeSpan.FromHours(2);

    [Fact]
    public async Task FlexSite_WorkingSetIsMemoryPercentOfTheInstanceMemoryInEffect_ResponseTimeInSeconds_RequestsAndErrorsAreTotals()
    {
        await using var emulator = await MetricsKit.StartAsync();
        var world = emulator.World;
        var site = MetricsKit.First(world, ResourceKind.FunctionApp, r => r.Scenario != FleetScenario.BadData);
        var initial = (FunctionAppConfig)site.InitialConfig;
        var resized = initial with { InstanceMemoryMb = initial.InstanceMemoryMb == 4096 ? 2048 : 4096 };
        var changeAt = From + TimeSpan.FromMinutes(30);
        world.Fleet.Record(site, resized, changeAt, restarted: false);

        var json = await Ok(emulator, site, "AverageMemoryWorkingSet,MemoryWorkingSet,HttpResponseTime,InstanceCount,CpuPercentage,Requests,Http5xx", "&aggregation=average,total");

        var sampler = new ResourceSampler(world.Fleet, site);
        for (var k = 0; k < 12; k++)
        {
            var step = WorkloadModel.StepOf(From) + k;
            var s = sampler.Sample(step);
            var mb = k < 6 ? initial.InstanceMemoryMb : resized.InstanceMemoryMb;
            var requests = site.Workload!.DemandAt(step).CpuVcpus * FleetMetricValues.RequestsPerVcpuSecond * 300;
            Assert.Equal(s.Memory / 100 * mb * 1024 * 1024, Point(json, 0, k, "average"), 1e-3);
            Assert.Equal(s.Memory / 100 * mb * 1024 * 1024, Point(json, 1, k, "average"), 1e-3);
            Assert.Equal(s.LatencyMs / 1000, Point(json, 2, k, "average"), 1e-12);
            Assert.Equal(s.Instances, Point(json, 3, k, "average"), 1e-12);
            Assert.Equal(s.Cpu, Point(json, 4, k, "average"), 1e-9);
            Assert.Equal(requests, Point(json, 5, k, "total"), 1e-6);
            Assert.Equal(requests * s.ErrorPercent / 100, Point(json, 6, k, "total"), 1e-6);
        }

        Assert.Equal("Seconds", json["value"]![2]!["unit"]!.GetValue<string>());
        Assert.Equal("Bytes", json["value"]![0]!["unit"]!.GetValue<string>());
    }

    [Fact]
    public async Task Plan_CpuAndMemoryPercentage_AreTheSamplersPerStep()
    {
        await using var emulator = await MetricsKit.StartAsync();
        var plan = MetricsKit.First(emulator.World, ResourceKind.AppServicePlan, r => r.Scenario != FleetScenario.BadData);

        var json = await Ok(emulator, plan, "CpuPercentage,MemoryPercentage", "&aggregation=average");

        var sampler = new ResourceSampler(emulator.World.Fleet, plan);
        for (var k = 0; k < 12; k++)
        {
            var s = sampler.Sample(WorkloadModel.StepOf(From) + k);
            Assert.Equal(s.Cpu, Point(json, 0, k, "average"), 1e-9);
            Assert.Equal(s.Memory, Point(json, 1, k, "average"), 1e-9);
        }
    }

    [Fact]
    public async Task Autoscale_ObservedCapacityAndMetricValue_AreItsTargets_WithMetricTriggerSourceWhenFiltered()
    {
        await using var emulator = await MetricsKit.StartAsync();
        var world = emulator.World;
        var setting = MetricsKit.First(world, ResourceKind.AutoscaleSetting);
        var target = world.Fleet[setting.TargetIndex!.Value];
        var filter = "&$filter=" + Uri.EscapeDataString("MetricTriggerSource eq '*'");

        var json = await Ok(emulator, setting, "ObservedMetricValue", "&aggregation=average" + filter);
        var capacity = await Ok(emulator, setting, "ObservedCapacity", "&aggregation=average");
        var exact = await Ok(emulator, setting, "ObservedMetricValue", "&aggregation=average&$filter=" + Uri.EscapeDataString($"MetricTriggerSource eq '{target.Resource.Id}'"));
        var other = await Ok(emulator, setting, "ObservedMetricValue", "&aggregation=average&$filter=" + Uri.EscapeDataString("MetricTriggerSource eq '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/q'"));
        var (refused, error) = await MetricsKit.Get(emulator, setting.Resource.Id, "metrics",
            "&metricnames=ObservedCapacity&$filter=" + Uri.EscapeDataString("MetricTriggerSource eq '*'"));

        var sampler = new ResourceSampler(world.Fleet, target);
        for (var k = 0; k < 12; k++)
        {
            var s = sampler.Sample(WorkloadModel.StepOf(From) + k);
            Assert.Equal(s.Cpu, Point(json, 0, k, "average"), 1e-9);
            Assert.Equal(s.Instances, Point(capacity, 0, k, "average"), 1e-12);
        }

        var metadata = json["value"]![0]!["timeseries"]![0]!["metadatavalues"]!.AsArray().Single()!;
        Assert.Equal("metrictriggersource", metadata["name"]!["value"]!.GetValue<string>());
        Assert.Equal(target.Resource.Id, metadata["value"]!.GetValue<string>());
        // The source's own value selects its series; another source matches nothing: timeseries [] (migrate-to-batch-api excerpts).
        Assert.Equal(Point(json, 0, 3, "average"), Point(exact, 0, 3, "average"));
        Assert.Empty(other["value"]![0]!["timeseries"]!.AsArray());
        // ObservedCapacity lists no dimension (<none>): filtering on one is Monitor's dimension error.
        Assert.Equal(400, refused);
        Assert.StartsWith("Metric: ObservedCapacity does not support requested dimension combination: MetricTriggerSource", error!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("&timespan=yesterday", "Invalid timespan")]
    [InlineData("&timespan=2026-12-01T10:00:00Z/2026-12-01T09:00:00Z", "must be before the end time")]
    [InlineData("&interval=PT7M", "Invalid interval 'PT7M'")]
    [InlineData("&interval=often", "Invalid interval 'often'")]
    [InlineData("&aggregation=median", "Invalid aggregation type 'median'")]
    [InlineData("&metricnamespace=Microsoft.Web%2Fsites", "is not valid for resource type")]
    public async Task BadQuery_Is400BadRequest_NamingTheParameter(string query, string expected)
    {
        await using var emulator = await MetricsKit.StartAsync();
        var vm = MetricsKit.First(emulator.World, ResourceKind.VirtualMachine);

        var (status, json) = await MetricsKit.Get(emulator, vm.Resource.Id, "metrics", "&metricnames=Percentage%20CPU" + query);

        Assert.Equal(400, status);
        Assert.Equal("BadRequest", json!["code"]!.GetValue<string>());
        Assert.Contains(expected, json["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_OfAResourceNotInTheFleet_Is404_AndWithoutApiVersionIs400()
    {
        await using var emulator = await MetricsKit.StartAsync();
        var vm = MetricsKit.First(emulator.World, ResourceKind.VirtualMachine).Resource.Id;

        var (missing, missingJson) = await MetricsKit.Get(emulator, vm[..(vm.LastIndexOf('/') + 1)] + "nope", "metrics", "&metricnames=Percentage%20CPU");
        var (noVersion, noVersionJson) = await emulator.GetAsync($"{vm}/providers/Microsoft.Insights/metrics?metricnames=Percentage%20CPU");

        Assert.Equal(404, missing);
        Assert.Equal("ResourceNotFound", missingJson!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(400, noVersion);
        Assert.Equal("MissingApiVersionParameter", noVersionJson!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnalignedStart_IsStampedOnTheGrain_AndFullIsOnePointOverTheTimespan()
    {
        // MetricBatchExample.json: starttime 20:00:00.123Z at PT15M gives a first timeStamp of 20:00:00Z (stamps on the grain).
        // GetMetric.json / Metrics_List "interval": FULL returns a single point and reports the timespan's duration (PT4H there).
        await using var emulator = await MetricsKit.StartAsync();
        var vm = MetricsKit.First(emulator.World, ResourceKind.VirtualMachine, r => r.Scenario != FleetScenario.BadData);
        var start = From + TimeSpan.FromMinutes(7);
        var window = $"&timespan={MetricsKit.Iso(start)}/{MetricsKit.Iso(start + TimeSpan.FromHours(1))}";

        var (status, aligned) = await MetricsKit.Get(emulator, vm.Resource.Id, "metrics", "&metricnames=Percentage%20CPU&interval=PT15M" + window);
        var (fullStatus, full) = await MetricsKit.Get(emulator, vm.Resource.Id, "metrics", "&metricnames=Percentage%20CPU&aggregation=count&interval=FULL" + window);

        Assert.Equal((200, 200), (status, fullStatus));
        var stamps = aligned!["value"]![0]!["timeseries"]![0]!["data"]!.AsArray().Select(p => p!["timeStamp"]!.GetValue<string>()).ToList();
        Assert.Equal(["2026-12-01T10:00:00Z", "2026-12-01T10:15:00Z", "2026-12-01T10:30:00Z", "2026-12-01T10:45:00Z", "2026-12-01T11:00:00Z"], stamps);
        Assert.Equal("PT1H", full!["interval"]!.GetValue<string>());
        var point = Assert.Single(full["value"]![0]!["timeseries"]![0]!["data"]!.AsArray())!;
        // 10:07–11:07 holds 60 PT1M samples: 3 of step 10:05 (10:07–10:09), 11 whole steps (55), 2 of step 11:05.
        Assert.Equal(3 + 55 + 2, point["count"]!.GetValue<double>());
        var first = aligned["value"]![0]!["timeseries"]![0]!["data"]![0]!;
        Assert.NotNull(first["average"]); // the point stamped 10:00 holds 10:00–10:15 (the grain's whole bucket)
    }

    private static async Task<JsonNode> Ok(EmulatorFixture emulator, SimulatedResource resource, string names, string extra)
    {
        var (status, json) = await MetricsKit.Get(emulator, resource.Resource.Id, "metrics",
            $"&metricnames={Uri.EscapeDataString(names)}&interval=PT5M&timespan={MetricsKit.Iso(From)}/{MetricsKit.Iso(From + TimeSpan.FromHours(1))}{extra}");
        Assert.True(status == 200, json?.ToJsonString());
        return json!;
    }

    private static double Point(JsonNode json, int metric, int k, string aggregation) =>
        json["value"]![metric]!["timeseries"]![0]!["data"]![k]![aggregation]!.GetValue<double>();
}
