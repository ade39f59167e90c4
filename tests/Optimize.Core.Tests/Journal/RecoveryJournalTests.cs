using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Optimize.Changes;
using Optimize.Journal;
using Optimize.Tests.Workflow;
using Optimize.Tests.Workflow.Fakes;
using Optimize.Workflow.Activities;
using Optimize.Workflow.Hosting;
using Optimize.Workflow.Runner;

namespace Optimize.Tests.Journal;

/// <summary>What the journal and recovery guarantee across crashes: recover events are written once per stranded
/// state, and a terminal step whose row write was lost is completed from its event, never rolled back or lost.</summary>
public sealed class RecoveryJournalTests
{
    private static readonly DateTimeOffset Start = ChangeHost.Start;
    private readonly FakeTimeProvider _time = new(Start.AddHours(3));
    private readonly InMemoryJournal _journal = new();
    private readonly StrandedHost _host = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecoverAsync_SameStrandedStateSweptTwice_OneRecoverEventTwoStarts()
    {
        await _journal.CreateAsync(ChangeRecord.Planned(ChangeHost.Plan(), Start) with { State = ChangeState.RollingBack, StageIndex = 1, UpdatedAt = Start.AddHours(1) }, Ct);

        await RecoverAsync();
        _time.Advance(TimeSpan.FromMinutes(15));
        var second = Assert.Single(await RecoverAsync());

        var recovers = (await EventsAsync()).Where(e => e.Step == ChangeSteps.Recover).ToList();
        Assert.Single(recovers);
        Assert.Equal("recovered after a crash: a rollback was interrupted; rolling back again", recovers[0].Message);
        Assert.Equal(RecoveryKind.RollBack, second.Kind);
        Assert.Equal(2, _host.Starts.Count);
    }

    [Fact]
    public async Task RecoverAsync_StateMovedBetweenSweeps_NewRecoverEvent()
    {
        var created = await _journal.CreateAsync(ChangeRecord.Planned(ChangeHost.Plan(), Start) with { State = ChangeState.RollingBack, StageIndex = 1 }, Ct);
        await RecoverAsync();
        await _journal.UpdateAsync(created with { ETag = (await _journal.GetAsync("chg-1", Ct))!.ETag, StageIndex = 0 }, Ct);

        await RecoverAsync();

        Assert.Equal(2, (await EventsAsync()).Count(e => e.Step == ChangeSteps.Recover));
    }

    [Fact]
    public async Task RecordStepAsync_CrashAfterTerminalEventBeforeRow_RecoveryCompletesRowFromEvent()
    {
        var crashing = new RowWriteCrashes(_journal);
        var activities = new ChangeActivities(new FakeConfigurationClient(_time), new FakeMetricsReader(), crashing, _time, NullLogger<ChangeActivities>.Instance);
        await _journal.CreateAsync(ChangeRecord.Planned(ChangeHost.Plan(), Start) with { State = ChangeState.RollingBack, StageIndex = 1, UpdatedAt = Start.AddHours(1) }, Ct);
        var step = new JournalStepInput("chg-1", ChangeSteps.Rollback, 1, ChangeState.RolledBack, "restored P1v3 x4 and verified", Start.AddHours(2));

        await Assert.ThrowsAsync<IOException>(() => activities.RecordStepAsync(step, Ct));
        Assert.Equal(ChangeState.RollingBack, (await _journal.GetAsync("chg-1", Ct))!.State);
        var action = Assert.Single(await RecoverAsync());

        var row = (await _journal.GetAsync("chg-1", Ct))!;
        Assert.Equal((ChangeState.RolledBack, "restored P1v3 x4 and verified", Start.AddHours(2)), (row.State, row.Outcome, row.UpdatedAt));
        Assert.Equal(RecoveryKind.Skip, action.Kind);
        Assert.Contains("completed it as RolledBack", action.Message, StringComparison.Ordinal);
        Assert.Single(await EventsAsync(), e => e.State == ChangeState.RolledBack);
        Assert.Empty(_host.Starts);
        Assert.Empty(await RecoverAsync());
    }

    [Fact]
    public async Task RecordStepAsync_CrashAtTerminalEventWrite_RowStaysActiveForRecovery()
    {
        var crashing = new RowWriteCrashes(_journal) { CrashTerminalEvent = true };
        var activities = new ChangeActivities(new FakeConfigurationClient(_time), new FakeMetricsReader(), crashing, _time, NullLogger<ChangeActivities>.Instance);
        await _journal.CreateAsync(ChangeRecord.Planned(ChangeHost.Plan(), Start) with { State = ChangeState.RollingBack, StageIndex = 1, UpdatedAt = Start.AddHours(1) }, Ct);
        var step = new JournalStepInput("chg-1", ChangeSteps.Rollback, 1, ChangeState.RolledBack, "restored P1v3 x4 and verified", Start.AddHours(2));

        await Assert.ThrowsAsync<IOException>(() => activities.RecordStepAsync(step, Ct));

        // Before the fix the row said RolledBack with no rollback event, and nothing looked at it again.
        Assert.Equal(ChangeState.RollingBack, (await _journal.GetAsync("chg-1", Ct))!.State);
        Assert.Equal(RecoveryKind.RollBack, Assert.Single(await RecoverAsync()).Kind);
    }

    [Fact]
    public async Task RecoverAsync_RevertAfterAnOlderPromote_RollsBackNotRePromotes()
    {
        // An alert revert moved a promoted change back to RollingBack at 02:00 and crashed: its promote event (01:00) is history.
        await _journal.CreateAsync(ChangeRecord.Planned(ChangeHost.Plan(), Start) with { State = ChangeState.RollingBack, StageIndex = 1, UpdatedAt = Start.AddHours(2) }, Ct);
        await _journal.AppendAsync(new ChangeEvent("chg-1", 0, Start.AddHours(1), ChangeSteps.Promote, 1, "promoted", null, ChangeState.Promoted), Ct);

        var action = Assert.Single(await RecoverAsync());

        Assert.Equal(RecoveryKind.RollBack, action.Kind);
        Assert.Equal(ChangeState.RollingBack, (await _journal.GetAsync("chg-1", Ct))!.State);
        Assert.Single(_host.Starts);
    }

    [Fact]
    public async Task RecordStepAsync_CrashAtActiveEventWrite_RowAlreadyActiveAndRecovered()
    {
        var crashing = new RowWriteCrashes(_journal) { CrashActive = true };
        var activities = new ChangeActivities(new FakeConfigurationClient(_time), new FakeMetricsReader(), crashing, _time, NullLogger<ChangeActivities>.Instance);
        await _journal.CreateAsync(ChangeRecord.Planned(ChangeHost.Plan(), Start) with { State = ChangeState.Promoted, StageIndex = 1, UpdatedAt = Start.AddHours(1) }, Ct);
        var revert = new JournalStepInput("chg-1", ChangeSteps.Alert, 1, ChangeState.RollingBack, "alert: reverting", Start.AddHours(2));

        await Assert.ThrowsAsync<IOException>(() => activities.RecordStepAsync(revert, Ct));

        // An alert revert (Promoted → RollingBack) writes the row first: the change is active and recovery rolls it back.
        Assert.Equal(ChangeState.RollingBack, (await _journal.GetAsync("chg-1", Ct))!.State);
        Assert.Equal(RecoveryKind.RollBack, Assert.Single(await RecoverAsync()).Kind);
    }

    private Task<IReadOnlyList<RecoveryAction>> RecoverAsync() =>
        new RecoveryService(_journal, _journal, _host, _time, NullLogger<RecoveryService>.Instance).RecoverAsync(Ct);

    private async Task<List<ChangeEvent>> EventsAsync()
    {
        var list = new List<ChangeEvent>();
        await foreach (var e in _journal.ListEventsAsync("chg-1", Ct))
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>No instance runs anything: every change is stranded; starts are recorded.</summary>
    private sealed class StrandedHost : IWorkflowHost
    {
        public List<(string Name, string InstanceId)> Starts { get; } = [];

        public Task<WorkflowInstanceState?> GetStateAsync(string instanceId, CancellationToken cancellationToken = default) => Task.FromResult<WorkflowInstanceState?>(null);

        public Task StartAsync(string workflowName, string instanceId, object input, CancellationToken cancellationToken = default)
        {
            Starts.Add((workflowName, instanceId));
            return Task.CompletedTask;
        }

        public Task RaiseEventAsync(string instanceId, string eventName, object payload, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    /// <summary>The process dies on the row write of a terminal state; with <see cref="CrashActive"/>, on an active
    /// step's event; with <see cref="CrashTerminalEvent"/>, on a terminal step's event.</summary>
    private sealed class RowWriteCrashes(InMemoryJournal inner) : IChangeJournal, IJournalReader
    {
        public bool CrashActive { get; init; }

        public bool CrashTerminalEvent { get; init; }

        public Task<ChangeRecord> UpdateAsync(ChangeRecord change, CancellationToken cancellationToken = default) =>
            change.State.IsTerminal() && !CrashActive && !CrashTerminalEvent
                ? throw new IOException("process crashed at the row write")
                : inner.UpdateAsync(change, cancellationToken);

        public Task<ChangeEvent> AppendAsync(ChangeEvent changeEvent, CancellationToken cancellationToken = default) =>
            (CrashActive && changeEvent.State.IsActive()) || (CrashTerminalEvent && changeEvent.State.IsTerminal())
                ? throw new IOException("process crashed at the event write")
                : inner.AppendAsync(changeEvent, cancellationToken);

        public Task<ChangeRecord> CreateAsync(ChangeRecord change, CancellationToken cancellationToken = default) => inner.CreateAsync(change, cancellationToken);

        public Task<ChangeRecord?> GetAsync(string changeId, CancellationToken cancellationToken = default) => inner.GetAsync(changeId, cancellationToken);

        public IAsyncEnumerable<ChangeRecord> ListActiveAsync(CancellationToken cancellationToken = default) => inner.ListActiveAsync(cancellationToken);

        public Task<ChangeRecord?> GetLatestForResourceAsync(string resourceId, CancellationToken cancellationToken = default) => inner.GetLatestForResourceAsync(resourceId, cancellationToken);

        public IAsyncEnumerable<PassRecord> ListPassesAsync(HistoryQuery query, CancellationToken cancellationToken = default) => inner.ListPassesAsync(query, cancellationToken);

        public IAsyncEnumerable<DecisionRecord> ListDecisionsAsync(HistoryQuery query, CancellationToken cancellationToken = default) => inner.ListDecisionsAsync(query, cancellationToken);

        public IAsyncEnumerable<ChangeRecord> ListChangesAsync(HistoryQuery query, CancellationToken cancellationToken = default) => inner.ListChangesAsync(query, cancellationToken);

        public IAsyncEnumerable<ChangeEvent> ListEventsAsync(string changeId, CancellationToken cancellationToken = default) => inner.ListEventsAsync(changeId, cancellationToken);
    }
}
