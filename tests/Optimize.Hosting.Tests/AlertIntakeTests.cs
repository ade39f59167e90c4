using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Optimize.Changes;
using Optimize.Policy;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;
using Optimize.Workflow.Runner;

namespace Optimize.Hosting.Tests;

/// <summary>The alert webhook's logic over the real runner, a simulated fleet and an in-memory journal.</summary>
public sealed class AlertIntakeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"schemaId\": \"somethingElse\", \"data\": {}}")]
    [InlineData("{\"schemaId\": \"azureMonitorCommonAlertSchema\", \"data\": {\"essentials\": {\"alertId\": \"a\", \"alertRule\": \"r\", \"monitorCondition\": \"Fired\", \"alertTargetIDs\": []}}}")]
    public async Task HandleAsync_MalformedPayload_Returns400AndJournalsARejectedAlertPass(string body)
    {
        await using var loop = await HostingLoop.StartAsync();

        var result = await loop.Alerts.HandleAsync(body, loop.Host, Ct);

        Assert.Equal(400, result.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(Assert.IsType<ApiError>(result.Body).Error));
        var pass = Assert.Single(await loop.PassesAsync());
        Assert.Equal("alert", pass.Trigger);
        Assert.Equal("rejected", pass.Status);
        Assert.StartsWith("malformed alert payload", pass.Message, StringComparison.Ordinal);
        Assert.Empty(loop.Host.Starts);
        Assert.Empty(loop.Host.Events);
    }

    [Theory]
    [InlineData(AlertPayloads.Minimal)]
    [InlineData(AlertPayloads.Fixture)]
    public async Task HandleAsync_SubscriptionNotManaged_Returns422AndJournalsIt(string source)
    {
        await using var loop = await HostingLoop.StartAsync();
        var foreign = "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan1";

        var result = await loop.Alerts.HandleAsync(AlertPayloads.For(source, foreign, HostingLoop.Start), loop.Host, Ct);

        Assert.Equal(422, result.StatusCode);
        Assert.Contains("subscription is not one Optimize manages", Assert.IsType<ApiError>(result.Body).Error, StringComparison.Ordinal);
        var pass = Assert.Single(await loop.PassesAsync());
        Assert.Equal(("alert", "rejected"), (pass.Trigger, pass.Status));
        Assert.Contains(foreign, pass.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(loop.Host.Starts);
    }

    [Theory]
    [InlineData(AlertPayloads.Minimal)]
    [InlineData(AlertPayloads.Fixture)]
    public async Task HandleAsync_ResourceInRecommendScope_Returns202WithActionNone(string source)
    {
        await using var loop = await HostingLoop.StartAsync(new OptimizePolicy());
        var id = loop.Plan().Resource.Id;

        var result = await loop.Alerts.HandleAsync(AlertPayloads.For(source, id, HostingLoop.Start), loop.Host, Ct);

        Assert.Equal(202, result.StatusCode);
        var target = Assert.Single(Targets(result));
        Assert.Equal("none", target.Action);
        Assert.Contains("mode recommend", target.Reason, StringComparison.Ordinal);
        Assert.Empty(loop.Host.Starts);
        Assert.Equal("accepted", Assert.Single(await loop.PassesAsync()).Status);
    }

    [Theory]
    [InlineData(AlertPayloads.Minimal)]
    [InlineData(AlertPayloads.Fixture)]
    public async Task HandleAsync_ChangeInFlight_SignalsTheChangeWhichRollsBack(string source)
    {
        await using var loop = await HostingLoop.StartAsync();
        var resource = loop.Plan();
        var plan = await loop.StartChangeAsync(resource, approval: false);
        await loop.RunAsync(HostingLoop.Start + TimeSpan.FromMinutes(40));
        Assert.Equal(ChangeState.Observing, (await loop.ChangeAsync()).State);
        Assert.Equal(plan.FinalTarget, (await loop.Config.ReadAsync(resource.Resource, Ct)).Config);

        var result = await loop.Alerts.HandleAsync(AlertPayloads.For(source, resource.Resource.Id, loop.Time.GetUtcNow()), loop.Host, Ct);
        await loop.RunAsync();

        Assert.Equal(202, result.StatusCode);
        Assert.Equal("signalled-change", Assert.Single(Targets(result)).Action);
        Assert.Equal((InstanceIds.ForChange(resource.Resource.Id), WorkflowEvents.Alert), Assert.Single(loop.Host.Events));
        Assert.Empty(loop.Host.Starts);
        var change = await loop.ChangeAsync();
        Assert.Equal(ChangeState.RolledBack, change.State);
        var rule = source == AlertPayloads.Fixture ? "test-metricAlertRule" : "cpu-high";
        Assert.Contains($"alert '{rule}' fired", change.Outcome, StringComparison.Ordinal);
        Assert.Contains(await loop.EventsAsync(), e => e.Step == ChangeSteps.Alert && e.Message.Contains(rule, StringComparison.Ordinal));
        Assert.Equal(plan.Baseline, (await loop.Config.ReadAsync(resource.Resource, Ct)).Config);
    }

    [Fact]
    public async Task HandleAsync_ChangeInFlightButPolicyNowRecommend_StillRollsBack()
    {
        // The change started under auto mode; the host restarted with a recommend-only policy while it was observing.
        await using var loop = await HostingLoop.StartAsync();
        var resource = loop.Plan();
        await loop.StartChangeAsync(resource, approval: false);
        await loop.RunAsync(HostingLoop.Start + TimeSpan.FromMinutes(40));
        var recommendOnly = new AlertIntake(new OptimizePolicy(), loop.Fleet.Subscriptions, loop.Journal, loop.Journal, loop.Time, NullLogger<AlertIntake>.Instance);

        var result = await recommendOnly.HandleAsync(AlertPayloads.For(AlertPayloads.Minimal, resource.Resource.Id, loop.Time.GetUtcNow()), loop.Host, Ct);
        await loop.RunAsync();

        Assert.Equal("signalled-change", Assert.Single(Targets(result)).Action);
        Assert.Equal(ChangeState.RolledBack, (await loop.ChangeAsync()).State);
    }

    [Theory]
    [InlineData(AlertPayloads.Minimal)]
    [InlineData(AlertPayloads.Fixture)]
    public async Task HandleAsync_NoChangeInFlight_StartsOneRemediation(string source)
    {
        await using var loop = await HostingLoop.StartAsync();
        var id = loop.Plan().Resource.Id;

        var result = await loop.Alerts.HandleAsync(AlertPayloads.For(source, id, HostingLoop.Start), loop.Host, Ct);

        Assert.Equal(202, result.StatusCode);
        Assert.Equal("started-remediation", Assert.Single(Targets(result)).Action);
        Assert.Equal((WorkflowNames.AlertRemediation, InstanceIds.ForAlert(id)), Assert.Single(loop.Host.Starts));
        await loop.RunAsync();
        var status = loop.Runner.GetStatus(InstanceIds.ForAlert(id));
        Assert.NotNull(status);
        Assert.Equal(WorkflowRuntimeStatus.Completed, status.RuntimeStatus);
    }

    [Theory]
    [InlineData(AlertPayloads.Minimal)]
    [InlineData(AlertPayloads.Fixture)]
    public async Task HandleAsync_AlertStorm_StartsExactlyOneRemediation(string source)
    {
        await using var loop = await HostingLoop.StartAsync();
        var id = loop.Plan().Resource.Id;
        var body = AlertPayloads.For(source, id, HostingLoop.Start);

        var actions = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var result = await loop.Alerts.HandleAsync(body, loop.Host, Ct);
            Assert.Equal(202, result.StatusCode);
            actions.Add(Assert.Single(Targets(result)).Action);
        }

        Assert.Single(loop.Host.Starts);
        Assert.Equal(["started-remediation", .. Enumerable.Repeat("already-remediating", 4)], actions);
        Assert.Equal(5, (await loop.PassesAsync()).Count);
    }

    [Theory]
    [InlineData(AlertPayloads.Minimal)]
    [InlineData(AlertPayloads.Fixture)]
    public async Task HandleAsync_ResolvedAlert_ActionNone(string source)
    {
        await using var loop = await HostingLoop.StartAsync();
        var id = loop.Plan().Resource.Id;

        var result = await loop.Alerts.HandleAsync(AlertPayloads.For(source, id, HostingLoop.Start, fired: false), loop.Host, Ct);

        Assert.Equal(202, result.StatusCode);
        var target = Assert.Single(Targets(result));
        Assert.Equal(("resolved", "ignored"), (target.Condition, target.Action));
        Assert.Equal("alert resolved: a resolved alert never acts", target.Reason);
        Assert.Empty(loop.Host.Starts);
        Assert.Empty(loop.Host.Events);
    }

    [Fact]
    public async Task HandleAsync_ResolvedAlertDuringAChange_ChangeCarriesOn()
    {
        await using var loop = await HostingLoop.StartAsync();
        var resource = loop.Plan();
        await loop.StartChangeAsync(resource, approval: false);
        await loop.RunAsync(HostingLoop.Start + TimeSpan.FromMinutes(40));

        var result = await loop.Alerts.HandleAsync(AlertPayloads.For(AlertPayloads.Minimal, resource.Resource.Id, loop.Time.GetUtcNow(), fired: false), loop.Host, Ct);
        Assert.Empty(loop.Host.Events);
        await loop.RunAsync();

        Assert.Equal("ignored", Assert.Single(Targets(result)).Action);
        Assert.Equal(ChangeState.Promoted, (await loop.ChangeAsync()).State);
    }

    private static List<AlertTargetOutcome> Targets(ApiResult result)
    {
        var body = JsonSerializer.SerializeToElement(result.Body);
        return [.. body.GetProperty("targets").EnumerateArray().Select(t => t.Deserialize<AlertTargetOutcome>()!)];
    }
}
