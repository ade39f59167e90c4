using Optimize.Changes;
using Optimize.Engine;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;

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
