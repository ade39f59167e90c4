using Optimize.Changes;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;
using Optimize.Workflow.Runner;

namespace Optimize.Tests.Workflow;

/// <summary>Approval, alerts, single flight and long runs on the virtual clock.</summary>
public sealed partial class StagedChangeWorkflowTests
{
    [Fact]
    public async Task RunAsync_Approved_WaitsThenPromotes()
    {
        using var host = new ChangeHost();
        await host.StartAsync(ChangeHost.Plan(approval: true));
        await host.RunAsync(until: ChangeHost.Start.AddHours(1));

        var waiting = host.Runner.GetStatus(ChangeHost.InstanceId)!;
        Assert.Equal(WorkflowRuntimeStatus.Running, waiting.RuntimeStatus);
        Assert.Equal(ChangeState.AwaitingApproval, waiting.ReadCustomStatus<ChangeProgress>()!.State);
        Assert.Equal(ChangeState.AwaitingApproval, (await host.ChangeAsync()).State);
        Assert.Empty(host.Config.Applies);

        Assert.True(await host.Runner.RaiseEventAsync(ChangeHost.InstanceId, WorkflowEvents.Approval, new ApprovalDecision(true, "alice", "ok for tonight")));
        await host.RunAsync();

        var outcome = host.Outcome();
        Assert.Equal(ChangeState.Promoted, outcome.State);
        Assert.Contains(await host.EventsAsync(), e => e.Step == ChangeSteps.Approval && e.Message == "approved by alice: ok for tonight");
    }

    [Fact]
    public async Task RunAsync_Rejected_EndsRejectedWithNothingApplied()
    {
        using var host = new ChangeHost();
        await host.StartAsync(ChangeHost.Plan(approval: true));
        await host.RunAsync(until: ChangeHost.Start.AddMinutes(5));
        await host.Runner.RaiseEventAsync(ChangeHost.InstanceId, WorkflowEvents.Approval, new ApprovalDecision(false, "bob", "peak season"));
        await host.RunAsync();

        var outcome = host.Outcome();
        Assert.Equal(ChangeState.Rejected, outcome.State);
        Assert.Equal("rejected by bob: peak season", outcome.Reason);
        Assert.Empty(host.Config.Applies);
        Assert.Equal(ChangeState.Rejected, (await host.ChangeAsync()).State);
    }

    [Fact]
    public async Task RunAsync_ApprovalTimesOut_RejectedAfterTheTimeout()
    {
        using var host = new ChangeHost();

        var outcome = await host.RunToEndAsync(ChangeHost.Plan(approval: true));

        Assert.Equal(ChangeState.Rejected, outcome.State);
        Assert.Equal("approval timed out after 1d", outcome.Reason);
        Assert.Equal(ChangeHost.Start.AddDays(1), host.Time.GetUtcNow());
        Assert.Empty(host.Config.Applies);
    }

    [Fact]
    public async Task RunAsync_ApprovalTimesOutWithKeepWaiting_JournalsAReminderPerTimeoutThenPromotesOnTheLateApproval()
    {
        // approval.onTimeout keepWaiting, timeout 1 d: after 2.5 days two reminders are journaled (1 d and 2 d), nothing is applied
        // and the change still waits; an approval on day 2.5 promotes it.
        using var host = new ChangeHost();
        await host.StartAsync(ChangeHost.Plan(approval: true) with { KeepWaitingForApproval = true });
        await host.RunAsync(until: ChangeHost.Start.AddDays(2.5));

        Assert.Equal(ChangeState.AwaitingApproval, (await host.ChangeAsync()).State);
        Assert.Empty(host.Config.Applies);
        var reminders = (await host.EventsAsync()).Where(e => e.Step == ChangeSteps.Approval && e.Message.StartsWith("still awaiting", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["still awaiting approval after 1d; waiting another 1d (approval.onTimeout keepWaiting)", "still awaiting approval after 2d; waiting another 1d (approval.onTimeout keepWaiting)"],
            reminders.Select(e => e.Message));
        Assert.Equal([ChangeHost.Start.AddDays(1), ChangeHost.Start.AddDays(2)], reminders.Select(e => e.At));

        await host.Runner.RaiseEventAsync(ChangeHost.InstanceId, WorkflowEvents.Approval, new ApprovalDecision(true, "alice"));
        await host.RunAsync();

        Assert.Equal(ChangeState.Promoted, host.Outcome().State);
    }

    [Fact]
    public async Task RunAsync_ApprovalEventRaisedBeforeTheWait_IsBuffered()
    {
        using var host = new ChangeHost();
        await host.StartAsync(ChangeHost.Plan(approval: true));
        await host.Runner.RaiseEventAsync(ChangeHost.InstanceId, WorkflowEvents.Approval, new ApprovalDecision(true, "alice"));

        await host.RunAsync();

        Assert.Equal(ChangeState.Promoted, host.Outcome().State);
    }

    [Fact]
    public async Task RunAsync_AlertFiresMidObservation_RollsBackAtOnce()
    {
        using var host = new ChangeHost();
        await host.StartAsync(ChangeHost.Plan());
        await host.RunAsync(until: ChangeHost.Start.AddHours(1));

        var alert = new AlertSignal("a-1", ChangeHost.ResourceId, "High CPU", "Sev2", true, host.Time.GetUtcNow(), "Percentage CPU > 85 (avg 92.1)");
        var route = await host.Runner.DeliverAlertAsync(alert, TimeSpan.FromDays(7));
        await host.RunAsync();

        Assert.Equal(new AlertRoute.SignalChange(ChangeHost.InstanceId), route);
        var outcome = host.Outcome();
        Assert.Equal(ChangeState.RolledBack, outcome.State);
        Assert.Equal("alert 'High CPU' fired during stage 1/2: Percentage CPU > 85 (avg 92.1)", outcome.Reason);
        Assert.Equal(ChangeHost.Start.AddHours(1), host.Time.GetUtcNow());
        Assert.Contains(await host.EventsAsync(), e => e.Step == ChangeSteps.Alert && e.StageIndex == 0);
        Assert.Equal(ChangeHost.Baseline, host.Config.Current(ChangeHost.ResourceId));
    }

    [Fact]
    public async Task RunAsync_AlertFiresWhileTheStageSettles_RollsBackAtOnceWithoutWaitingForTheSettle()
    {
        // Settle is 10 minutes after the apply at Start; the alert arrives 4 minutes in.
        using var host = new ChangeHost();
        await host.StartAsync(ChangeHost.Plan());
        await host.RunAsync(until: ChangeHost.Start.AddMinutes(4));

        var alert = new AlertSignal("a-2", ChangeHost.ResourceId, "5xx spike", "Sev1", true, host.Time.GetUtcNow(), "Http5xx > 10");
        await host.Runner.DeliverAlertAsync(alert, TimeSpan.FromDays(7));
        await host.RunAsync();

        var outcome = host.Outcome();
        Assert.Equal(ChangeState.RolledBack, outcome.State);
        Assert.Equal("alert '5xx spike' fired while stage 1/2 settled: Http5xx > 10", outcome.Reason);
        Assert.Equal(ChangeHost.Start.AddMinutes(4), host.Time.GetUtcNow());
        var events = await host.EventsAsync();
        Assert.DoesNotContain(events, e => e.Step is ChangeSteps.Settle or ChangeSteps.Assess);
        Assert.Equal(ChangeHost.Baseline, host.Config.Current(ChangeHost.ResourceId));
    }

    [Fact]
    public async Task StartAsync_SameResourceWhileRunning_SecondStartRefused()
    {
        using var host = new ChangeHost();
        Assert.True((await host.StartAsync(ChangeHost.Plan())).Started);

        var second = await host.Runner.StartAsync(WorkflowNames.StagedChange, ChangeHost.InstanceId, ChangeHost.Plan("chg-2"));

        Assert.False(second.Started);
        Assert.Contains("already running", second.Reason, StringComparison.Ordinal);
        await host.RunAsync();
        Assert.Equal("chg-1", host.Outcome().ChangeId);
        Assert.True((await host.Runner.StartAsync(WorkflowNames.StagedChange, ChangeHost.InstanceId, ChangeHost.Plan("chg-1"))).Started);
    }

    [Fact]
    public async Task RunAsync_TwoDaysOfStages_CompletesOnTheVirtualClock()
    {
        using var host = new ChangeHost();

        var outcome = await host.RunToEndAsync(ChangeHost.Plan(observe: TimeSpan.FromDays(1)));

        Assert.Equal(ChangeState.Promoted, outcome.State);

        // 2 × (10 min settle + 24 h observe) of virtual time; 24 h / 15 min = 96 checks per stage.
        Assert.Equal(TimeSpan.FromHours(48) + TimeSpan.FromMinutes(20), host.Time.GetUtcNow() - ChangeHost.Start);
        Assert.Equal(192, (await host.EventsAsync()).Count(e => e.Step == ChangeSteps.Assess));
    }
}
