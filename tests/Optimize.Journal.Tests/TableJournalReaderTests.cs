using Optimize.Changes;
using Optimize.Journal.Tests.Support;
using static Optimize.Journal.Tests.Support.JournalBuilders;
using static Optimize.Journal.Tests.TableJournalPassesTests;

namespace Optimize.Journal.Tests;

public sealed class TableJournalReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListChangesAsync_ByResource_NewestFirstOnlyThatResource()
    {
        await using var t = await TestJournal.CreateAsync();
        await t.Journal.CreateAsync(Change("c1", Vm("vm-1"), T0), Ct);
        await t.Journal.CreateAsync(Change("c3", Vm("vm-1"), T0.AddDays(2)), Ct);
        await t.Journal.CreateAsync(Change("c2", Vm("vm-1"), T0.AddDays(1)), Ct);
        await t.Journal.CreateAsync(Change("x", Vm("vm-2"), T0.AddDays(1)), Ct);

        Assert.Equal(["c3", "c2", "c1"], await Ids(new HistoryQuery(ResourceId: Vm("vm-1")), t));
        Assert.Equal(["c3", "c2"], await Ids(new HistoryQuery(ResourceId: Vm("vm-1"), Since: T0.AddDays(1)), t));
        Assert.Equal(["c3"], await Ids(new HistoryQuery(ResourceId: Vm("vm-1"), Limit: 1), t));
    }

    [Fact]
    public async Task ListChangesAsync_ByPass_OnlyThatPassNewestFirst()
    {
        await using var t = await TestJournal.CreateAsync();
        await t.Journal.CreateAsync(Change("a1", Vm("vm-1"), T0, passId: "pass-a"), Ct);
        await t.Journal.CreateAsync(Change("a2", Vm("vm-2"), T0.AddMinutes(1), passId: "pass-a"), Ct);
        await t.Journal.CreateAsync(Change("b1", Vm("vm-3"), T0.AddMinutes(2), passId: "pass-b"), Ct);

        Assert.Equal(["a2", "a1"], await Ids(new HistoryQuery(PassId: "pass-a"), t));
    }

    [Fact]
    public async Task ListChangesAsync_SinceAcrossDays_DayIndexNewestFirst()
    {
        await using var t = await TestJournal.CreateAsync();
        await t.Journal.CreateAsync(Change("day0-early", Vm("vm-1"), T0), Ct);
        await t.Journal.CreateAsync(Change("day0-late", Vm("vm-2"), T0.AddHours(10)), Ct);
        await t.Journal.CreateAsync(Change("day1", Vm("vm-3"), T0.AddDays(1)), Ct);
        await t.Journal.CreateAsync(Change("day5", Vm("vm-4"), T0.AddDays(5)), Ct);

        Assert.Equal(["day5", "day1", "day0-late", "day0-early"], await Ids(new HistoryQuery(), t));
        Assert.Equal(["day5", "day1", "day0-late"], await Ids(new HistoryQuery(Since: T0.AddHours(1)), t));
        Assert.Equal(["day5", "day1"], await Ids(new HistoryQuery(Since: T0.AddHours(1), Limit: 2), t));
    }

    [Fact]
    public async Task ListPassesAsync_Since_NewestFirstAndById()
    {
        await using var t = await TestJournal.CreateAsync();
        foreach (var day in new[] { 0, 2, 1 })
        {
            await t.Journal.RecordPassAsync(Pass($"pass-{day}", T0.AddDays(day)), Ct);
        }

        var all = await Collect(t.Journal.ListPassesAsync(new HistoryQuery(), Ct));
        var recent = await Collect(t.Journal.ListPassesAsync(new HistoryQuery(Since: T0.AddDays(1)), Ct));
        var one = await Collect(t.Journal.ListPassesAsync(new HistoryQuery(PassId: "pass-1"), Ct));

        Assert.Equal(["pass-2", "pass-1", "pass-0"], all.Select(p => p.PassId));
        Assert.Equal(["pass-2", "pass-1"], recent.Select(p => p.PassId));
        Assert.Equal("pass-1", Assert.Single(one).PassId);
    }

    [Fact]
    public async Task ListDecisionsAsync_ByResource_OneDecisionPerPassNewestPassFirst()
    {
        await using var t = await TestJournal.CreateAsync();
        foreach (var day in new[] { 0, 1, 2 })
        {
            await t.Journal.RecordPassAsync(Pass($"pass-{day}", T0.AddDays(day)), Ct);
            await t.Journal.RecordDecisionsAsync([Decision($"pass-{day}", Vm("vm-1")), Decision($"pass-{day}", Vm("vm-2"))], Ct);
        }

        var history = await Collect(t.Journal.ListDecisionsAsync(new HistoryQuery(ResourceId: Vm("vm-1")), Ct));
        var recent = await Collect(t.Journal.ListDecisionsAsync(new HistoryQuery(ResourceId: Vm("vm-1"), Since: T0.AddDays(1)), Ct));
        var newest = await Collect(t.Journal.ListDecisionsAsync(new HistoryQuery(Limit: 3), Ct));

        Assert.Equal(["pass-2", "pass-1", "pass-0"], history.Select(d => d.PassId));
        Assert.All(history, d => Assert.Equal(Vm("vm-1"), d.ResourceId));
        Assert.Equal(["pass-2", "pass-1"], recent.Select(d => d.PassId));
        Assert.Equal(["pass-2", "pass-2", "pass-1"], newest.Select(d => d.PassId));
    }

    private static async Task<List<string>> Ids(HistoryQuery query, TestJournal t) =>
        await TableJournalChangesTests.Ids(t.Journal.ListChangesAsync(query, Ct));
}
