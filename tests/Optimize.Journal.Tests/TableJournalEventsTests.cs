using Optimize.Changes;
using Optimize.Journal.Tests.Support;
using static Optimize.Journal.Tests.Support.JournalBuilders;

namespace Optimize.Journal.Tests;

public sealed class TableJournalEventsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppendAsync_Sequential_AssignsOneTwoThreeAndListsInOrder()
    {
        await using var t = await TestJournal.CreateAsync();

        var first = await t.Journal.AppendAsync(Event("chg-1", ChangeSteps.Capture), Ct);
        var second = await t.Journal.AppendAsync(Event("chg-1", ChangeSteps.Apply), Ct);
        var third = await t.Journal.AppendAsync(Event("chg-1", ChangeSteps.Assess), Ct);
        var listed = await List(t, "chg-1");

        Assert.Equal([1L, 2L, 3L], new[] { first.Sequence, second.Sequence, third.Sequence });
        Assert.Equal([ChangeSteps.Capture, ChangeSteps.Apply, ChangeSteps.Assess], listed.Select(e => e.Step));
        Assert.Equal(third, listed[2]);
    }

    [Fact]
    public async Task AppendAsync_24ParallelAppenders_SequencesOneTo24WithoutGapsOrDuplicates()
    {
        await using var t = await TestJournal.CreateAsync();

        var appends = Enumerable.Range(0, 24)
            .Select(i => Task.Run(() => t.Journal.AppendAsync(Event("chg-par") with { Message = $"writer {i}" }, Ct), Ct))
            .ToArray();
        var stored = await Task.WhenAll(appends);
        var listed = await List(t, "chg-par");

        Assert.Equal(Enumerable.Range(1, 24).Select(i => (long)i), stored.Select(e => e.Sequence).Order());
        Assert.Equal(Enumerable.Range(1, 24).Select(i => (long)i), listed.Select(e => e.Sequence));
        Assert.Equal(stored.Select(e => e.Message).Order(), listed.Select(e => e.Message).Order());
        Assert.All(stored, s => Assert.Equal(s.Message, listed[(int)s.Sequence - 1].Message));
    }

    [Fact]
    public async Task AppendAsync_TwoChanges_IndependentSequences()
    {
        await using var t = await TestJournal.CreateAsync();

        await t.Journal.AppendAsync(Event("chg-x"), Ct);
        await t.Journal.AppendAsync(Event("chg-x"), Ct);
        var y = await t.Journal.AppendAsync(Event("chg-y"), Ct);

        Assert.Equal(1, y.Sequence);
        Assert.Single(await List(t, "chg-y"));
        Assert.Empty(await List(t, "chg-none"));
    }

    private static async Task<List<ChangeEvent>> List(TestJournal t, string changeId)
    {
        var list = new List<ChangeEvent>();
        await foreach (var e in t.Journal.ListEventsAsync(changeId, Ct))
        {
            list.Add(e);
        }

        return list;
    }
}
