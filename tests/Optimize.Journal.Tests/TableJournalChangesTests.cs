using Optimize.Changes;
using Optimize.Journal.Tables.Entities;
using Optimize.Journal.Tests.Support;
using static Optimize.Journal.Tests.Support.JournalBuilders;

namespace Optimize.Journal.Tests;

public sealed class TableJournalChangesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_ThenGet_RoundTripsPlanWithETag()
    {
        await using var t = await TestJournal.CreateAsync();
        var change = Change("chg-rt", Vm("vm-1"), T0);

        var created = await t.Journal.CreateAsync(change, Ct);
        var read = await t.Journal.GetAsync("chg-rt", Ct);

        Assert.NotNull(created.ETag);
        Assert.NotNull(read);
        Assert.Equal(created.ETag, read.ETag);
        Assert.Equal(JournalJson.Write(change.Plan), JournalJson.Write(read.Plan));
        Assert.Equal((ChangeState.Planned, -1, T0, "planned"), (read.State, read.StageIndex, read.CreatedAt, read.Outcome));
    }

    [Fact]
    public async Task UpdateAsync_CurrentETag_StoresAndReturnsNewETag()
    {
        await using var t = await TestJournal.CreateAsync();
        var created = await t.Journal.CreateAsync(Change("chg-up", Vm("vm-1"), T0), Ct);

        var updated = await t.Journal.UpdateAsync(created with { State = ChangeState.Applying, StageIndex = 0, Captured = created.Plan.Baseline, UpdatedAt = T0.AddMinutes(1) }, Ct);
        var read = await t.Journal.GetAsync("chg-up", Ct);

        Assert.NotEqual(created.ETag, updated.ETag);
        Assert.Equal(updated.ETag, read!.ETag);
        Assert.Equal((ChangeState.Applying, 0, created.Plan.Baseline), (read.State, read.StageIndex, read.Captured));
    }

    [Fact]
    public async Task UpdateAsync_StaleETag_ThrowsConflict()
    {
        await using var t = await TestJournal.CreateAsync();
        var created = await t.Journal.CreateAsync(Change("chg-stale", Vm("vm-1"), T0), Ct);
        await t.Journal.UpdateAsync(created with { State = ChangeState.Applying }, Ct);

        await Assert.ThrowsAsync<JournalConflictException>(() => t.Journal.UpdateAsync(created with { State = ChangeState.Aborted }, Ct));
        Assert.Equal(ChangeState.Applying, (await t.Journal.GetAsync("chg-stale", Ct))!.State);
    }

    [Fact]
    public async Task UpdateAsync_TwoConcurrentWriters_ExactlyOneWinsAndLoserSucceedsAfterReread()
    {
        await using var t = await TestJournal.CreateAsync();
        var created = await t.Journal.CreateAsync(Change("chg-race", Vm("vm-1"), T0), Ct);

        var writers = new[] { "writer-a", "writer-b", "writer-c", "writer-d" }
            .Select(w => Task.Run(async () =>
            {
                try
                {
                    await t.Journal.UpdateAsync(created with { State = ChangeState.Applying, Outcome = w }, Ct);
                    return (w, Won: true);
                }
                catch (JournalConflictException)
                {
                    return (w, Won: false);
                }
            }, Ct))
            .ToArray();
        var results = await Task.WhenAll(writers);

        var winner = Assert.Single(results, r => r.Won);
        Assert.Equal(winner.w, (await t.Journal.GetAsync("chg-race", Ct))!.Outcome);

        var loser = results.First(r => !r.Won);
        var reread = (await t.Journal.GetAsync("chg-race", Ct))!;
        var after = await t.Journal.UpdateAsync(reread with { State = ChangeState.Observing, Outcome = loser.w + " after re-read" }, Ct);
        Assert.Equal(loser.w + " after re-read", (await t.Journal.GetAsync("chg-race", Ct))!.Outcome);
        Assert.Equal(after.ETag, (await t.Journal.GetAsync("chg-race", Ct))!.ETag);
    }

    [Fact]
    public async Task CreateAsync_SameIdTwice_ThrowsConflictAndKeepsFirst()
    {
        await using var t = await TestJournal.CreateAsync();
        await t.Journal.CreateAsync(Change("chg-dup", Vm("vm-1"), T0), Ct);

        await Assert.ThrowsAsync<JournalConflictException>(() => t.Journal.CreateAsync(Change("chg-dup", Vm("vm-2"), T0.AddHours(1)), Ct));
        Assert.Equal(Vm("vm-1"), (await t.Journal.GetAsync("chg-dup", Ct))!.Resource.Id);
        Assert.Null(await t.Journal.GetLatestForResourceAsync(Vm("vm-2"), Ct));
    }

    [Fact]
    public async Task CreateAsync_SameIdInParallel_ExactlyOneCreated()
    {
        await using var t = await TestJournal.CreateAsync();

        var creates = Enumerable.Range(0, 6)
            .Select(i => Task.Run(async () =>
            {
                try
                {
                    await t.Journal.CreateAsync(Change("chg-par", Vm($"vm-{i}"), T0.AddMinutes(i)), Ct);
                    return true;
                }
                catch (JournalConflictException)
                {
                    return false;
                }
            }, Ct))
            .ToArray();
        var won = await Task.WhenAll(creates);

        Assert.Single(won, w => w);
        var stored = (await t.Journal.GetAsync("chg-par", Ct))!;
        Assert.Equal(Vm($"vm-{Array.IndexOf(won, true)}"), stored.Resource.Id);
        Assert.Equal(["chg-par"], await Ids(t.Journal.ListChangesAsync(new HistoryQuery(), Ct)));
    }

    [Fact]
    public async Task UpdateAsync_WithoutETag_ThrowsArgumentException()
    {
        await using var t = await TestJournal.CreateAsync();
        var change = Change("chg-noetag", Vm("vm-1"), T0);
        await t.Journal.CreateAsync(change, Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => t.Journal.UpdateAsync(change, Ct));
    }

    [Fact]
    public async Task UpdateAsync_NeverCreated_ThrowsConflict()
    {
        await using var t = await TestJournal.CreateAsync();

        await Assert.ThrowsAsync<JournalConflictException>(() => t.Journal.UpdateAsync(Change("chg-ghost", Vm("vm-1"), T0) with { ETag = "W/\"datetime'2026-11-20T09%3A30%3A00Z'\"" }, Ct));
    }

    [Fact]
    public async Task ListActiveAsync_TerminalUpdate_RemovesChangeFromActive()
    {
        await using var t = await TestJournal.CreateAsync();
        var a = await t.Journal.CreateAsync(Change("chg-a", Vm("vm-a"), T0), Ct);
        await t.Journal.CreateAsync(Change("chg-b", Vm("vm-b"), T0.AddMinutes(1)), Ct);

        Assert.Equal(["chg-b", "chg-a"], await Ids(t.Journal.ListActiveAsync(Ct)));
        await t.Journal.UpdateAsync(a with { State = ChangeState.Promoted, Outcome = "promoted" }, Ct);

        Assert.Equal(["chg-b"], await Ids(t.Journal.ListActiveAsync(Ct)));
    }

    [Fact]
    public async Task GetLatestForResourceAsync_SeveralChanges_ReturnsNewestOfThatResource()
    {
        await using var t = await TestJournal.CreateAsync();
        await t.Journal.CreateAsync(Change("chg-old", Vm("vm-1"), T0), Ct);
        await t.Journal.CreateAsync(Change("chg-new", Vm("vm-1"), T0.AddDays(2)), Ct);
        await t.Journal.CreateAsync(Change("chg-mid", Vm("vm-1"), T0.AddDays(1)), Ct);
        await t.Journal.CreateAsync(Change("chg-other", Vm("vm-2"), T0.AddDays(3)), Ct);

        Assert.Equal("chg-new", (await t.Journal.GetLatestForResourceAsync(Vm("VM-1").Replace("/virtualMachines/", "/VIRTUALMACHINES/", StringComparison.Ordinal), Ct))!.ChangeId);
        Assert.Null(await t.Journal.GetLatestForResourceAsync(Vm("vm-none"), Ct));
        Assert.Null(await t.Journal.GetAsync("chg-none", Ct));
    }

    internal static async Task<List<string>> Ids(IAsyncEnumerable<ChangeRecord> source)
    {
        var ids = new List<string>();
        await foreach (var c in source)
        {
            ids.Add(c.ChangeId);
        }

        return ids;
    }
}
