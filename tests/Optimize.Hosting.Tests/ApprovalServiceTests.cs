using System.Text.Json;
using Optimize.Changes;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;

namespace Optimize.Hosting.Tests;

/// <summary>Approve, reject and status over the real runner: a change in approve mode waiting at the gate.</summary>
public sealed class ApprovalServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DecideAsync_Approved_ChangeIsAppliedAndPromoted()
    {
        await using var loop = await HostingLoop.StartAsync();
        var resource = loop.Plan();
        var plan = await WaitingAtGateAsync(loop, resource);

        var result = await loop.Approvals.DecideAsync("chg-1", approved: true, """{"by": "alice", "comment": "go"}""", loop.Host, Ct);
        await loop.RunAsync();

        Assert.Equal(202, result.StatusCode);
        Assert.Equal((InstanceIds.ForChange(resource.Resource.Id), WorkflowEvents.Approval), Assert.Single(loop.Host.Events));
        Assert.Equal(ChangeState.Promoted, (await loop.ChangeAsync()).State);
        Assert.Equal(plan.FinalTarget, (await loop.Config.ReadAsync(resource.Resource, Ct)).Config);
        Assert.Contains(await loop.EventsAsync(), e => e.Step == ChangeSteps.Approval && e.Message == "approved by alice: go");
    }

    [Fact]
    public async Task DecideAsync_Rejected_ChangeIsRejectedAndNothingApplied()
    {
        await using var loop = await HostingLoop.StartAsync();
        var resource = loop.Plan();
        var plan = await WaitingAtGateAsync(loop, resource);

        var result = await loop.Approvals.DecideAsync("chg-1", approved: false, """{"by": "bob", "comment": "not this week"}""", loop.Host, Ct);
        await loop.RunAsync();

        Assert.Equal(202, result.StatusCode);
        var change = await loop.ChangeAsync();
        Assert.Equal(ChangeState.Rejected, change.State);
        Assert.Equal(plan.Baseline, (await loop.Config.ReadAsync(resource.Resource, Ct)).Config);
        Assert.Empty(loop.Fleet.History(resource));
        Assert.DoesNotContain(await loop.EventsAsync(), e => e.Step == ChangeSteps.Apply);
        Assert.Contains(await loop.EventsAsync(), e => e.Step == ChangeSteps.Approval && e.Message == "rejected by bob: not this week");
    }

    [Theory]
    [InlineData("{not json", "not JSON")]
    [InlineData("[1]", "not JSON")]
    [InlineData("", "'by' is required")]
    [InlineData("{}", "'by' is required")]
    [InlineData("""{"comment": "ok"}""", "'by' is required")]
    [InlineData("""{"by": "  "}""", "'by' is required")]
    public async Task DecideAsync_BadBody_Returns400AndSendsNothing(string body, string expected)
    {
        await using var loop = await HostingLoop.StartAsync();
        await WaitingAtGateAsync(loop, loop.Plan());

        var result = await loop.Approvals.DecideAsync("chg-1", approved: true, body, loop.Host, Ct);

        Assert.Equal(400, result.StatusCode);
        Assert.Contains(expected, Assert.IsType<ApiError>(result.Body).Error, StringComparison.Ordinal);
        Assert.Empty(loop.Host.Events);
        Assert.Equal(ChangeState.AwaitingApproval, (await loop.ChangeAsync()).State);
    }

    [Fact]
    public async Task DecideAsync_UnknownChange_Returns404()
    {
        await using var loop = await HostingLoop.StartAsync();

        var result = await loop.Approvals.DecideAsync("chg-nope", approved: true, """{"by": "alice"}""", loop.Host, Ct);

        Assert.Equal(404, result.StatusCode);
        Assert.Contains("chg-nope", Assert.IsType<ApiError>(result.Body).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideAsync_ChangeNotAwaitingApproval_Returns409AndSendsNothing()
    {
        await using var loop = await HostingLoop.StartAsync();
        await loop.StartChangeAsync(loop.Plan(), approval: false);
        await loop.RunAsync(HostingLoop.Start + TimeSpan.FromMinutes(40));

        var result = await loop.Approvals.DecideAsync("chg-1", approved: true, """{"by": "alice"}""", loop.Host, Ct);

        Assert.Equal(409, result.StatusCode);
        Assert.Contains("Observing, not awaiting approval", Assert.IsType<ApiError>(result.Body).Error, StringComparison.Ordinal);
        Assert.Empty(loop.Host.Events);
    }

    [Fact]
    public async Task DecideAsync_AwaitingButWorkflowGone_Returns409()
    {
        await using var loop = await HostingLoop.StartAsync();
        var resource = loop.Plan();
        await loop.StartChangeAsync(resource, approval: true);
        await loop.RunAsync(HostingLoop.Start + TimeSpan.FromMinutes(5));

        // A host that knows no workflow (as after a crash of the in-process runner).
        await using var other = await HostingLoop.StartAsync(journal: loop.Journal);
        var result = await loop.Approvals.DecideAsync("chg-1", approved: true, """{"by": "alice"}""", other.Host, Ct);

        Assert.Equal(409, result.StatusCode);
        Assert.Contains("is not running", Assert.IsType<ApiError>(result.Body).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusAsync_KnownChange_ReturnsTheChangeItsStepsAndWorkflow()
    {
        await using var loop = await HostingLoop.StartAsync();
        var resource = loop.Plan();
        await WaitingAtGateAsync(loop, resource);

        var result = await loop.Approvals.StatusAsync("chg-1", loop.Host, Ct);

        Assert.Equal(200, result.StatusCode);
        var body = JsonSerializer.SerializeToElement(result.Body, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.Equal("chg-1", body.GetProperty("change").GetProperty("changeId").GetString());
        var steps = body.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("step").GetString()).ToList();
        Assert.Equal([ChangeSteps.Capture, ChangeSteps.Approval], steps);
        Assert.Equal(InstanceIds.ForChange(resource.Resource.Id), body.GetProperty("workflow").GetProperty("instanceId").GetString());
    }

    [Fact]
    public async Task StatusAsync_UnknownChange_Returns404()
    {
        await using var loop = await HostingLoop.StartAsync();

        var result = await loop.Approvals.StatusAsync("chg-nope", loop.Host, Ct);

        Assert.Equal(404, result.StatusCode);
    }

    /// <summary>Starts an approve-mode change and runs it until it waits at the approval gate.</summary>
    private static async Task<ChangePlan> WaitingAtGateAsync(HostingLoop loop, Simulator.Fleet.SimulatedResource resource)
    {
        var plan = await loop.StartChangeAsync(resource, approval: true);
        await loop.RunAsync(HostingLoop.Start + TimeSpan.FromMinutes(5));
        Assert.Equal(ChangeState.AwaitingApproval, (await loop.ChangeAsync()).State);
        return plan;
    }
}
