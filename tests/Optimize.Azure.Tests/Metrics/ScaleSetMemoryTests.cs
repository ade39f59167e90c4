using System.Text.Json.Nodes;
using Optimize.Azure.Tests.Http;
using Optimize.Metrics;
using Optimize.Metrics.History;
using Optimize.Model;

namespace Optimize.Azure.Tests.Metrics;

/// <summary>
/// A scale set's memory %: Microsoft.Compute/virtualMachineScaleSets publishes "Available Memory Bytes" (average, VMName dimension)
/// and no memory percentage (azure-contract metrics/includes/microsoft-compute-virtualmachinescalesets-metrics-include.md), so
/// memory% = 100 − available / the memory of the SKU in effect at each point (the query's configuration timeline).
/// </summary>
public sealed class ScaleSetMemoryTests
{
    private const string Set = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/vmss1";
    private const double GiB = 1024.0 * 1024 * 1024;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadAsync_AvailableBytesAcrossASkuChange_UsedPercentOfTheSkuInEffectAtEachPoint()
    {
        var env = Env(12 * GiB, 12 * GiB, 28 * GiB, 28 * GiB);
        // Standard_D4s_v5 (16 GB) until 02:00, then Standard_D8s_v5 (32 GB).
        var timeline = new ConfigurationTimeline(new ScaleSetConfig("Standard_D4s_v5", 3), [new ConfigurationMark(Start.AddHours(2), new ScaleSetConfig("Standard_D8s_v5", 3))]);

        var series = await Read(env, timeline);

        // 12 GiB free of 16 = 25 % used; 28 GiB free of 32 = 12.5 % used.
        var memory = Assert.Single(series, s => s.Metric == MetricNames.Memory);
        Assert.Equal([25.0, 25.0, 12.5, 12.5], memory.Values.ToArray());
        var sent = Assert.Single(env.Transport.Requests);
        Assert.Contains("Available Memory Bytes", sent.Query("metricnames"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_SkuUnknownOrNoTimeline_PointsNaNOrSeriesOmitted()
    {
        var unknown = await Read(Env(8 * GiB, 8 * GiB), new ConfigurationTimeline(new ScaleSetConfig("Standard_Nope_v9", 2), []));
        var none = await Read(Env(8 * GiB, 8 * GiB), null);

        Assert.DoesNotContain(unknown, s => s.Metric == MetricNames.Memory);
        Assert.DoesNotContain(none, s => s.Metric == MetricNames.Memory);
        Assert.Contains(none, s => s.Metric == MetricNames.Cpu);
    }

    private static TestEnv Env(params double[] available)
    {
        var env = new TestEnv();
        env.Transport.On(r => r.Method == "POST" && r.Uri.AbsolutePath.EndsWith("metrics:getBatch", StringComparison.Ordinal), _ => new CannedResponse(200, new JsonObject
        {
            ["values"] = new JsonArray(HostedSiteMetricsTests.Entry(
                Set,
                ("Percentage CPU", "average", [.. available.Select((_, i) => (i, 40.0))]),
                ("Available Memory Bytes", "average", [.. available.Select((v, i) => (i, v))]))),
        }.ToJsonString()));
        return env;
    }

    private static async Task<List<MetricSeries>> Read(TestEnv env, ConfigurationTimeline? timeline)
    {
        var query = new MetricQuery(
            [new ResourceRef(Set, ResourceKind.ScaleSet, "westeurope")], [MetricNames.Cpu, MetricNames.Memory], new TimeRange(Start, Start.AddHours(timeline?.Marks.Count > 0 ? 4 : 2)), TimeSpan.FromHours(1))
        {
            Configurations = timeline is null ? new Dictionary<string, ConfigurationTimeline>() : new Dictionary<string, ConfigurationTimeline> { [Set] = timeline },
        };
        return await MonitorMetricsClientTests.Client(env).ReadAsync(query, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
    }
}
