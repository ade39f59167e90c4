using System.Text.Json;
using Optimize.Changes;
using Optimize.Journal;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;
using Optimize.Workflow.Runner;

namespace Optimize.Hosting.Tests;

/// <summary>The nightly pass over a simulated fleet: one workflow per planned change, single flight, retention, 503.</summary>
public sealed class NightlyServiceTests
{
    private const string Blocker = "Blocker";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunPassAsync_SmallFleet_StartsOneStagedChangePerPlanWithItsResourceInstanceId()
    {
        await using var loop = await HostingLoop.StartAsync();

        var (result, scheduled) = await loop.Nightly.RunPassAsync("nightly", loop.Host, null, Ct);

        Assert.Equal(200, result.StatusCode);
        Assert.NotNull(scheduled);
        var plans = scheduled.Result.Plans;
        Assert.NotEmpty(plans);
        Assert.Equal(plans.Select(p => p.ChangeId), scheduled.Started);
        Assert.Empty(scheduled.NotStarted);
        Assert.Equal(plans.Select(p => (WorkflowNames.StagedChange, InstanceIds.ForChange(p.Resource.Id))), loop.Host.Starts);
        Assert.All(plans, p => Assert.Equal(WorkflowRuntimeStatus.Running, loop.Runner.GetStatus(InstanceIds.ForChange(p.Resource.Id))?.RuntimeStatus));
        var body = JsonSerializer.SerializeToElement(result.Body);
        Assert.Equal(plans.Count, body.GetProperty("changesStarted").GetInt32());
        Assert.Equal(0, body.GetProperty("changesNotStarted").GetInt32());
        Assert.Equal("nightly", Assert.Single(await loop.PassesAsync()).Trigger);
    }

    [Fact]
    public async Task RunPassAsync_ResourceWorkflowStillRunning_NotStartedTwiceAndItsChangeAborted()
    {
        // The same fleet and clock plan the same resources: learn one from a first loop, then occupy its instance id.
        string busy;
        await using (var probe = await HostingLoop.StartAsync())
        {
            var (_, first) = await probe.Nightly.RunPassAsync("nightly", probe.Host, null, Ct);
            busy = first!.Result.Plans[0].Resource.Id;
        }

        await using var loop = await HostingLoop.StartAsync();
        loop.Runner.RegisterWorkflow<string, string>(Blocker, async (context, input) =>
        {
            await context.WaitForEventAsync<string>("never", TimeSpan.FromDays(30));
            return input;
        });
        Assert.True((await loop.Runner.StartAsync(Blocker, InstanceIds.ForChange(busy), "hold")).Started);

        var (result, scheduled) = await loop.Nightly.RunPassAsync("nightly", loop.Host, null, Ct);

        Assert.Equal(200, result.StatusCode);
        var blocked = Assert.Single(scheduled!.Result.Plans, p => p.Resource.Id == busy);
        Assert.Equal([blocked.ChangeId], scheduled.NotStarted);
        Assert.DoesNotContain(blocked.ChangeId, scheduled.Started);
        Assert.Equal(scheduled.Result.Plans.Count - 1, loop.Host.Starts.Count);
        Assert.DoesNotContain(loop.Host.Starts, s => s.InstanceId == InstanceIds.ForChange(busy));
        Assert.Equal(Blocker, loop.Runner.GetStatus(InstanceIds.ForChange(busy))!.Name);
        var change = await loop.ChangeAsync(blocked.ChangeId);
        Assert.Equal(ChangeState.Aborted, change.State);
        Assert.Contains("still Running", change.Outcome, StringComparison.Ordinal);
        var abort = Assert.Single(await loop.EventsAsync(blocked.ChangeId));
        Assert.Equal(ChangeSteps.Abort, abort.Step);
        Assert.Equal(1, JsonSerializer.SerializeToElement(result.Body).GetProperty("changesNotStarted").GetInt32());
    }

    [Fact]
    public async Task RunAsync_EntriesOlderThanRetention_ArePurged()
    {
        await using var loop = await HostingLoop.StartAsync();
        var old = HostingLoop.Start - loop.Policy.Retention.KeepFor - TimeSpan.FromDays(1);
        var recent = HostingLoop.Start - TimeSpan.FromDays(1);
        await loop.Journal.RecordPassAsync(new PassRecord("pass-old", "nightly", old, old, "completed", 1, 0, 0, 0, 0m, "USD"), Ct);
        await loop.Journal.RecordPassAsync(new PassRecord("pass-recent", "nightly", recent, recent, "completed", 1, 0, 0, 0, 0m, "USD"), Ct);

        var result = await loop.Nightly.RunAsync("nightly", loop.Host, Ct);

        Assert.Equal(200, result.StatusCode);
        var passes = await loop.PassesAsync();
        Assert.DoesNotContain(passes, p => p.PassId == "pass-old");
        Assert.Contains(passes, p => p.PassId == "pass-recent");
        Assert.Contains(passes, p => p.StartedAt == HostingLoop.Start && p.Status == "completed");
        Assert.Equal(2, passes.Count);
        Assert.Equal(1, JsonSerializer.SerializeToElement(result.Body).GetProperty("journalEntriesPurged").GetInt32());
    }

    [Fact]
    public async Task RunAsync_JournalUnavailable_Returns503AndStartsNoWorkflow()
    {
        var journal = new UnavailableJournal(new InMemoryJournal());
        await using var loop = await HostingLoop.StartAsync(journal: journal);

        var result = await loop.Nightly.RunAsync("nightly", loop.Host, Ct);

        Assert.Equal(503, result.StatusCode);
        Assert.Contains("journal is unavailable", Assert.IsType<ApiError>(result.Body).Error, StringComparison.Ordinal);
        Assert.Empty(loop.Host.Starts);
        Assert.All(loop.Fleet.Resources, r => Assert.Null(loop.Runner.GetStatus(InstanceIds.ForChange(r.Resource.Id))));
        Assert.Equal(0, journal.Purges);
    }

    [Fact]
    public async Task RunAsync_RecommendPolicy_PlansAndStartsNothing()
    {
        await using var loop = await HostingLoop.StartAsync(new Policy.OptimizePolicy { DefaultMode = Policy.ChangeMode.Recommend });

        var result = await loop.Nightly.RunAsync("manual", loop.Host, Ct);

        Assert.Equal(200, result.StatusCode);
        Assert.Empty(loop.Host.Starts);
        var body = JsonSerializer.SerializeToElement(result.Body);
        Assert.Equal(0, body.GetProperty("changesStarted").GetInt32());
        Assert.True(body.GetProperty("Recommendations").GetInt32() > 0);
    }
}
