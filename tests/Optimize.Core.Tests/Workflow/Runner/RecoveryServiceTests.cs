using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Optimize.Changes;
using Optimize.Journal;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Tests.Workflow.Fakes;
using Optimize.Workflow.Hosting;
using Optimize.Workflow.Runner;

namespace Optimize.Tests.Workflow.Runner;

/// <summary>A runner stopped in the middle of a change, dropped, and a new one built over the same journal and the same
/// resource state: recovery finishes the change safely and journals what it did.</summary>
public sealed class RecoveryServiceTests
{
    private static readonly DateTimeOffset Start = ChangeHost.Start;
    private static readonly AppServicePlanConfig Three = new("P1v3", 3);
    private static readonly AppServicePlanConfig Two = new("P1v3", 2);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryJournal _journal = new();
    private readonly FakeConfigurationClient _config;
    private readonly FakeMetricsReader _metrics = new() { Scripts = { [MetricNames.LatencyMs] = _ => 100, [MetricNames.Cpu] = _ => 50 } };

    public RecoveryServiceTests()
    {
        _config = new FakeConfigurationClient(_time);
        _config.Set(ChangeHost.ResourceId, ChangeHost.Baseline);
    }

    [Fact]
    public async Task RecoverAsync_CrashMidObservation_ResumesTheWindowAndPromotes()
    {
        await CrashAsync(until: Start.AddHours(1));
        Assert.Equal(ChangeState.Observing, (await _journal.GetAsync("chg-1", Ct))!.State);

        using var host = NewHost();
        var action = Assert.Single(await RecoverAsync(host));
        await host.RunAsync();

        Assert.Equal(RecoveryKind.ResumeObserve, action.Kind);
        Assert.Equal(ChangeState.Observing, action.Found);
        var outcome = host.Outcome();
        Assert.Equal(ChangeState.Promoted, outcome.State);
        Assert.Equal(2, outcome.StagesCompleted);
        Assert.Equal(Two, _config.Current(ChangeHost.ResourceId));
        var events = await host.EventsAsync();
        var recover = Assert.Single(events, e => e.Step == ChangeSteps.Recover);
        Assert.StartsWith("recovered after a crash: stage 1 applied at 2026-01-05 00:00Z; resuming its observation until 2026-01-05 02:10Z", recover.Message, StringComparison.Ordinal);

        // Stage 1 kept its original window (applied at 00:00, settled 00:10, observed until 02:10): stage 2 applied then.
        var stage2 = events.First(e => e.Step == ChangeSteps.Apply && e.StageIndex == 1);
        Assert.Equal(Start.AddMinutes(130), stage2.At);
        Assert.Equal(1, _config.Applies.Count(a => a == Three));
    }

    [Fact]
    public async Task RecoverAsync_DownPastTheWindow_RollsBackRatherThanPromotingUnverified()
    {
        await CrashAsync(until: Start.AddHours(1));
        _time.Advance(TimeSpan.FromHours(5));

        using var host = NewHost();
        var action = Assert.Single(await RecoverAsync(host));
        await host.RunAsync();

        Assert.Equal(RecoveryKind.RollBack, action.Kind);
        var outcome = host.Outcome();
        Assert.Equal(ChangeState.RolledBack, outcome.State);
        Assert.Contains("ended at 2026-01-05 02:10Z while Optimize was down", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(ChangeHost.Baseline, _config.Current(ChangeHost.ResourceId));
        Assert.Equal(ChangeState.RolledBack, (await _journal.GetAsync("chg-1", Ct))!.State);
    }

    [Fact]
    public async Task RecoverAsync_CrashWhileAwaitingApproval_WaitsForApprovalAgain()
    {
        await CrashAsync(until: Start.AddHours(1), approval: true);

        using var host = NewHost();
        var action = Assert.Single(await RecoverAsync(host));
        await host.RunAsync(until: _time.GetUtcNow().AddHours(1));

        Assert.Equal(RecoveryKind.Restart, action.Kind);
        Assert.Equal(ChangeState.AwaitingApproval, (await _journal.GetAsync("chg-1", Ct))!.State);
        await host.Runner.RaiseEventAsync(ChangeHost.InstanceId, Optimize.Workflow.WorkflowEvents.Approval, new ApprovalDecision(true, "alice"));
        await host.RunAsync();
        Assert.Equal(ChangeState.Promoted, host.Outcome().State);
    }

    [Fact]
    public async Task RecoverAsync_CrashMidApply_AppliesAgainAndObservesInFull()
    {
        var plan = ChangeHost.Plan();
        await _journal.CreateAsync(ChangeRecord.Planned(plan, Start) with { State = ChangeState.Applying, StageIndex = 0, Captured = ChangeHost.Baseline }, Ct);
        await _journal.AppendAsync(new ChangeEvent("chg-1", 0, Start, ChangeSteps.Apply, 0, "applying stage 1/2", null, ChangeState.Applying), Ct);
        _config.Set(ChangeHost.ResourceId, Three);

        using var host = NewHost();
        var action = Assert.Single(await RecoverAsync(host));
        await host.RunAsync();

        Assert.Equal(RecoveryKind.Reapply, action.Kind);
        Assert.Equal(ChangeState.Promoted, host.Outcome().State);
        Assert.Equal([Three, Two], _config.Applies);
    }

    [Fact]
    public async Task RecoverAsync_CrashMidRollback_RollsBackAgainAndVerifies()
    {
        var plan = ChangeHost.Plan();
        await _journal.CreateAsync(ChangeRecord.Planned(plan, Start) with { State = ChangeState.RollingBack, StageIndex = 1, Captured = ChangeHost.Baseline }, Ct);
        _config.Set(ChangeHost.ResourceId, Two);

        using var host = NewHost();
        var action = Assert.Single(await RecoverAsync(host));
        await host.RunAsync();

        Assert.Equal(RecoveryKind.RollBack, action.Kind);
        Assert.Equal(ChangeState.RolledBack, host.Outcome().State);
        Assert.Equal(ChangeHost.Baseline, _config.Current(ChangeHost.ResourceId));
        Assert.Contains(await host.EventsAsync(), e => e.Step == ChangeSteps.Recover && e.Message.Contains("rollback was interrupted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecoverAsync_TerminalChanges_LeftAlone()
    {
        await _journal.CreateAsync(ChangeRecord.Planned(ChangeHost.Plan(), Start) with { State = ChangeState.Promoted }, Ct);

        using var host = NewHost();

        Assert.Empty(await RecoverAsync(host));
    }

    private async Task CrashAsync(DateTimeOffset until, bool approval = false)
    {
        var first = NewHost();
        await first.StartAsync(ChangeHost.Plan(approval: approval));
        await first.RunAsync(until);
        Assert.Equal(WorkflowRuntimeStatus.Running, first.Runner.GetStatus(ChangeHost.InstanceId)!.RuntimeStatus);
        first.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ChangeHost NewHost() => new(_time, _journal, _config, _metrics);

    private Task<IReadOnlyList<RecoveryAction>> RecoverAsync(ChangeHost host) =>
        new RecoveryService(_journal, _journal, new RunnerWorkflowHost(host.Runner), _time, NullLogger<RecoveryService>.Instance).RecoverAsync(TestContext.Current.CancellationToken);
}
