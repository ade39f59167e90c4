using System.Text.Json.Nodes;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Tests.Metrics;

/// <summary>
/// metrics:getBatch on the data plane (specs/whole/monitor.data-plane.metricBatch.2024-02-01.json, operationId Batch;
/// specs/NOTES.md (e); conventions/azure-monitor-docs/migrate-to-batch-api.excerpts.md "Batching restrictions", "Response
/// format", "Error response changes"; fixtures/arm/Microsoft.Insights/2024-02-01/MetricBatchExample.json).
/// </summary>
public sealed class MetricsBatchTests
{
    private static readonly DateTimeOffset Start = MetricsKit.Now - TimeSpan.FromHours(6);

    [Fact]
    public async Task Batch_OfThreeVms_ReturnsThreeValues_EachEqualToItsMetricsListSeries()
    {
        await using var emulator = await MetricsKit.StartAsync(resources: 300);
        var group = ThreeAlike(emulator.World, ResourceKind.VirtualMachine);
        var query = $"&metricnamespace=Microsoft.Compute%2FvirtualMachines&metricnames=Percentage%20CPU,Available%20Memory%20Percentage&aggregation=average,maximum&interval=PT1H&starttime={MetricsKit.Iso(Start)}&endtime={MetricsKit.Iso(MetricsKit.Now)}";

        var (status, json) = await MetricsKit.Batch(emulator, group[0].Resource.SubscriptionId, group.Select(r => r.Resource.Id), query);

        Assert.Equal(200, status);
        var values = json!["values"]!.AsArray();
        Assert.Equal(3, values.Count);
        for (var i = 0; i < 3; i++)
        {
            var item = values[i]!;
            Assert.Equal(group[i].Resource.Id, item["resourceid"]!.GetValue<string>());
            Assert.Equal(group[i].Resource.Location, item["resourceregion"]!.GetValue<string>());
            Assert.Equal("PT1H", item["interval"]!.GetValue<string>());
            Assert.Equal(2, item["value"]!.AsArray().Count);
            var (listStatus, list) = await MetricsKit.Get(emulator, group[i].Resource.Id, "metrics",
                $"&metricnames=Percentage%20CPU,Available%20Memory%20Percentage&aggregation=average,maximum&interval=PT1H&timespan={MetricsKit.Iso(Start)}/{MetricsKit.Iso(MetricsKit.Now)}");
            Assert.Equal(200, listStatus);
            Assert.True(JsonNode.DeepEquals(list!["value"], item["value"]), $"batch item {i} differs from Metrics_List");
            Assert.Equal(6, item["value"]![0]!["timeseries"]![0]!["data"]!.AsArray().Count(p => p!["average"] is not null));
        }

        Assert.Equal(1, emulator.World.Log.ByOperation["Batch"]);
    }

    [Fact]
    public async Task Batch_UnknownIdIsAnItemWithResourceNotFound_UnknownMetricIsWrapped400()
    {
        await using var emulator = await MetricsKit.StartAsync(resources: 300);
        var plan = MetricsKit.First(emulator.World, ResourceKind.AppServicePlan).Resource;
        var missing = plan.Id[..(plan.Id.LastIndexOf('/') + 1)] + "gone";
        var window = $"&starttime={MetricsKit.Iso(Start)}&endtime={MetricsKit.Iso(MetricsKit.Now)}&interval=PT1H";

        var (okStatus, ok) = await MetricsKit.Batch(emulator, plan.SubscriptionId, [plan.Id, missing], "&metricnamespace=Microsoft.Web%2Fserverfarms&metricnames=CpuPercentage,MemoryPercentage" + window);
        var (badStatus, bad) = await MetricsKit.Batch(emulator, plan.SubscriptionId, [plan.Id], "&metricnamespace=Microsoft.Web%2Fserverfarms&metricnames=Percentage%20CPU" + window);

        Assert.Equal(200, okStatus);
        var gone = ok!["values"]![1]!;
        Assert.Equal(["ResourceNotFound", "ResourceNotFound"], gone["value"]!.AsArray().Select(m => m!["errorCode"]!.GetValue<string>()));
        Assert.All(gone["value"]!.AsArray(), m => Assert.Empty(m!["timeseries"]!.AsArray()));
        Assert.Equal("Success", ok["values"]![0]!["value"]![0]!["errorCode"]!.GetValue<string>());
        Assert.Equal(400, badStatus);
        Assert.Equal("BadRequest", bad!["error"]!["code"]!.GetValue<string>()); // batch errors are wrapped in "error"
        Assert.StartsWith("Failed to find metric configuration for provider: Microsoft.Web, resource Type: serverfarms, metric: Percentage CPU", bad["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_Refuses51Ids_MixedTypes_AndAMissingNamespace()
    {
        await using var emulator = await MetricsKit.StartAsync(resources: 300);
        var vm = MetricsKit.First(emulator.World, ResourceKind.VirtualMachine).Resource;
        var plan = MetricsKit.First(emulator.World, ResourceKind.AppServicePlan, r => r.Resource.SubscriptionId == vm.SubscriptionId).Resource;
        var prefix = vm.Id[..(vm.Id.LastIndexOf('/') + 1)];
        const string Names = "&metricnames=Percentage%20CPU";

        var (tooMany, tooManyJson) = await MetricsKit.Batch(emulator, vm.SubscriptionId, Enumerable.Range(0, 51).Select(i => prefix + "vm-x-" + i), "&metricnamespace=Microsoft.Compute%2FvirtualMachines" + Names);
        var (mixed, mixedJson) = await MetricsKit.Batch(emulator, vm.SubscriptionId, [vm.Id, plan.Id], "&metricnamespace=Microsoft.Compute%2FvirtualMachines" + Names);
        var (noNamespace, _) = await MetricsKit.Batch(emulator, vm.SubscriptionId, [vm.Id], Names);

        Assert.Equal(400, tooMany);
        Assert.Contains("Up to 50 unique resource ids", tooManyJson!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(400, mixed);
        Assert.Contains("same resource type", mixedJson!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(400, noNamespace);
    }

    [Fact]
    public async Task Batch_ThrottleFault_Is529WithRetryAfter()
    {
        var options = new EmulatorOptions
        {
            Fleet = new FleetOptions { ResourceCount = 10 },
            ContractDirectory = MetricsKit.Pack(),
            Faults = new EmulatorFaults { MetricsBatchThrottleRate = 1, RetryAfterSeconds = 3 },
        };
        await using var emulator = await EmulatorFixture.StartAsync(options);
        var vm = MetricsKit.First(emulator.World, ResourceKind.VirtualMachine).Resource;

        using var content = new StringContent(new JsonObject { ["resourceids"] = new JsonArray(vm.Id) }.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await emulator.Client.PostAsync(
            new Uri($"https://{vm.Location}.metrics.monitor.azure.com/subscriptions/{vm.SubscriptionId}/metrics:getBatch?api-version=2024-02-01&metricnamespace=Microsoft.Compute%2FvirtualMachines&metricnames=Percentage%20CPU"),
            content, TestContext.Current.CancellationToken);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(529, (int)response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter!.Delta);
        Assert.NotNull(json!["error"]);
        Assert.Equal(1, emulator.World.Log.ByStatus[529]);
    }

    /// <summary>Three resources of <paramref name="kind"/> in one subscription and region (the batch restrictions).</summary>
    private static List<SimulatedResource> ThreeAlike(EmulatorWorld world, ResourceKind kind) =>
        world.Fleet.Resources.Where(r => r.Resource.Kind == kind)
            .GroupBy(r => (r.Resource.SubscriptionId, r.Resource.Location))
            .First(g => g.Count() >= 3).Take(3).ToList();
}
