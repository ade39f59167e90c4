using Optimize.Azure.Tests.Http;
using Optimize.Metrics;
using Optimize.Model;

namespace Optimize.Azure.Tests.Metrics;

/// <summary>A plan's site reads in single mode, and when a site call is dropped (529 after the retries; the batch contract as in
/// <see cref="MonitorMetricsFailureTests"/>).</summary>
public sealed class HostedSiteReadModeTests
{
    private const string Plan = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan1";
    private const string Site1 = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/web1";
    private const string Site2 = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/web2";
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static MetricQuery Query() => new(
        [new ResourceRef(Plan, ResourceKind.AppServicePlan, "westeurope") { HostedSites = [Site1, Site2] }],
        [MetricNames.Cpu, MetricNames.ErrorPercent], new TimeRange(Start, Start.AddHours(1)), TimeSpan.FromHours(1));

    [Fact]
    public async Task ReadAsync_SingleMode_OneArmGetPerSiteAndThePlanAggregate()
    {
        var env = new TestEnv(configure: o => o.UseMetricsBatch = false);
        env.Transport
            .On("GET", "serverfarms/plan1/providers/Microsoft.Insights/metrics", new CannedResponse(200, Json.Value(HostedSiteMetricsTests.Entry(Plan, ("CpuPercentage", "average", [(0, 42)])))))
            .On("GET", "sites/web1/providers/Microsoft.Insights/metrics", new CannedResponse(200, Json.Value(HostedSiteMetricsTests.Entry(Site1, ("Http5xx", "total", [(0, 10)]), ("Requests", "total", [(0, 1000)])))))
            .On("GET", "sites/web2/providers/Microsoft.Insights/metrics", new CannedResponse(200, Json.Value(HostedSiteMetricsTests.Entry(Site2, ("Http5xx", "total", [(0, 30)]), ("Requests", "total", [(0, 1000)])))));

        var series = await MonitorMetricsClientTests.Client(env).ReadAsync(Query(), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        // (10 + 30) / (1000 + 1000) = 2.0 %.
        Assert.Equal(2.0, series.Single(s => s.Metric == MetricNames.ErrorPercent).Values.Span[0], 9);
        Assert.Equal(42, series.Single(s => s.Metric == MetricNames.Cpu).Values.Span[0]);
        Assert.Equal(3, env.Transport.Requests.Count);
        Assert.All(env.Transport.Requests, r => Assert.Equal("GET", r.Method));
        Assert.Equal(2, env.Transport.Requests.Count(r => r.Query("metricnamespace") == "Microsoft.Web/sites"));
    }

    [Fact]
    public async Task ReadAsync_SiteCallThrottledBeyondRetries_PlanKeepsItsOwnSeriesAndGetsNoPartialAggregate()
    {
        var env = new TestEnv(maxRetries: 0);
        var skipped = new List<string>();
        env.Transport
            .On(r => r.Query("metricnamespace") == "Microsoft.Web/serverfarms", _ => new CannedResponse(200, Json.Batch(HostedSiteMetricsTests.Entry(Plan, ("CpuPercentage", "average", [(0, 42)])))))
            .On(r => r.Query("metricnamespace") == "Microsoft.Web/sites", _ => new CannedResponse(529, "{\"error\":{\"code\":\"ServerBusy\",\"message\":\"throttling\"}}"));
        var client = new Optimize.Azure.Metrics.MonitorMetricsClient(env.Arm(), env.MetricsPlane(), env.Options, skipped.Add);

        var series = await client.ReadAsync(Query(), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(MetricNames.Cpu, Assert.Single(series).Metric);
        var message = Assert.Single(skipped);
        Assert.Contains("2 hosted site(s) (their plans' latency and errors are not read)", message, StringComparison.Ordinal);
        Assert.Contains(Site1, message, StringComparison.Ordinal);
    }
}

/// <summary>Response bodies around <see cref="HostedSiteMetricsTests.Entry"/>.</summary>
internal static class Json
{
    /// <summary>The ARM metrics response of one resource: its entry's <c>value</c>.</summary>
    public static string Value(System.Text.Json.Nodes.JsonObject entry) =>
        new System.Text.Json.Nodes.JsonObject { ["value"] = entry["value"]!.DeepClone() }.ToJsonString();

    /// <summary>A getBatch response of these entries.</summary>
    public static string Batch(params System.Text.Json.Nodes.JsonObject[] entries) =>
        new System.Text.Json.Nodes.JsonObject { ["values"] = new System.Text.Json.Nodes.JsonArray(entries) }.ToJsonString();
}
