using System.Text.Json.Nodes;
using Optimize.Azure.Metrics;
using Optimize.Azure.Tests.Http;
using Optimize.Metrics;
using Optimize.Metrics.History;
using Optimize.Model;

namespace Optimize.Azure.Tests.Metrics;

/// <summary>
/// A plan's latency and errors come from the sites hosted on it: Microsoft.Web/serverfarms emits no response time, 5xx or request
/// count (azure-contract metrics/microsoft-web-serverfarms-metrics.md), Microsoft.Web/sites emits HttpResponseTime (seconds),
/// Http5xx and Requests (metrics/microsoft-web-sites-metrics.md). And a Flex app's memory % uses the instance memory in effect at
/// each point, carried by the query.
/// </summary>
public sealed class HostedSiteMetricsTests
{
    private const string Plan = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan1";
    private const string Site1 = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/web1";
    private const string Site2 = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/web2";
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One getBatch entry: per metric, one time series of (hour offset, value) points under the aggregation's key.</summary>
    internal static JsonObject Entry(string id, params (string Metric, string Aggregation, (int Hour, double Value)[] Points)[] metrics) => new()
    {
        ["resourceid"] = id,
        ["value"] = new JsonArray([.. metrics.Select(m => (JsonNode)new JsonObject
        {
            ["name"] = new JsonObject { ["value"] = m.Metric },
            ["errorCode"] = "Success",
            ["timeseries"] = new JsonArray(new JsonObject
            {
                ["data"] = new JsonArray([.. m.Points.Select(p => (JsonNode)new JsonObject
                {
                    ["timeStamp"] = (Start + TimeSpan.FromHours(p.Hour)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                    [m.Aggregation] = p.Value,
                })]),
            }),
        })]),
    };

    private static CannedResponse Batch(params JsonObject[] entries) => new(200, new JsonObject { ["values"] = new JsonArray(entries) }.ToJsonString());

    private static Func<RecordedRequest, bool> Namespace(string ns) =>
        r => r.Method == "POST" && r.Uri.AbsolutePath.EndsWith("metrics:getBatch", StringComparison.Ordinal) && r.Query("metricnamespace") == ns;

    [Fact]
    public async Task ReadAsync_PlanWithTwoSites_ErrorsAndLatencyAggregatedOverTheSitesPerPoint()
    {
        var env = new TestEnv();
        env.Transport
            .On(Namespace("Microsoft.Web/serverfarms"), _ => Batch(Entry(Plan, ("CpuPercentage", "average", [(0, 42), (1, 44)]))))
            .On(Namespace("Microsoft.Web/sites"), _ => Batch(
                Entry(Site1, ("Http5xx", "total", [(0, 10), (1, 0)]), ("Requests", "total", [(0, 1000), (1, 900)]), ("HttpResponseTime", "average", [(0, 0.1), (1, 0.1)])),
                Entry(Site2, ("Http5xx", "total", [(0, 30), (1, 10)]), ("Requests", "total", [(0, 1000), (1, 100)]), ("HttpResponseTime", "average", [(0, 0.4), (1, 0.4)]))));
        var plan = new ResourceRef(Plan, ResourceKind.AppServicePlan, "West Europe") { HostedSites = [Site1, Site2] };

        var series = await MonitorMetricsClientTests.Client(env).ReadAsync(
            new MetricQuery([plan], [MetricNames.Cpu, MetricNames.LatencyMs, MetricNames.ErrorPercent], new TimeRange(Start, Start.AddHours(2)), TimeSpan.FromHours(1)),
            TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        // Hour 0: (10 + 30) / (1000 + 1000) = 2.0 %; (100 ms · 1000 + 400 ms · 1000) / 2000 = 250 ms.
        // Hour 1: (0 + 10) / (900 + 100) = 1.0 %; (100 ms · 900 + 400 ms · 100) / 1000 = 130 ms.
        var errors = series.Single(s => s.Metric == MetricNames.ErrorPercent).Values.ToArray();
        var latency = series.Single(s => s.Metric == MetricNames.LatencyMs).Values.ToArray();
        Assert.Equal(2.0, errors[0], 9);
        Assert.Equal(1.0, errors[1], 9);
        Assert.Equal(250, latency[0], 9);
        Assert.Equal(130, latency[1], 9);
        Assert.Equal([42.0, 44.0], series.Single(s => s.Metric == MetricNames.Cpu).Values.ToArray());
        Assert.All(series, s => Assert.Equal(Plan, s.ResourceId));

        var farms = Assert.Single(env.Transport.Requests, r => r.Query("metricnamespace") == "Microsoft.Web/serverfarms");
        var sites = Assert.Single(env.Transport.Requests, r => r.Query("metricnamespace") == "Microsoft.Web/sites");
        Assert.Equal("CpuPercentage", farms.Query("metricnames"));
        Assert.Equal(["Http5xx", "HttpResponseTime", "Requests"], sites.Query("metricnames").Split(',').Order(StringComparer.Ordinal));
        Assert.Equal(["average", "total"], sites.Query("aggregation").Split(',').Order(StringComparer.Ordinal));
        Assert.Equal("westeurope.metrics.monitor.azure.com", sites.Uri.Host);
        Assert.Equal([Site1, Site2], JsonNode.Parse(sites.Body)!["resourceids"]!.AsArray().Select(i => i!.GetValue<string>()));
    }

    [Fact]
    public async Task ReadAsync_PlanWithoutSites_NoSiteCallAndNoLatencyOrErrorSeries()
    {
        var env = new TestEnv();
        env.Transport.On(Namespace("Microsoft.Web/serverfarms"), _ => Batch(Entry(Plan, ("CpuPercentage", "average", [(0, 42)]))));

        var series = await MonitorMetricsClientTests.Client(env).ReadAsync(
            new MetricQuery([new ResourceRef(Plan, ResourceKind.AppServicePlan, "westeurope")], [MetricNames.Cpu, MetricNames.LatencyMs, MetricNames.ErrorPercent], new TimeRange(Start, Start.AddHours(1)), TimeSpan.FromHours(1)),
            TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(MetricNames.Cpu, Assert.Single(series).Metric);
        Assert.Equal("Microsoft.Web/serverfarms", Assert.Single(env.Transport.Requests).Query("metricnamespace"));
    }

    [Fact]
    public async Task ReadAsync_SixtySitesOnTwoPlans_SiteReadsBatchedBy50AndAPlanGetsOnlyItsSites()
    {
        var env = new TestEnv();
        var ids = Enumerable.Range(0, 60).Select(i => $"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/w{i}").ToArray();
        // Every site answers 1 error in 100 requests, except w59 (plan2's): 50 in 100.
        env.Transport.On(Namespace("Microsoft.Web/sites"), r => Batch([.. JsonNode.Parse(r.Body)!["resourceids"]!.AsArray().Select(i => i!.GetValue<string>())
            .Select(id => Entry(id, ("Http5xx", "total", [(0, id.EndsWith("/w59", StringComparison.Ordinal) ? 50 : 1)]), ("Requests", "total", [(0, 100)])))]));
        var plan1 = new ResourceRef(Plan, ResourceKind.AppServicePlan, "westeurope") { HostedSites = ids[..58] };
        var plan2 = new ResourceRef(Plan + "b", ResourceKind.AppServicePlan, "westeurope") { HostedSites = ids[58..] };

        var series = await MonitorMetricsClientTests.Client(env).ReadAsync(
            new MetricQuery([plan1, plan2], [MetricNames.ErrorPercent], new TimeRange(Start, Start.AddHours(1)), TimeSpan.FromHours(1)),
            TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        // Only Http5xx and Requests are asked for: the plans' own namespace has no mapping for errors, so no serverfarms call.
        var calls = env.Transport.Requests.ToList();
        Assert.All(calls, c => Assert.Equal("Microsoft.Web/sites", c.Query("metricnamespace")));
        Assert.Equal([10, 50], calls.Select(c => JsonNode.Parse(c.Body)!["resourceids"]!.AsArray().Count).Order());
        Assert.Equal(1.0, series.Single(s => s.ResourceId == plan1.Id).Values.Span[0], 9);
        Assert.Equal(100.0 * 51 / 200, series.Single(s => s.ResourceId == plan2.Id).Values.Span[0], 9);
    }

    [Theory]
    [InlineData(0.1, double.NaN, 0.3, double.NaN, 200.0)] // no request counts: the plain mean
    [InlineData(0.1, 900.0, 0.4, 100.0, 130.0)] // request-weighted
    [InlineData(double.NaN, 900.0, 0.4, 100.0, 400.0)] // a site without response time is left out
    [InlineData(double.NaN, 5.0, double.NaN, 5.0, double.NaN)]
    public void SiteAggregates_LatencyMs(double rt1, double req1, double rt2, double req2, double expected)
    {
        Assert.Equal(expected, SiteAggregates.LatencyMs([[rt1, req1], [rt2, req2]]), 9);
    }

    [Theory]
    [InlineData(10.0, 1000.0, 30.0, 1000.0, 2.0)]
    [InlineData(0.0, 0.0, 0.0, 0.0, 0.0)] // no requests: no errors
    [InlineData(double.NaN, 50.0, 5.0, 50.0, 5.0)] // a site without 5xx had none
    [InlineData(5.0, double.NaN, 5.0, double.NaN, double.NaN)] // no request counts: no data
    public void SiteAggregates_ErrorPercent(double e1, double r1, double e2, double r2, double expected)
    {
        Assert.Equal(expected, SiteAggregates.ErrorPercent([[e1, r1], [e2, r2]]), 9);
    }

    [Fact]
    public async Task ReadAsync_FlexWorkingSetAcrossAChange_PercentOfTheInstanceMemoryInEffectAtEachPoint()
    {
        const string flex = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/flex1";
        const double gib = 1024.0 * 1024 * 1024;
        var env = new TestEnv();
        env.Transport.On(Namespace("Microsoft.Web/sites"), _ => Batch(Entry(flex, ("AverageMemoryWorkingSet", "average", [(0, gib), (1, gib), (2, gib), (3, gib)]))));
        // 2048 MB until 02:00, then 4096 MB (the change's apply time); a second app whose memory is unknown over hour 1.
        var timeline = new ConfigurationTimeline(new FunctionAppConfig(2048, 100), [new ConfigurationMark(Start.AddHours(2), new FunctionAppConfig(4096, 100))]);
        var query = new MetricQuery([new ResourceRef(flex, ResourceKind.FunctionApp, "westeurope")], [MetricNames.Memory], new TimeRange(Start, Start.AddHours(4)), TimeSpan.FromHours(1))
        {
            Configurations = new Dictionary<string, ConfigurationTimeline> { [flex.ToUpperInvariant()] = timeline },
        };

        var series = await MonitorMetricsClientTests.Client(env).ReadAsync(query, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        // 1 GiB of 2048 MB = 50 %; of 4096 MB = 25 %.
        Assert.Equal([50.0, 50.0, 25.0, 25.0], Assert.Single(series).Values.ToArray());
    }

    [Fact]
    public async Task ReadAsync_FlexMemoryUnknownAtSomePoints_ThosePointsNaNAndWithoutATimelineOmitted()
    {
        const string flex = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/flex1";
        const double gib = 1024.0 * 1024 * 1024;
        var env = new TestEnv();
        env.Transport.On(Namespace("Microsoft.Web/sites"), _ => Batch(Entry(flex, ("AverageMemoryWorkingSet", "average", [(0, gib), (1, gib)]))));
        var resource = new ResourceRef(flex, ResourceKind.FunctionApp, "westeurope");
        var range = new TimeRange(Start, Start.AddHours(2));
        // Unknown from 01:00 (an apply in progress): that point is NaN, never divided by the old size.
        var unknownLater = new MetricQuery([resource], [MetricNames.Memory], range, TimeSpan.FromHours(1))
        {
            Configurations = new Dictionary<string, ConfigurationTimeline> { [flex] = new(new FunctionAppConfig(2048, 100), [new ConfigurationMark(Start.AddHours(1), null)]) },
        };

        var partial = await MonitorMetricsClientTests.Client(env).ReadAsync(unknownLater, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        var none = await MonitorMetricsClientTests.Client(env).ReadAsync(new MetricQuery([resource], [MetricNames.Memory], range, TimeSpan.FromHours(1)), TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        var values = Assert.Single(partial).Values.ToArray();
        Assert.Equal(50.0, values[0]);
        Assert.True(double.IsNaN(values[1]));
        Assert.Empty(none);
    }
}
