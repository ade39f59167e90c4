using Optimize.Changes;
using Optimize.Guards;
using Optimize.Journal;
using Optimize.Model;
using Optimize.Tests.Workflow;

namespace Optimize.Tests.Journal;

public sealed class InMemoryJournalTests
{
    private static readonly DateTimeOffset T0 = ChangeHost.Start;
    private readonly InMemoryJournal _journal = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_New_StoresWithAnETag()
    {
        var stored = await _journal.CreateAsync(Record("c1"), Ct);

        Assert.NotNull(stored.ETag);
        Assert.Equal(stored, await _journal.GetAsync("c1", Ct));
    }

    [Fact]
    public async Task CreateAsync_Duplicate_Conflict()
    {
        await _journal.CreateAsync(Record("c1"), Ct);

        await Assert.ThrowsAsync<JournalConflictException>(() => _journal.CreateAsync(Record("c1"), Ct));
    }

    [Fact]
    public async Task UpdateAsync_CurrentETag_NewETag_StaleETag_Conflict()
    {
        var v1 = await _journal.CreateAsync(Record("c1"), Ct);
        var v2 = await _journal.UpdateAsync(v1 with { State = ChangeState.Applying }, Ct);

        Assert.NotEqual(v1.ETag, v2.ETag);
        await Assert.ThrowsAsync<JournalConflictException>(() => _journal.UpdateAsync(v1 with { State = ChangeState.Aborted }, Ct));
        Assert.Equal(ChangeState.Applying, (await _journal.GetAsync("c1", Ct))!.State);
    }

    [Fact]
    public async Task UpdateAsync_Missing_ConflictAndNoETag_Throws()
    {
        await Assert.ThrowsAsync<JournalConflictException>(() => _journal.UpdateAsync(Record("c9") with { ETag = "W/\"1\"" }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => _journal.UpdateAsync(Record("c9"), Ct));
    }

    [Fact]
    public async Task AppendAsync_ConcurrentAppends_SequenceStrictlyIncreasingWithoutGaps()
    {
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => _journal.AppendAsync(Event("c1", i), Ct)));
        await _journal.AppendAsync(Event("c2", 0), Ct);

        var events = await ToListAsync(_journal.ListEventsAsync("c1", Ct));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(1, Assert.Single(await ToListAsync(_journal.ListEventsAsync("c2", Ct))).Sequence);
    }

    [Fact]
    public async Task ListActiveAsync_OnlyNonTerminal()
    {
        await _journal.CreateAsync(Record("c1"), Ct);
        await _journal.CreateAsync(Record("c2") with { State = ChangeState.Observing }, Ct);
        await _journal.CreateAsync(Record("c3") with { State = ChangeState.Promoted }, Ct);

        var active = await ToListAsync(_journal.ListActiveAsync(Ct));

        Assert.Equal(["c2", "c1"], active.Select(c => c.ChangeId).Order().Reverse());
    }

    [Fact]
    public async Task ListChangesAsync_ByResourceNewestFirstWithLimit()
    {
        await _journal.CreateAsync(Record("c1", at: T0), Ct);
        await _journal.CreateAsync(Record("c2", at: T0.AddHours(1)), Ct);
        await _journal.CreateAsync(Record("c3", at: T0.AddHours(2), resource: "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/serverfarms/other"), Ct);

        var changes = await ToListAsync(_journal.ListChangesAsync(new HistoryQuery(ResourceId: ChangeHost.ResourceId.ToUpperInvariant(), Limit: 5), Ct));
        var limited = await ToListAsync(_journal.ListChangesAsync(new HistoryQuery(Limit: 1), Ct));

        Assert.Equal(["c2", "c1"], changes.Select(c => c.ChangeId));
        Assert.Equal("c3", Assert.Single(limited).ChangeId);
        Assert.Equal("c2", (await _journal.GetLatestForResourceAsync(ChangeHost.ResourceId, Ct))!.ChangeId);
    }

    [Fact]
    public async Task ListPassesAndDecisions_NewestFirstAndByResource()
    {
        await _journal.RecordPassAsync(Pass("p1", T0), Ct);
        await _journal.RecordPassAsync(Pass("p2", T0.AddDays(1)), Ct);
        await _journal.RecordDecisionsAsync([Decision("p1", ChangeHost.ResourceId), Decision("p2", "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/serverfarms/b")], Ct);

        Assert.Equal(["p2", "p1"], (await ToListAsync(_journal.ListPassesAsync(new HistoryQuery(), Ct))).Select(p => p.PassId));
        Assert.Equal(["p1"], (await ToListAsync(_journal.ListPassesAsync(new HistoryQuery(ResourceId: ChangeHost.ResourceId), Ct))).Select(p => p.PassId));
        Assert.Equal(["p2"], (await ToListAsync(_journal.ListDecisionsAsync(new HistoryQuery(Since: T0.AddHours(1)), Ct))).Select(d => d.PassId));
    }

    [Fact]
    public async Task PurgeAsync_DeletesOldTerminalOnly_NeverActive()
    {
        await _journal.RecordPassAsync(Pass("p1", T0), Ct);
        await _journal.RecordDecisionsAsync([Decision("p1", ChangeHost.ResourceId)], Ct);
        await _journal.CreateAsync(Record("old-done", at: T0) with { State = ChangeState.RolledBack }, Ct);
        await _journal.AppendAsync(Event("old-done", 0), Ct);
        await _journal.CreateAsync(Record("old-active", at: T0) with { State = ChangeState.Observing }, Ct);
        await _journal.CreateAsync(Record("new-done", at: T0.AddDays(30)) with { State = ChangeState.Promoted }, Ct);

        var deleted = await _journal.PurgeAsync(T0.AddDays(10), Ct);

        // pass + decision + change + its event
        Assert.Equal(4, deleted);
        Assert.Null(await _journal.GetAsync("old-done", Ct));
        Assert.NotNull(await _journal.GetAsync("old-active", Ct));
        Assert.NotNull(await _journal.GetAsync("new-done", Ct));
        Assert.Empty(await ToListAsync(_journal.ListPassesAsync(new HistoryQuery(), Ct)));
    }

    private static ChangeRecord Record(string id, DateTimeOffset? at = null, string? resource = null)
    {
        var plan = ChangeHost.Plan(id) with { Resource = new ResourceRef(resource ?? ChangeHost.ResourceId, ResourceKind.AppServicePlan, "westeurope") };
        var t = at ?? T0;
        return ChangeRecord.Planned(plan, t) with { UpdatedAt = t };
    }

    private static ChangeEvent Event(string id, int i) => new(id, 0, T0.AddMinutes(i), ChangeSteps.Assess, 0, $"check {i}", VerdictKind.Successful, ChangeState.Observing);

    private static PassRecord Pass(string id, DateTimeOffset at) => new(id, "nightly", at, at.AddMinutes(5), "completed", 10, 2, 1, 3, 120m, "USD");

    private static DecisionRecord Decision(string pass, string resource) =>
        new(pass, resource, ResourceKind.AppServicePlan, DecisionOutcome.Skipped, "right-sized", "fine", null, null, 0m, []);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
