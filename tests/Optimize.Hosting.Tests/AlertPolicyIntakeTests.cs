using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Optimize.Changes;
using Optimize.Policy;
using Optimize.Testing;

namespace Optimize.Hosting.Tests;

/// <summary>The policy's alerts section decides which alerts may act, over the published common-schema samples.</summary>
public sealed class AlertPolicyIntakeTests
{
    private const string StaticThreshold = "fixtures/alerts/common-schema/alerts-payload-samples.md__test-action-metric-alert-static-threshold.json";
    private const string ActivityLog = "fixtures/alerts/common-schema/alerts-payload-samples.md__test-action-activity-log-alert.json";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HandleAsync_PublishedSev4MetricAlertOnAChangeInFlight_IgnoredAndTheChangeCarriesOn()
    {
        await using var loop = await HostingLoop.StartAsync();
        var resource = await InFlightAsync(loop);

        // The sample as Azure publishes it: Sev4, Metric.
        var result = await loop.Alerts.HandleAsync(AlertPayloads.For(AlertPayloads.Fixture, resource, loop.Time.GetUtcNow(), severity: null), loop.Host, Ct);
        await loop.RunAsync();

        var target = Assert.Single(Targets(result));
        Assert.Equal("ignored", target.Action);
        Assert.Equal("severity Sev4 is not in alerts.severities (Sev0, Sev1, Sev2)", target.Reason);
        Assert.Empty(loop.Host.Events);
        Assert.Equal(ChangeState.Promoted, (await loop.ChangeAsync()).State);
    }

    [Fact]
    public async Task HandleAsync_PublishedActivityLogAlertAtSev1_IgnoredBySignalType()
    {
        await using var loop = await HostingLoop.StartAsync();
        var resource = await InFlightAsync(loop);

        var result = await loop.Alerts.HandleAsync(Sample(ActivityLog, resource, loop.Time.GetUtcNow(), "Sev1"), loop.Host, Ct);

        var target = Assert.Single(Targets(result));
        Assert.Equal(("ignored", "signal type Activity Log is not in alerts.signalTypes (Metric, Log)"), (target.Action, target.Reason));
        Assert.Empty(loop.Host.Events);
    }

    [Fact]
    public async Task HandleAsync_PolicyListsSev4AndActivityLog_TheSameSamplesRollTheChangeBack()
    {
        var policy = HostingLoop.AutoPolicy with
        {
            Alerts = new AlertPolicy { Severities = ["Sev4"], SignalTypes = ["Activity Log", "Metric"] },
        };
        await using var loop = await HostingLoop.StartAsync(policy);
        var resource = await InFlightAsync(loop);

        var result = await loop.Alerts.HandleAsync(Sample(ActivityLog, resource, loop.Time.GetUtcNow(), severity: null), loop.Host, Ct);
        await loop.RunAsync();

        Assert.Equal("signalled-change", Assert.Single(Targets(result)).Action);
        Assert.Equal(ChangeState.RolledBack, (await loop.ChangeAsync()).State);
    }

    [Theory]
    [InlineData(61, "ignored")]
    [InlineData(59, "signalled-change")]
    public async Task HandleAsync_AlertAge_OlderThanMaxAgeIgnored(int minutesOld, string action)
    {
        // The change was planned at Start and is observed at Start+40m; with maxAge 1h (default), an alert fired
        // 61 min before it arrives is stale, one fired 59 min before still acts. Both fired after the change was planned.
        await using var loop = await HostingLoop.StartAsync();
        var resource = await InFlightAsync(loop);
        loop.Time.Advance(TimeSpan.FromMinutes(30));
        var firedAt = loop.Time.GetUtcNow() - TimeSpan.FromMinutes(minutesOld);
        Assert.True(firedAt > HostingLoop.Start);

        var result = await loop.Alerts.HandleAsync(AlertPayloads.For(AlertPayloads.Fixture, resource, firedAt), loop.Host, Ct);

        var target = Assert.Single(Targets(result));
        Assert.Equal(action, target.Action);
        if (action == "ignored")
        {
            Assert.Equal($"alert fired at {firedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}, 61m ago: older than alerts.maxAge (1h)", target.Reason);
        }
    }

    [Fact]
    public async Task HandleAsync_ResolvedSampleWithAPolicyThatListsEverything_NeverActs()
    {
        var policy = HostingLoop.AutoPolicy with
        {
            Alerts = new AlertPolicy { Severities = ["Sev0", "Sev1", "Sev2", "Sev3", "Sev4"], SignalTypes = ["Metric", "Log", "Activity Log"], MaxAge = TimeSpan.FromDays(3650) },
        };
        await using var loop = await HostingLoop.StartAsync(policy);
        var resource = await InFlightAsync(loop);

        var result = await loop.Alerts.HandleAsync(AlertPayloads.For(AlertPayloads.Fixture, resource, loop.Time.GetUtcNow(), fired: false), loop.Host, Ct);

        Assert.Equal(("resolved", "ignored"), (Assert.Single(Targets(result)).Condition, Assert.Single(Targets(result)).Action));
        Assert.Empty(loop.Host.Events);
        Assert.Empty(loop.Host.Starts);
    }

    [Fact]
    public async Task HandleAsync_NoMonitorConditionListed_NoAlertActs()
    {
        var policy = HostingLoop.AutoPolicy with { Alerts = new AlertPolicy { MonitorConditions = [] } };
        await using var loop = await HostingLoop.StartAsync(policy);
        var resource = await InFlightAsync(loop);

        var result = await loop.Alerts.HandleAsync(AlertPayloads.For(AlertPayloads.Minimal, resource, loop.Time.GetUtcNow()), loop.Host, Ct);

        Assert.Equal("ignored", Assert.Single(Targets(result)).Action);
        Assert.Empty(loop.Host.Events);
    }

    private static async Task<string> InFlightAsync(HostingLoop loop)
    {
        var resource = loop.Plan();
        await loop.StartChangeAsync(resource, approval: false);
        await loop.RunAsync(HostingLoop.Start + TimeSpan.FromMinutes(40));
        Assert.Equal(ChangeState.Observing, (await loop.ChangeAsync()).State);
        return resource.Resource.Id;
    }

    private static string Sample(string fixture, string resourceId, DateTimeOffset firedAt, string? severity)
    {
        var root = JsonNode.Parse(File.ReadAllText(RepoPaths.SharedFile(fixture)))!.AsObject();
        var essentials = root["data"]!["essentials"]!.AsObject();
        essentials["alertTargetIDs"] = new JsonArray(resourceId);
        essentials["firedDateTime"] = firedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        if (severity is not null)
        {
            essentials["severity"] = severity;
        }

        return root.ToJsonString();
    }

    private static List<AlertTargetOutcome> Targets(ApiResult result)
    {
        var body = JsonSerializer.SerializeToElement(result.Body);
        return [.. body.GetProperty("targets").EnumerateArray().Select(t => t.Deserialize<AlertTargetOutcome>()!)];
    }
}
