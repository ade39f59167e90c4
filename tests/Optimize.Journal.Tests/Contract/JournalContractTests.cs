using Optimize.Changes;
using Optimize.Recommendations;
using static Optimize.Journal.Tests.Support.JournalBuilders;

namespace Optimize.Journal.Tests.Contract;

/// <summary>
/// One suite, two journals (<see cref="InMemoryJournalContractTests"/>, <see cref="TableJournalContractTests"/> on
/// Azurite): both must accept, fit and refuse the same records, by Table Storage's published limits ("Understanding the
/// Table service data model": keys 1 KiB, strings 32K UTF-16 characters, entities 1 MiB, batches 100 operations).
/// </summary>
public abstract class JournalContractTests
{
    /// <summary>The longest change id whose keys fit: 512 characters minus the 20 of the row key's time prefix.</summary>
    private const int LongestId = TableStoreLimits.MaxKeyChars - TableStoreLimits.IdKeyOverhead;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A fresh, empty journal and what disposes it.</summary>
    protected abstract Task<(IJournal Journal, IAsyncDisposable Owner)> NewAsync();

    [Fact]
    public async Task UpdateAsync_PromotedThenRollingBack_ListedActiveAgain()
    {
        var (journal, owner) = await NewAsync();
        await using var _ = owner;
        var created = await journal.CreateAsync(Change("chg-revert", Vm("vm-1"), T0), Ct);
        var promoted = await journal.UpdateAsync(created with { State = ChangeState.Promoted, UpdatedAt = T0.AddHours(1) }, Ct);
        Assert.Empty(await ToListAsync(journal.ListActiveAsync(Ct)));

        await journal.UpdateAsync(promoted with { State = ChangeState.RollingBack, UpdatedAt = T0.AddHours(2), Outcome = "alert: reverting" }, Ct);

        var active = Assert.Single(await ToListAsync(journal.ListActiveAsync(Ct)));
        Assert.Equal(("chg-revert", ChangeState.RollingBack), (active.ChangeId, active.State));
    }

    [Fact]
    public async Task UpdateAsync_RollingBackThenRolledBack_LeavesActiveIndex()
    {
        var (journal, owner) = await NewAsync();
        await using var _ = owner;
        var created = await journal.CreateAsync(Change("chg-done", Vm("vm-1"), T0), Ct);
        var promoted = await journal.UpdateAsync(created with { State = ChangeState.Promoted }, Ct);
        var reverting = await journal.UpdateAsync(promoted with { State = ChangeState.RollingBack }, Ct);

        await journal.UpdateAsync(reverting with { State = ChangeState.RolledBack }, Ct);

        Assert.Empty(await ToListAsync(journal.ListActiveAsync(Ct)));
    }

    [Fact]
    public async Task CreateAsync_IdAtKeyLimit_StoredAndReadBack()
    {
        var (journal, owner) = await NewAsync();
        await using var _ = owner;
        var id = "chg-" + new string('k', LongestId - 4);

        await journal.CreateAsync(Change(id, Vm("vm-1"), T0), Ct);

        Assert.Equal(id, (await journal.GetAsync(id, Ct))!.ChangeId);
    }

    [Fact]
    public async Task CreateAsync_IdOneOverKeyLimit_ClearErrorNothingStored()
    {
        var (journal, owner) = await NewAsync();
        await using var _ = owner;
        var id = "chg-" + new string('k', LongestId - 3);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => journal.CreateAsync(Change(id, Vm("vm-1"), T0), Ct));

        Assert.Contains("1024 bytes (512 characters)", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await ToListAsync(journal.ListActiveAsync(Ct)));
        await Assert.ThrowsAsync<ArgumentException>(() => journal.GetAsync(id, Ct));
    }

    [Fact]
    public async Task CreateAsync_ResourceIdOverKeyLimit_ClearError()
    {
        var (journal, owner) = await NewAsync();
        await using var _ = owner;
        var resource = Vm(new string('v', 600));

        await Assert.ThrowsAsync<ArgumentException>(() => journal.CreateAsync(Change("chg-long-vm", resource, T0), Ct));

        Assert.Empty(await ToListAsync(journal.ListActiveAsync(Ct)));
    }

    [Fact]
    public async Task AppendAsync_MessageOf40000Chars_StoredTruncatedWithMarker()
    {
        var (journal, owner) = await NewAsync();
        await using var _ = owner;
        var rule = "alert rule " + new string('r', 40_000 - 11);

        var returned = await journal.AppendAsync(Event("chg-alert", ChangeSteps.Alert) with { Message = rule }, Ct);

        var stored = Assert.Single(await ToListAsync(journal.ListEventsAsync("chg-alert", Ct)));
        Assert.Equal(TableStoreLimits.MaxStringChars, stored.Message.Length);
        Assert.EndsWith("… [truncated, 40000 chars]", stored.Message, StringComparison.Ordinal);
        Assert.StartsWith("alert rule rrr", stored.Message, StringComparison.Ordinal);
        Assert.Equal(stored.Message, returned.Message);
    }

    [Fact]
    public async Task UpdateAsync_ApproverCommentOver32K_OutcomeTruncatedStepSucceeds()
    {
        var (journal, owner) = await NewAsync();
        await using var _ = owner;
        var created = await journal.CreateAsync(Change("chg-approve", Vm("vm-1"), T0), Ct);
        var comment = "approved by alice: " + new string('c', 50_000);

        var updated = await journal.UpdateAsync(created with { State = ChangeState.Applying, Outcome = comment }, Ct);

        var read = (await journal.GetAsync("chg-approve", Ct))!;
        Assert.Equal((ChangeState.Applying, TableStoreLimits.MaxStringChars), (read.State, read.Outcome.Length));
        Assert.EndsWith($"… [truncated, {comment.Length} chars]", read.Outcome, StringComparison.Ordinal);
        Assert.Equal(read.Outcome, updated.Outcome);
    }

    [Fact]
    public async Task RecordDecisionsAsync_EvidenceOver1MiB_ClearErrorNothingStored()
    {
        var (journal, owner) = await NewAsync();
        await using var _ = owner;
        // 40,000 items of ["cpu.pNN",x.xx,"%"] ≈ 900,000 characters of JSON ≈ 1.8 MB in UTF-16.
        var huge = Decision("pass-big", Vm("vm-1"), evidenceItems: 40_000);
        var small = Decision("pass-big", Vm("vm-2"));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => journal.RecordDecisionsAsync([small, huge], Ct));

        Assert.Contains("1048576-byte entity limit", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await ToListAsync(journal.ListDecisionsAsync(new HistoryQuery(PassId: "pass-big"), Ct)));
    }

    [Fact]
    public async Task RecordDecisionsAsync_EvidenceJustUnder1MiB_Stored()
    {
        var (journal, owner) = await NewAsync();
        await using var _ = owner;
        // 20,000 items ≈ 450,000 characters ≈ 0.9 MB: split into 14 parts of 32K characters, under 1 MiB.
        var big = Decision("pass-ok", Vm("vm-1"), evidenceItems: 20_000);

        await journal.RecordDecisionsAsync([big], Ct);

        var read = Assert.Single(await ToListAsync(journal.ListDecisionsAsync(new HistoryQuery(PassId: "pass-ok"), Ct)));
        Assert.Equal(20_000, read.Evidence.Count);
    }

    [Fact]
    public async Task RecordDecisionsAsync_250Decisions_AllStoredAcrossBatchesOf100()
    {
        var (journal, owner) = await NewAsync();
        await using var _ = owner;
        var decisions = Enumerable.Range(0, 250).Select(i => Decision("pass-250", Vm($"vm-{i:D3}"))).ToList();

        await journal.RecordDecisionsAsync(decisions, Ct);

        Assert.Equal(250, (await ToListAsync(journal.ListDecisionsAsync(new HistoryQuery(PassId: "pass-250", Limit: 500), Ct))).Count);
    }

    [Fact]
    public async Task RecordDecisionsAsync_SameResourceTwice_ClearErrorNothingStored()
    {
        var (journal, owner) = await NewAsync();
        await using var _ = owner;

        await Assert.ThrowsAsync<ArgumentException>(() => journal.RecordDecisionsAsync([Decision("pass-dup", Vm("vm-1")), Decision("pass-dup", Vm("VM-1"))], Ct));

        Assert.Empty(await ToListAsync(journal.ListDecisionsAsync(new HistoryQuery(PassId: "pass-dup"), Ct)));
    }

    [Fact]
    public async Task RecordPassAsync_MessageOver32K_Truncated()
    {
        var (journal, owner) = await NewAsync();
        await using var _ = owner;

        await journal.RecordPassAsync(Pass("pass-msg", T0, "failed") with { Message = new string('m', 33_000) }, Ct);

        var read = Assert.Single(await ToListAsync(journal.ListPassesAsync(new HistoryQuery(), Ct)));
        Assert.Equal(TableStoreLimits.MaxStringChars, read.Message.Length);
        Assert.EndsWith("… [truncated, 33000 chars]", read.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordDecisionsAsync_ResourceIdWithForbiddenKeyCharacters_EncodedAndReadBack()
    {
        var (journal, owner) = await NewAsync();
        await using var _ = owner;
        var odd = Vm("vm#1?a\\b\u0007");
        await journal.RecordPassAsync(Pass("pass-odd", T0), Ct);

        await journal.RecordDecisionsAsync([Decision("pass-odd", odd)], Ct);

        Assert.Equal(odd, Assert.Single(await ToListAsync(journal.ListDecisionsAsync(new HistoryQuery(ResourceId: odd), Ct))).ResourceId);
    }

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
