using Azure.Data.Tables;
using Optimize.Journal.Tables;
using Optimize.Journal.Tests.Support;
using static Optimize.Journal.Tests.Support.JournalBuilders;

namespace Optimize.Journal.Tests;

public sealed class TableJournalPassesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordPassAsync_AtStartAndEnd_OneRowWithFinalState()
    {
        await using var t = await TestJournal.CreateAsync();
        await t.Journal.RecordPassAsync(Pass("pass-1", T0), Ct);

        await t.Journal.RecordPassAsync(Pass("pass-1", T0, "completed"), Ct);
        var passes = await Collect(t.Journal.ListPassesAsync(new HistoryQuery(), Ct));

        var pass = Assert.Single(passes);
        Assert.Equal(Pass("pass-1", T0, "completed"), pass);
    }

    [Fact]
    public void PlanDecisionBatches_250Decisions_ThreeTransactionsOf100100And50()
    {
        var decisions = Enumerable.Range(0, 250).Select(i => Decision("pass-big", Vm($"vm-{i:D3}"))).ToList();

        var batches = TableJournal.PlanDecisionBatches(decisions);

        Assert.Equal([100, 100, 50], batches.Select(b => b.Count));
        Assert.All(batches, b => Assert.Single(b.Select(e => e.PartitionKey).Distinct()));
    }

    [Fact]
    public async Task RecordDecisionsAsync_250Decisions_AllReadBackByPass()
    {
        await using var t = await TestJournal.CreateAsync();
        var decisions = Enumerable.Range(0, 250).Select(i => Decision("pass-big", Vm($"vm-{i:D3}"))).ToList();

        await t.Journal.RecordDecisionsAsync(decisions, Ct);
        var read = await Collect(t.Journal.ListDecisionsAsync(new HistoryQuery(PassId: "pass-big", Limit: 1000), Ct));

        Assert.Equal(250, read.Count);
        Assert.Equal(decisions.Select(d => d.ResourceId).Order(StringComparer.Ordinal), read.Select(d => d.ResourceId).Order(StringComparer.Ordinal));
        Assert.Equal(decisions[17].Evidence, read.Single(d => d.ResourceId == decisions[17].ResourceId).Evidence);
    }

    [Fact]
    public async Task RecordDecisionsAsync_HugeEvidence_StoredInNumberedPartsAndRejoinedWhole()
    {
        await using var t = await TestJournal.CreateAsync();
        var huge = Decision("pass-huge", Vm("vm-huge"), evidenceItems: 8000); // ≈ 170,000 JSON characters → 6 parts

        await t.Journal.RecordDecisionsAsync([huge, Decision("pass-huge", Vm("vm-small"))], Ct);
        var read = Assert.Single(await Collect(t.Journal.ListDecisionsAsync(new HistoryQuery(ResourceId: Vm("vm-huge"), PassId: "pass-huge"), Ct)));
        var raw = (await RawDecisions(t)).Single(e => e.GetString("ResourceId") == Vm("vm-huge"));

        Assert.Equal(8000, read.Evidence.Count);
        Assert.Equal(huge.Evidence, read.Evidence);
        Assert.True(raw.GetInt32("Evidence_Parts") > 1);
        Assert.False(raw.ContainsKey("Evidence"));
    }

    [Fact]
    public async Task RecordDecisionsAsync_SameResourceTwice_ThrowsAndWritesNothing()
    {
        await using var t = await TestJournal.CreateAsync();
        var decisions = Enumerable.Range(0, 150).Select(i => Decision("pass-dup", Vm($"vm-{i}"))).Append(Decision("pass-dup", Vm("VM-3"))).ToList();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => t.Journal.RecordDecisionsAsync(decisions, Ct));

        Assert.Contains("twice", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await RawDecisions(t));
    }

    [Fact]
    public async Task RecordDecisionsAsync_OneOver1MiB_ThrowsAndWritesNothing()
    {
        await using var t = await TestJournal.CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => t.Journal.RecordDecisionsAsync(
            [Decision("pass-x", Vm("vm-ok")), Decision("pass-x", Vm("vm-too-big"), evidenceItems: 40_000)], Ct));

        Assert.Empty(await RawDecisions(t));
    }

    private static async Task<List<TableEntity>> RawDecisions(TestJournal t)
    {
        var client = new TableServiceClient(Azurite.ConnectionString()).GetTableClient(t.Journal.Options.DecisionsTable);
        var list = new List<TableEntity>();
        await foreach (var e in client.QueryAsync<TableEntity>(cancellationToken: Ct))
        {
            list.Add(e);
        }

        return list;
    }

    internal static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
