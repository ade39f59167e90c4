using Azure;
using Azure.Data.Tables;
using Optimize.Journal.Tables.Entities;
using Optimize.Journal.Tests.Support;
using static Optimize.Journal.Tests.Support.JournalBuilders;

namespace Optimize.Journal.Tests.Contract;

/// <summary>
/// What the store itself does at the limits the journals share, and that <see cref="TableRowSizes"/> (what
/// <see cref="InMemoryJournal"/> measures) equals the size of <c>TableJournal</c>'s own entities.
/// </summary>
public sealed class TableLimitsOnTheStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddEntity_RowKeyOf512Chars_Accepted_513Chars_RefusedWith400()
    {
        // 1 KiB keys are UTF-16: 512 characters. A 1,024-character check let 513-1,024 through to this raw 400.
        var table = new TableClient(Azurite.ConnectionString(), "limits" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync(Ct);
        try
        {
            await table.AddEntityAsync(new TableEntity("pk", new string('k', TableStoreLimits.MaxKeyChars)), Ct);

            var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("pk", new string('k', TableStoreLimits.MaxKeyChars + 1)), Ct));

            Assert.Equal(400, ex.Status);
            Assert.Throws<ArgumentException>(() => TableStoreLimits.CheckKey(new string('k', TableStoreLimits.MaxKeyChars + 1), "probe"));
        }
        finally
        {
            await table.DeleteAsync(Ct);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5_000)]
    [InlineData(20_000)]
    public void RowSizes_Decision_EqualTableEntitySize(int evidenceItems)
    {
        var d = Decision("pass-size", Vm("vm-1"), evidenceItems) with { Message = new string('m', 40_000) };

        Assert.Equal(EntitySize.Of(DecisionEntities.ToEntity(d)), TableRowSizes.Decision(d));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_000)]
    public void RowSizes_ChangeAndEvent_EqualTableEntitySize(int rationaleChars)
    {
        var c = Change("chg-size", Vm("vm-1"), T0);
        c = c with { Plan = c.Plan with { Rationale = new string('r', rationaleChars) }, Outcome = new string('o', 33_000) };
        var e = Event("chg-size") with { Message = new string('e', 50_000) };

        Assert.Equal(EntitySize.Of(ChangeEntities.ToEntity(c)), TableRowSizes.Change(c));
        Assert.Equal(EntitySize.Of(EventEntities.ToEntity(e, 1)), TableRowSizes.Event(e));
    }
}
