using Microsoft.Extensions.Logging.Abstractions;
using Optimize.Changes;
using Optimize.Engine;
using Optimize.Journal;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;
using Optimize.Workflow.Runner;

namespace Optimize.Hosting.Tests;

/// <summary>Scheduling a pass's changes on a host that refuses a start (Durable's "instance already exists" race).</summary>
public sealed class PassSchedulerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_HostRefusesAStart_ThatChangeIsAbortedWithTheHostsReasonOthersStart()
    {
        await using var loop = await HostingLoop.StartAsync();
        var refusing = new RefusingHost(loop.Host, refuseFirst: 1);

        var scheduled = await loop.Scheduler.RunAsync(new PassRequest("nightly", loop.Policy, new Ports.InventoryScope(loop.Fleet.Subscriptions, [], [])), refusing, null, Ct);

        var plans = scheduled.Result.Plans;
        Assert.True(plans.Count >= 2, $"the test fleet should plan at least two changes, planned {plans.Count}");
        Assert.Equal([plans[0].ChangeId], scheduled.NotStarted);
        Assert.Equal(plans.Skip(1).Select(p => p.ChangeId), scheduled.Started);
        var aborted = await loop.ChangeAsync(plans[0].ChangeId);
        Assert.Equal(ChangeState.Aborted, aborted.State);
        Assert.Equal("not started: instance exists", aborted.Outcome);
        Assert.All(plans.Skip(1), p => Assert.True(loop.Runner.IsRunning(InstanceIds.ForChange(p.Resource.Id))));
    }

    [Fact]
    public async Task RunAsync_AbortRowFailsAfterItsEvent_TheOtherChangesStartAndRecoveryCompletesTheAbort()
    {
        // The abort is terminal, so its event goes first (docs/journal.md): a store failure on the row leaves a Planned row whose
        // last event is the abort. The pass goes on starting its other changes, and recovery completes the abort, never starting it.
        var memory = new InMemoryJournal();
        var journal = new UnavailableJournal(memory, passesDown: false, updateFails: c => c.State == ChangeState.Aborted);
        await using var loop = await HostingLoop.StartAsync(journal: journal);
        var refusing = new RefusingHost(loop.Host, refuseFirst: 1);

        var scheduled = await loop.Scheduler.RunAsync(new PassRequest("nightly", loop.Policy, new Ports.InventoryScope(loop.Fleet.Subscriptions, [], [])), refusing, null, Ct);

        Assert.True(scheduled.Result.Plans.Count > 1);
        Assert.Equal(scheduled.Result.Plans.Count - 1, scheduled.Started.Count);
        var refused = Assert.Single(scheduled.NotStarted);
        var stranded = await memory.GetAsync(refused, Ct);
        Assert.Equal(ChangeState.Planned, stranded!.State);
        var events = await memory.ListEventsAsync(refused, Ct).ToListAsync(Ct);
        Assert.Equal((ChangeSteps.Abort, ChangeState.Aborted), (events[^1].Step, events[^1].State));

        await new RecoveryService(memory, memory, loop.Host, loop.Time, NullLogger<RecoveryService>.Instance).RecoverAsync(Ct);

        Assert.Equal(ChangeState.Aborted, (await memory.GetAsync(refused, Ct))!.State);
        Assert.False(loop.Runner.IsRunning(InstanceIds.ForChange(stranded.Resource.Id)));
    }

    /// <summary>Reports every instance as absent, and throws on the first <c>refuseFirst</c> starts.</summary>
    private sealed class RefusingHost(IWorkflowHost inner, int refuseFirst) : IWorkflowHost
    {
        private int _refused;

        public Task<WorkflowInstanceState?> GetStateAsync(string instanceId, CancellationToken cancellationToken = default) => inner.GetStateAsync(instanceId, cancellationToken);

        public Task StartAsync(string workflowName, string instanceId, object input, CancellationToken cancellationToken = default) =>
            _refused++ < refuseFirst ? throw new WorkflowAlreadyRunningException(instanceId, "instance exists") : inner.StartAsync(workflowName, instanceId, input, cancellationToken);

        public Task RaiseEventAsync(string instanceId, string eventName, object payload, CancellationToken cancellationToken = default) =>
            inner.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
    }
}
