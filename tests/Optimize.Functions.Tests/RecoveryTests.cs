using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Optimize.Changes;
using Optimize.Model;
using Optimize.Workflow;
using Optimize.Workflow.Hosting;
using Optimize.Workflow.Runner;

namespace Optimize.Functions.Tests;

/// <summary>A journal outage right after an apply, on the real engine: the orchestration fails with the resource
/// changed, and the recovery sweep's RecoveryService (as RecoverySweep wires it) finishes the change through the
/// Function App's StagedChangeResume orchestrator.</summary>
public sealed class RecoveryTests
{
    [Fact]
    public async Task JournalRefusesTheStepAfterAnApply_OrchestrationFails_ThenTheSweepFinishesTheChange()
    {
        await using var loop = await DurableLoop.StartAsync();
        loop.Ports.UpdateRefused = state => state == ChangeState.Observing;

        await loop.StartChangeAsync(DurableLoop.Plan());
        var failed = await loop.WaitAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Contains("journal unavailable (injected)", failed.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(new AppServicePlanConfig("P1v3", 3), loop.Config.Current(DurableLoop.ResourceId));
        var stranded = (await loop.Journal.GetAsync("chg-1", DurableLoop.Ct))!;
        Assert.Equal(ChangeState.Applying, stranded.State);

        loop.Ports.UpdateRefused = null; // the journal is back
        var recovery = new RecoveryService(loop.Ports, loop.Ports, loop.Workflows, TimeProvider.System, NullLogger<RecoveryService>.Instance);
        var actions = await recovery.RecoverAsync(DurableLoop.Ct);

        var action = Assert.Single(actions);
        Assert.Equal(RecoveryKind.Reapply, action.Kind);
        var resumed = await loop.WaitAsync();
        Assert.True(resumed.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{resumed.RuntimeStatus}: {resumed.FailureDetails}");
        Assert.Equal(ChangeState.Promoted, resumed.ReadOutputAs<ChangeOutcome>()!.State);
        Assert.Equal(ChangeState.Promoted, (await loop.Journal.GetAsync("chg-1", DurableLoop.Ct))!.State);
        Assert.Contains(await loop.EventsAsync(), e => e.Step == ChangeSteps.Recover);
    }

    [Fact]
    public async Task JournalRefusesTwiceAfterAnApply_TheWorkflowRetriesOnATimer_AndPromotesWithoutRecovery()
    {
        await using var loop = await DurableLoop.StartAsync();
        var refusals = 0;
        loop.Ports.UpdateRefused = state => state == ChangeState.Observing && Interlocked.Increment(ref refusals) <= 6; // 2 workflow attempts x 3 Durable

        var outcome = await loop.RunToEndAsync(DurableLoop.Plan());

        Assert.Equal(ChangeState.Promoted, outcome.State);
        Assert.True(refusals > 6, $"refusals {refusals}");
        Assert.Single(await loop.EventsAsync(), e => e.Step == ChangeSteps.Apply && e.State == ChangeState.Observing);
    }

    [Fact]
    public async Task CrashMidRevert_TheRevertingChangeIsFoundAndRolledBackByTheSweep()
    {
        await using var loop = await DurableLoop.StartAsync();
        await loop.RunToEndAsync(DurableLoop.Plan() with { Retry = DurableLoop.FastWorkflowRetry with { FirstDelay = TimeSpan.FromMinutes(5) } });
        var refusals = 0;
        loop.Ports.ApplyThrows = target => target == DurableLoop.Baseline && Interlocked.Increment(ref refusals) <= 3; // one workflow attempt

        // An alert reverts the promoted change; its first rollback apply fails and the revert waits 5 min to try again.
        await (await Endpoints.ForAsync(loop)).AlertWebhook(Endpoints.Post(AlertTests.FiredAlert()), loop.Client, DurableLoop.Ct);
        await ApprovalTests.WaitForEventAsync(loop, e => e.Message.StartsWith("rollback attempt 1/3 failed", StringComparison.Ordinal));
        var alertInstance = InstanceIds.ForAlert(DurableLoop.ResourceId);
        await loop.Client.TerminateInstanceAsync(alertInstance, "crash (test)", DurableLoop.Ct);
        await loop.WaitAsync(alertInstance);
        Assert.Equal(ChangeState.RollingBack, (await loop.Journal.GetAsync("chg-1", DurableLoop.Ct))!.State);
        Assert.Equal(new AppServicePlanConfig("P1v3", 3), loop.Config.Current(DurableLoop.ResourceId));

        var recovery = new RecoveryService(loop.Ports, loop.Ports, loop.Workflows, TimeProvider.System, NullLogger<RecoveryService>.Instance);
        var action = Assert.Single(await recovery.RecoverAsync(DurableLoop.Ct));

        Assert.Equal(RecoveryKind.RollBack, action.Kind);
        var resumed = await loop.WaitAsync();
        Assert.True(resumed.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{resumed.RuntimeStatus}: {resumed.FailureDetails}");
        Assert.Equal(ChangeState.RolledBack, resumed.ReadOutputAs<ChangeOutcome>()!.State);
        Assert.Equal(DurableLoop.Baseline, loop.Config.Current(DurableLoop.ResourceId));
    }

    [Fact]
    public async Task SweepWithNothingStranded_StartsNothing()
    {
        await using var loop = await DurableLoop.StartAsync();
        await loop.RunToEndAsync(DurableLoop.Plan());

        var recovery = new RecoveryService(loop.Ports, loop.Ports, loop.Workflows, TimeProvider.System, NullLogger<RecoveryService>.Instance);

        Assert.Empty(await recovery.RecoverAsync(DurableLoop.Ct));
    }
}
