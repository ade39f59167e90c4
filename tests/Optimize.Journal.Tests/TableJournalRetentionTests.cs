using Optimize.Changes;
using Optimize.Journal.Tests.Support;
using static Optimize.Journal.Tests.Support.JournalBuilders;
using static Optimize.Journal.Tests.TableJournalPassesTests;

namespace Optimize.Journal.Tests;

public sealed class TableJournalRetentionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PurgeAsync_OldAndRecentEntries_DeletesOldTerminalKeepsActiveAndRecent()
    {
        await using var t = await TestJournal.CreateAsync();
        var cutoff = T0.AddDays(30);
        await t.Journal.RecordPassAsync(Pass("pass-old", T0, "completed"), Ct);
        await t.Journal.RecordDecisionsAsync([Decision("pass-old", Vm("vm-1")), Decision("pass-old", Vm("vm-2"))], Ct);
        await t.Journal.RecordPassAsync(Pass("pass-new", cutoff.AddDays(1)), Ct);
        await t.Journal.RecordDecisionsAsync([Decision("pass-new", Vm("vm-1"))], Ct);

        var oldDone = await t.Journal.CreateAsync(Change("old-done", Vm("vm-1"), T0, "pass-old"), Ct);
        await t.Journal.UpdateAsync(oldDone with { State = ChangeState.RolledBack, UpdatedAt = T0.AddHours(2) }, Ct);
        await t.Journal.AppendAsync(Event("old-done", ChangeSteps.Apply), Ct);
        await t.Journal.AppendAsync(Event("old-done", ChangeSteps.Rollback), Ct);
        await t.Journal.CreateAsync(Change("old-active", Vm("vm-2"), T0, "pass-old"), Ct);
        await t.Journal.AppendAsync(Event("old-active"), Ct);
        var recentDone = await t.Journal.CreateAsync(Change("recent-done", Vm("vm-3"), cutoff.AddDays(1), "pass-new"), Ct);
        await t.Journal.UpdateAsync(recentDone with { State = ChangeState.Promoted }, Ct);

        var deleted = await t.Journal.PurgeAsync(cutoff, Ct);

        // pass row 1 + decisions 2 + change main row 1 + id, pass and day pointers 3 (its active pointer went when it
        // rolled back) + events 2 + events head row 1 = 10.
        Assert.Equal(10, deleted);
        Assert.Equal(["pass-new"], (await Collect(t.Journal.ListPassesAsync(new HistoryQuery(), Ct))).Select(p => p.PassId));
        Assert.Empty(await Collect(t.Journal.ListDecisionsAsync(new HistoryQuery(PassId: "pass-old"), Ct)));
        Assert.Single(await Collect(t.Journal.ListDecisionsAsync(new HistoryQuery(PassId: "pass-new"), Ct)));
        Assert.Null(await t.Journal.GetAsync("old-done", Ct));
        Assert.Empty(await Collect(t.Journal.ListEventsAsync("old-done", Ct)));
        Assert.NotNull(await t.Journal.GetAsync("old-active", Ct));
        Assert.Single(await Collect(t.Journal.ListEventsAsync("old-active", Ct)));
        Assert.Equal(["old-active"], await TableJournalChangesTests.Ids(t.Journal.ListActiveAsync(Ct)));
        Assert.Equal(["recent-done", "old-active"], await TableJournalChangesTests.Ids(t.Journal.ListChangesAsync(new HistoryQuery(), Ct)));
    }

    [Fact]
    public async Task PurgeAsync_NothingOld_DeletesNothing()
    {
        await using var t = await TestJournal.CreateAsync();
        await t.Journal.RecordPassAsync(Pass("pass-1", T0), Ct);

        Assert.Equal(0, await t.Journal.PurgeAsync(T0, Ct));
        Assert.Single(await Collect(t.Journal.ListPassesAsync(new HistoryQuery(), Ct)));
    }
}
