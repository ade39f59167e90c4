using Optimize.Changes;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;
using Optimize.Workflow.Runner;

namespace Optimize.Tests.Workflow;

public sealed class AlertRemediationWorkflowTests
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    [Fact]
    public async Task RunAsync_RecentPromotedChange_RevertsAndJournalsOnThatChange()
    {
        using var host = new ChangeHost();
        await host.RunToEndAsync(ChangeHost.Plan());
        await host.RunAsync(until: host.Time.GetUtcNow().AddDays(2));

        var route = await host.Runner.DeliverAlertAsync(Alert(host), Week);
        await host.RunAsync();

        var remediation = Assert.IsType<AlertRoute.StartRemediation>(route);
        var outcome = Outcome(host, remediation.InstanceId);
        Assert.Equal("reverted", outcome.Action);
        Assert.Equal("chg-1", outcome.ChangeId);
        Assert.Equal(ChangeHost.Baseline, host.Config.Current(ChangeHost.ResourceId));
        var change = await host.ChangeAsync();
        Assert.Equal(ChangeState.RolledBack, change.State);
        Assert.Equal("reverted after alert: alert 'High CPU': Percentage CPU > 85 (avg 92.1)", change.Outcome);
        var steps = (await host.EventsAsync()).Select(e => e.Step).ToList();
        Assert.Equal([ChangeSteps.Promote, ChangeSteps.Alert, ChangeSteps.Rollback, ChangeSteps.Rollback], steps.TakeLast(4));
    }

    [Fact]
    public async Task RunAsync_PromotedLongerAgoThanTheWindow_DoesNothingAndSaysWhy()
    {
        using var host = new ChangeHost();
        await host.RunToEndAsync(ChangeHost.Plan());
        await host.RunAsync(until: host.Time.GetUtcNow().AddDays(8));

        var route = (AlertRoute.StartRemediation)await host.Runner.DeliverAlertAsync(Alert(host), Week);
        await host.RunAsync();

        var outcome = Outcome(host, route.InstanceId);
        Assert.Equal("none", outcome.Action);
        Assert.StartsWith("not caused by Optimize: no change in the last 7d", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(new Optimize.Model.AppServicePlanConfig("P1v3", 2), host.Config.Current(ChangeHost.ResourceId));
        Assert.Equal(ChangeState.Promoted, (await host.ChangeAsync()).State);
    }

    [Fact]
    public async Task RunAsync_NoChangeEver_DoesNothing()
    {
        using var host = new ChangeHost();

        var route = (AlertRoute.StartRemediation)await host.Runner.DeliverAlertAsync(Alert(host), Week);
        await host.RunAsync();

        var outcome = Outcome(host, route.InstanceId);
        Assert.Equal("none", outcome.Action);
        Assert.Null(outcome.ChangeId);
        Assert.Empty(host.Config.Applies);
    }

    [Fact]
    public async Task RunAsync_RevertDoesNotVerify_FailedAndEscalated()
    {
        using var host = new ChangeHost();
        await host.RunToEndAsync(ChangeHost.Plan());
        host.Config.OnApply = _ => ApplyResult.Fail(ChangeFailureKinds.Forbidden, "missing Microsoft.Web/serverfarms/write");

        var route = (AlertRoute.StartRemediation)await host.Runner.DeliverAlertAsync(Alert(host), Week);
        await host.RunAsync();

        Assert.Equal("failed", Outcome(host, route.InstanceId).Action);
        Assert.Equal(ChangeState.RollbackFailed, (await host.ChangeAsync()).State);
        Assert.Contains(await host.EventsAsync(), e => e.Step == ChangeSteps.Escalate);
    }

    private static AlertSignal Alert(ChangeHost host) =>
        new("a-1", ChangeHost.ResourceId, "High CPU", "Sev2", true, host.Time.GetUtcNow(), "Percentage CPU > 85 (avg 92.1)");

    private static RemediationOutcome Outcome(ChangeHost host, string instanceId)
    {
        var status = host.Runner.GetStatus(instanceId)!;
        Assert.True(status.RuntimeStatus == WorkflowRuntimeStatus.Completed, status.Failure);
        return status.ReadOutput<RemediationOutcome>()!;
    }
}
