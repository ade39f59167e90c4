using System.Text.Json.Nodes;
using Optimize.Azure.Http;
using Optimize.Azure.Metrics;
using Optimize.Azure.Tests.Http;
using Optimize.Metrics;
using Optimize.Model;

namespace Optimize.Azure.Tests.Metrics;

public sealed class MonitorMetricsClientTests
{
    private const string BatchSub = "12345678-abcd-1234-abcd-123456789abc";

    internal static MonitorMetricsClient Client(TestEnv env) =>
        new(env.Arm(), env.MetricsPlane(), env.Options);

    /// <summary>Renames the example's metrics to the Azure names Optimize reads, so the example flows through the real client.</summary>
    private static string Renamed(JsonNode body, params (string From, string To)[] renames)
    {
        var text = body.ToJsonString();
        foreach (var (from, to) in renames)
        {
            text = text.Replace($"\"value\":\"{from}\"", $"\"value\":\"{to}\"", StringComparison.Ordinal);
        }

        return text;
    }

    [Fact]
    public async Task ReadAsync_MetricBatchExample_OneBatchCallLaysPointsOnTheGrid()
    {
        var example = ArmExample.Load("Microsoft.Insights/2024-02-01/MetricBatchExample.json");
        var env = new TestEnv();
        env.Transport.On("POST", "metrics:getBatch", new CannedResponse(200, Renamed(example.Body()!, ("Ingress", "Percentage CPU"), ("Egress", "Available Memory Percentage"))));
        var ids = example.Parameters["batchRequest"]!["resourceids"]!.AsArray().Select(i => i!.GetValue<string>()).ToArray();
        var resources = ids.Select(id => new ResourceRef(id, ResourceKind.VirtualMachine, "East US")).ToArray();
        var range = new TimeRange(DateTimeOffset.Parse("2023-02-01T20:00:00Z", System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse("2023-02-01T23:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        var series = await Client(env).ReadAsync(new MetricQuery(resources, [MetricNames.Cpu, MetricNames.Memory], range, TimeSpan.FromMinutes(15)), TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        // TestStorage1 has averages at every point; TestStorage2 only at 22:00 (index 8): its other points are gaps (NaN), not zeros.
        Assert.Equal(4, series.Count);
        var cpu = series.Single(s => s.Metric == MetricNames.Cpu && s.ResourceId == ids[0]);
        var memory = series.Single(s => s.Metric == MetricNames.Memory && s.ResourceId == ids[0]);
        var sparse = series.Single(s => s.Metric == MetricNames.Cpu && s.ResourceId == ids[1]).Values.ToArray();
        Assert.Equal(330, sparse[8]);
        Assert.Equal(11, sparse.Count(double.IsNaN));
        Assert.Equal(12, cpu.Values.Length);
        Assert.Equal(437, cpu.Values.Span[0]);
        Assert.Equal(438.0735294117647, cpu.Values.Span[1], 9);
        Assert.Equal(100 - 361, memory.Values.Span[0]);
        var sent = Assert.Single(env.Transport.Requests);
        Assert.Equal("eastus.metrics.monitor.azure.com", sent.Uri.Host);
        Assert.Equal($"/subscriptions/{BatchSub}/metrics:getBatch", sent.Uri.AbsolutePath);
        Assert.Equal("2024-02-01", sent.Query("api-version"));
        Assert.Equal("Microsoft.Compute/virtualMachines", sent.Query("metricnamespace"));
        Assert.Equal("Percentage CPU,Available Memory Percentage", sent.Query("metricnames"));
        Assert.Equal("2023-02-01T20:00:00Z", sent.Query("starttime"));
        Assert.Equal("2023-02-01T23:00:00Z", sent.Query("endtime"));
        Assert.Equal("PT15M", sent.Query("interval"));
        Assert.Equal("average", sent.Query("aggregation"));
        Assert.Equal(ids, JsonNode.Parse(sent.Body)!["resourceids"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Contains(AzurePipelines.MetricsScope, env.Credential.Scopes);
    }

    [Fact]
    public async Task ReadAsync_MissingPoints_AreNaN()
    {
        var id = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/serverfarms/p1";
        var body = new JsonObject
        {
            ["values"] = new JsonArray(new JsonObject
            {
                ["resourceid"] = id,
                ["value"] = new JsonArray(new JsonObject
                {
                    ["name"] = new JsonObject { ["value"] = "CpuPercentage" },
                    ["errorCode"] = "Success",
                    ["timeseries"] = new JsonArray(new JsonObject
                    {
                        ["data"] = new JsonArray(
                            new JsonObject { ["timeStamp"] = "2026-01-01T00:00:00Z", ["average"] = 10.0 },
                            new JsonObject { ["timeStamp"] = "2026-01-01T02:00:00Z", ["average"] = 30.0 },
                            new JsonObject { ["timeStamp"] = "2026-01-01T09:00:00Z", ["average"] = 99.0 }),
                    }),
                }),
            }),
        };
        var env = new TestEnv();
        env.Transport.On("POST", "metrics:getBatch", new CannedResponse(200, body.ToJsonString()));
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var series = Assert.Single(await Client(env).ReadAsync(
            new MetricQuery([new ResourceRef(id, ResourceKind.AppServicePlan, "westeurope")], [MetricNames.Cpu], new TimeRange(start, start.AddHours(4)), TimeSpan.FromHours(1)),
            TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));

        // 4 hourly points: 00:00 = 10, 01:00 missing, 02:00 = 30, 03:00 missing; 09:00 lies outside the grid.
        Assert.Equal(4, series.Values.Length);
        Assert.Equal(10, series.Values.Span[0]);
        Assert.True(double.IsNaN(series.Values.Span[1]));
        Assert.Equal(30, series.Values.Span[2]);
        Assert.True(double.IsNaN(series.Values.Span[3]));
    }

    [Fact]
    public async Task ReadAsync_GetMetricExampleSingleMode_AveragesDimensionSeriesOnTheHourlyGrid()
    {
        var example = ArmExample.Load("Microsoft.Insights/2024-02-01/GetMetric.json");
        var env = new TestEnv(configure: o => o.UseMetricsBatch = false);
        env.Transport.On("GET", "/providers/Microsoft.Insights/metrics", new CannedResponse(200, Renamed(example.Body()!, ("BlobCount", "Percentage CPU"))));
        var id = "/" + example.Parameters["resourceUri"]!.GetValue<string>();
        var start = DateTimeOffset.Parse("2021-04-20T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        var series = Assert.Single(await Client(env).ReadAsync(
            new MetricQuery([new ResourceRef(id, ResourceKind.VirtualMachine, "westus")], [MetricNames.Cpu], new TimeRange(start, start.AddHours(5)), TimeSpan.FromHours(1)),
            TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));

        // Five tier series per hour (Hot 7, Standard 2, Cool 0, Archive 0, Untiered 0) → averaged: (7 + 2) / 5 = 1.8.
        Assert.Equal([1.8, 1.8, 1.8, 1.8, 1.8], series.Values.ToArray());
        var sent = Assert.Single(env.Transport.Requests);
        Assert.Equal($"{id}/providers/Microsoft.Insights/metrics", sent.Uri.AbsolutePath);
        Assert.Equal("2024-02-01", sent.Query("api-version"));
        Assert.Equal("2021-04-20T09:00:00Z/2021-04-20T14:00:00Z", sent.Query("timespan"));
        Assert.Equal("PT1H", sent.Query("interval"));
        Assert.Equal("Percentage CPU", sent.Query("metricnames"));
        Assert.Equal("management.azure.com", sent.Uri.Host);
    }

    [Fact]
    public async Task ReadAsync_GetMetricErrorExample_SkipsTheFailedMetricKeepsTheOther()
    {
        var example = ArmExample.Load("Microsoft.Insights/2024-02-01/GetMetricError.json");
        var env = new TestEnv(configure: o => o.UseMetricsBatch = false);
        env.Transport.On("GET", "/providers/Microsoft.Insights/metrics",
            new CannedResponse(200, Renamed(example.Body()!, ("MongoRequestsCount", "Percentage CPU"), ("MongoRequests", "Available Memory Percentage"))));
        var id = "/subscriptions/ac41e21f-afd6-4a79-8070-f01eba278f97/resourceGroups/todking/providers/Microsoft.DocumentDb/databaseAccounts/tk-cosmos-mongo";
        var start = DateTimeOffset.Parse("2021-06-07T21:51:00Z", System.Globalization.CultureInfo.InvariantCulture);

        var series = await Client(env).ReadAsync(
            new MetricQuery([new ResourceRef(id, ResourceKind.VirtualMachine, "westus2")], [MetricNames.Cpu, MetricNames.Memory], new TimeRange(start, start.AddHours(4)), TimeSpan.FromHours(4)),
            TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        // "Percentage CPU" carries errorCode InvalidSamplingType → omitted; memory = 100 − 0 at the one point.
        var memory = Assert.Single(series);
        Assert.Equal(MetricNames.Memory, memory.Metric);
        Assert.Equal([100.0], memory.Values.ToArray());
    }

    [Fact]
    public async Task ReadAsync_ServiceFailsBeyondRetries_ThrowsInvalidOperationNamingTheCall()
    {
        var env = new TestEnv(maxRetries: 1);
        env.Transport.On("POST", "metrics:getBatch", new CannedResponse(503, "{}"));
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var ex = await Assert.ThrowsAnyAsync<InvalidOperationException>(async () => await Client(env).ReadAsync(
            new MetricQuery([new ResourceRef("/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/v", ResourceKind.VirtualMachine, "westus")], [MetricNames.Cpu], new TimeRange(start, start.AddHours(1)), TimeSpan.FromHours(1)),
            TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));

        Assert.Contains("metrics:getBatch", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5.0, 100.0, 5.0)]
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(double.NaN, 50.0, 0.0)]
    [InlineData(3.0, double.NaN, double.NaN)]
    public void MetricMap_ErrorPercent_FromHttp5xxAndRequests(double errors, double requests, double expected)
    {
        var mapping = MetricMap.For(ResourceKind.FunctionApp, [MetricNames.ErrorPercent]).Single();

        Assert.Equal(expected, mapping.Combine([errors, requests]));
    }
}
