using Optimize.Guards;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Tests.Workflow.Fakes;
using Optimize.Workflow.Activities;

namespace Optimize.Tests.Workflow;

/// <summary>
/// The guard reads carry the configuration in effect (so a reader computing a metric relative to it, a Flex app's memory %, uses the
/// right size at each point), and a plan hosting no site says why its latency and errors have no data.
/// </summary>
public sealed class GuardConfigurationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_TwoStages_BaselineReadsTheCapturedConfigAndEachCheckTheStageTargetFromItsApplyTime()
    {
        using var host = new ChangeHost();
        var three = new AppServicePlanConfig("P1v3", 3);
        var two = new AppServicePlanConfig("P1v3", 2);

        await host.RunToEndAsync(ChangeHost.Plan());

        var queries = host.Metrics.Queries;
        // Baseline, then 8 checks per stage (2 h observed, every 15 min).
        Assert.Equal(17, queries.Count);
        var baseline = queries[0];
        Assert.Equal(ChangeHost.Baseline, baseline.ConfigOver(ChangeHost.ResourceId, baseline.Range.Start, baseline.Range.End));
        foreach (var (query, stage) in queries.Skip(1).Select((q, i) => (q, i / 8)))
        {
            var (before, target) = stage == 0 ? (ChangeHost.Baseline, three) : (three, two);
            // Each check window starts at the stage's settle time; the stage was applied 10 min (its settle) before.
            var applied = query.Range.Start - TimeSpan.FromMinutes(10);
            Assert.Equal(target, query.ConfigOver(ChangeHost.ResourceId.ToUpperInvariant(), query.Range.Start, query.Range.End));
            Assert.Equal(before, query.ConfigOver(ChangeHost.ResourceId, applied - TimeSpan.FromMinutes(5), applied));
            Assert.Null(query.ConfigOver(ChangeHost.ResourceId, applied - TimeSpan.FromMinutes(5), applied + TimeSpan.FromMinutes(5)));
        }
    }

    [Fact]
    public async Task AssessGuardsAsync_PlanHostingNoSite_LatencyInconclusiveSayingWhy()
    {
        var metrics = new FakeMetricsReader { Scripts = { [MetricNames.Cpu] = _ => 50 } };
        using var host = new ChangeHost(metrics: metrics);
        var withSites = new AssessInput(ChangeHost.Resource, ChangeHost.Guards, new GuardBaseline(new Dictionary<string, double> { ["latencyMs:p95"] = 100 }, ""), ChangeHost.Start, ChangeHost.Start.AddHours(1));
        var input = withSites with { Resource = ChangeHost.Resource with { HostedSites = [] } };
        Assert.NotEmpty(withSites.Resource.HostedSites);

        var verdict = await host.Activities.AssessGuardsAsync(input, Ct);
        var hosting = await host.Activities.AssessGuardsAsync(withSites, Ct);

        var latency = verdict.Guards.Single(g => g.Metric == MetricNames.LatencyMs);
        Assert.Equal(VerdictKind.Inconclusive, latency.Kind);
        Assert.Equal("latencyMs p95: no data (the plan hosts no site: a plan's latency and errors are read from its sites)", latency.Message);
        Assert.Equal("latencyMs p95: no data", hosting.Guards.Single(g => g.Metric == MetricNames.LatencyMs).Message);
        Assert.Equal(VerdictKind.Successful, verdict.Guards.Single(g => g.Metric == MetricNames.Cpu).Kind);
    }
}

/// <summary>What the guard inputs carry survives the durable boundary (the runner's serializer and the journal's).</summary>
public sealed class GuardInputSerializationTests
{
    [Fact]
    public void AssessInput_RoundTrips_HostedSitesAndConfigurationTimeline()
    {
        var resource = ChangeHost.Resource with { Os = OsFamily.Windows };
        var timeline = new Optimize.Metrics.History.ConfigurationTimeline(
            new FunctionAppConfig(2048, 100), [new Optimize.Metrics.History.ConfigurationMark(ChangeHost.Start, new FunctionAppConfig(4096, 100))]);
        var input = new AssessInput(resource, ChangeHost.Guards, new GuardBaseline(new Dictionary<string, double>(), ""), ChangeHost.Start, ChangeHost.Start.AddHours(1), timeline);

        foreach (var options in new[] { Optimize.Workflow.Runner.WorkflowRunner.SerializerOptions, Optimize.Journal.JournalJson.Options })
        {
            var back = System.Text.Json.JsonSerializer.Deserialize<AssessInput>(System.Text.Json.JsonSerializer.Serialize(input, options), options)!;

            Assert.Equal(resource.HostedSites, back.Resource.HostedSites);
            Assert.Equal(OsFamily.Windows, back.Resource.Os);
            Assert.Equal(new FunctionAppConfig(2048, 100), back.Configuration!.Over(ChangeHost.Start.AddHours(-1), ChangeHost.Start));
            Assert.Equal(new FunctionAppConfig(4096, 100), back.Configuration.Over(ChangeHost.Start, ChangeHost.Start.AddHours(1)));
        }
    }
}

/// <summary>A resource read back from JSON written before plans carried their sites, or with a null list.</summary>
public sealed class ResourceRefHostedSitesTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Deserialize_WithoutOrNullHostedSites_Empty(bool asNull)
    {
        var options = Optimize.Journal.JournalJson.Options;
        var written = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ChangeHost.Resource, options))!.AsObject();
        var name = written.Single(p => p.Key.Equals("hostedSites", StringComparison.OrdinalIgnoreCase)).Key;
        written.Remove(name);
        if (asNull)
        {
            written[name] = null;
        }

        var resource = System.Text.Json.JsonSerializer.Deserialize<ResourceRef>(written.ToJsonString(), options)!;

        Assert.Empty(resource.HostedSites);
        Assert.Equal(ChangeHost.Resource, resource);
    }
}
