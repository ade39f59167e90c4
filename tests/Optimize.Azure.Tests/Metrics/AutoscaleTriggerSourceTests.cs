using System.Text.Json.Nodes;
using Optimize.Azure.Inventory;
using Optimize.Azure.Tests.Http;
using Optimize.Azure.Tests.Inventory;
using Optimize.Metrics;
using Optimize.Model;

namespace Optimize.Azure.Tests.Metrics;

/// <summary>
/// An autoscale setting's cpu is its CPU rule's <c>ObservedMetricValue</c>. The metric has the dimension <c>MetricTriggerSource</c>
/// (metrics/microsoft-insights-autoscalesettings-metrics.md, include table), one series per rule source, so the reader splits
/// by it (<c>filter=MetricTriggerSource eq '*'</c>, the batch spec's <c>filter</c> parameter) and keeps the CPU rule's source:
/// another rule's metric (a queue length) is not averaged in.
/// </summary>
public sealed class AutoscaleTriggerSourceTests
{
    private const string Setting = "/subscriptions/s1/resourceGroups/rg/providers/microsoft.insights/autoscalesettings/as1";
    private const string Vmss = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/vmss1";
    private const string Queue = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa1/services/queue/queues/q1";
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(Vmss, 40.0)] // only the CPU rule's series: 40
    [InlineData(null, 270.0)] // source unknown: every series, as before: (40 + 500) / 2
    public async Task ReadAsync_ObservedMetricValue_KeepsTheCpuRulesSource(string? source, double expected)
    {
        var env = new TestEnv();
        env.Transport
            .On(r => r.Query("metricnames") == "ObservedMetricValue", _ => Response("ObservedMetricValue", (Vmss, 40), (Queue, 500)))
            .On(r => r.Query("metricnames") == "ObservedCapacity", _ => Response("ObservedCapacity", (null, 3)));
        var setting = new ResourceRef(Setting, ResourceKind.AutoscaleSetting, "westeurope") { CpuRuleSource = source };

        var series = await MonitorMetricsClientTests.Client(env)
            .ReadAsync(new MetricQuery([setting], [MetricNames.Cpu, MetricNames.Instances], new TimeRange(Start, Start.AddHours(1)), TimeSpan.FromHours(1)), TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(expected, series.Single(s => s.Metric == MetricNames.Cpu).Values.Span[0]);
        Assert.Equal(3, series.Single(s => s.Metric == MetricNames.Instances).Values.Span[0]);
        // Two calls: the split one with its filter, ObservedCapacity (no MetricTriggerSource dimension) without one.
        var split = Assert.Single(env.Transport.Sent("POST", "metrics:getBatch"), r => r.Query("metricnames") == "ObservedMetricValue");
        var whole = Assert.Single(env.Transport.Sent("POST", "metrics:getBatch"), r => r.Query("metricnames") == "ObservedCapacity");
        Assert.Equal("MetricTriggerSource eq '*'", split.Query("filter"));
        Assert.Equal(string.Empty, whole.Query("filter"));
    }

    [Fact]
    public async Task ReadAsync_SingleMode_SendsDollarFilter()
    {
        var env = new TestEnv(configure: o => o.UseMetricsBatch = false);
        env.Transport.On("GET", "/providers/Microsoft.Insights/metrics", new CannedResponse(200, new JsonObject { ["value"] = new JsonArray() }.ToJsonString()));
        var setting = new ResourceRef(Setting, ResourceKind.AutoscaleSetting, "westeurope") { CpuRuleSource = Vmss };

        await MonitorMetricsClientTests.Client(env)
            .ReadAsync(new MetricQuery([setting], [MetricNames.Cpu], new TimeRange(Start, Start.AddHours(1)), TimeSpan.FromHours(1)), TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal("MetricTriggerSource eq '*'", Assert.Single(env.Transport.Requests).Query("$filter"));
    }

    [Fact]
    public void Inventory_AutoscaleRow_CarriesItsCpuRulesSource()
    {
        // getAutoscaleSetting.json: the default profile's "Percentage CPU" rules watch the setting's scale set.
        var row = InventoryRows.Autoscale();
        var rule = row["properties"]!["profiles"]![0]!["rules"]![0]!["metricTrigger"]!;

        var (resource, _, skipped) = InventoryProjection.Project(row);

        Assert.Null(skipped);
        Assert.Equal(rule["metricResourceUri"]!.GetValue<string>(), resource!.CpuRuleSource);
        Assert.Equal("Percentage CPU", rule["metricName"]!.GetValue<string>());
    }

    private static CannedResponse Response(string metric, params (string? Source, double Value)[] series)
    {
        var timeseries = new JsonArray();
        foreach (var (src, value) in series)
        {
            var metadata = src is null
                ? new JsonArray()
                : new JsonArray(new JsonObject { ["name"] = new JsonObject { ["value"] = "metrictriggersource", ["localizedValue"] = "metrictriggersource" }, ["value"] = src });
            timeseries.Add(new JsonObject
            {
                ["metadatavalues"] = metadata,
                ["data"] = new JsonArray(new JsonObject { ["timeStamp"] = "2026-11-01T00:00:00Z", ["average"] = value }),
            });
        }

        var body = new JsonObject
        {
            ["values"] = new JsonArray(new JsonObject
            {
                ["resourceid"] = Setting,
                ["value"] = new JsonArray(new JsonObject { ["name"] = new JsonObject { ["value"] = metric }, ["errorCode"] = "Success", ["timeseries"] = timeseries }),
            }),
        };
        return new CannedResponse(200, body.ToJsonString());
    }
}
