using Optimize.Changes;
using Optimize.Journal;
using Optimize.Metrics.History;
using Optimize.Model;
using static Optimize.Core.Tests.Builders.AdvisorTestData;

namespace Optimize.Core.Tests.Metrics.History;

public sealed class JournalTimelineTests
{
    private static readonly VmConfig E8 = new("Standard_E8s_v5");
    private static readonly VmConfig E16 = new("Standard_E16s_v5");
    private static readonly VmConfig E32 = new("Standard_E32s_v5");
    private static readonly DateTimeOffset Now = End;
    private static readonly DateTimeOffset Applied = End.AddDays(-3);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ConfigurationTimeline> Load(ResourceConfig current, Func<InMemoryJournal, ResourceRef, Task> write)
    {
        var journal = new InMemoryJournal();
        var item = VmItem(((VmConfig)current).Size);
        await write(journal, item.Resource);
        return await JournalTimeline.LoadAsync(journal, item.Resource, current, Now, Ct);
    }

    [Fact]
    public async Task LoadAsync_NoChanges_CurrentThroughout()
    {
        var timeline = await Load(E16, (_, _) => Task.CompletedTask);

        Assert.True(timeline.IsConstant(E16));
        Assert.Equal(E16, timeline.Over(Now.AddDays(-14), Now.AddDays(-13)));
    }

    [Fact]
    public async Task LoadAsync_PromotedUpsize_OldSizeBeforeApplyUnknownWhileApplyingNewAfter()
    {
        // Applied at T−3 d, read back at T−3 d + 10 min.
        var timeline = await Load(E16, (j, r) => JournalScenario.ChangeAsync(j, r, E8, E16, Applied, ct: Ct));

        Assert.Equal(E8, timeline.Over(Applied.AddHours(-2), Applied.AddHours(-1)));
        Assert.Null(timeline.Over(Applied, Applied.AddHours(1)));
        Assert.Equal(E16, timeline.Over(Applied.AddHours(1), Applied.AddHours(2)));
        Assert.Equal(E16, timeline.Over(Now.AddHours(-1), Now));
    }

    [Fact]
    public async Task LoadAsync_RolledBack_TargetOnlyWhileObservedThenBaseline()
    {
        // Applied T−3 d (+10 min read back), rollback starts T−3 d + 1 h, verified 10 minutes later.
        var timeline = await Load(E8, (j, r) => JournalScenario.ChangeAsync(j, r, E8, E16, Applied, ChangeState.RolledBack, ct: Ct));

        Assert.Equal(E16, timeline.Over(Applied.AddMinutes(10), Applied.AddMinutes(60)));
        Assert.Null(timeline.Over(Applied.AddMinutes(60), Applied.AddMinutes(70)));
        Assert.Equal(E8, timeline.Over(Applied.AddMinutes(70), Applied.AddHours(3)));
    }

    [Fact]
    public async Task LoadAsync_RollbackFailed_UnknownUntilTheInventoryNow()
    {
        var timeline = await Load(E16, (j, r) => JournalScenario.ChangeAsync(j, r, E8, E16, Applied, ChangeState.RollbackFailed, ct: Ct));

        Assert.Null(timeline.Over(Applied.AddHours(2), Applied.AddHours(3)));
        Assert.Null(timeline.Over(Now.AddHours(-1), Now));
    }

    [Fact]
    public async Task LoadAsync_InventoryDiffersFromJournal_SpanSinceLastChangeUnknown()
    {
        // The journal ends on E16, but the inventory reads E32: someone resized it outside Optimize, at a time the
        // journal cannot tell, so every hour since the change is unknown; the hours before it are still E8.
        var timeline = await Load(E32, (j, r) => JournalScenario.ChangeAsync(j, r, E8, E16, Applied, ct: Ct));

        Assert.Equal(E8, timeline.Over(Applied.AddHours(-2), Applied.AddHours(-1)));
        Assert.Null(timeline.Over(Applied.AddHours(2), Applied.AddHours(3)));
        Assert.Null(timeline.Over(Now.AddHours(-1), Now));
    }

    [Fact]
    public async Task LoadAsync_CaptureDiffersFromBaseline_TimeBeforeCaptureUnknown()
    {
        // Planned on E8 but captured E16 (drift before the workflow started) and aborted: before the capture the size
        // is unknown; from the capture (T−3 d − 59 min) on it is E16, which the inventory confirms now.
        var timeline = await Load(E16, (j, r) => JournalScenario.ChangeAsync(j, r, E8, E32, Applied, ChangeState.Aborted, captured: E16, ct: Ct));

        Assert.Null(timeline.Over(Applied.AddDays(-5), Applied.AddDays(-5).AddHours(1)));
        Assert.Equal(E16, timeline.Over(Applied, Applied.AddHours(1)));
    }

    [Fact]
    public async Task LoadAsync_TwoChanges_EachSpanItsOwnSize()
    {
        var first = Now.AddDays(-10);
        var timeline = await Load(E32, async (j, r) =>
        {
            await JournalScenario.ChangeAsync(j, r, E8, E16, first, ct: Ct);
            await JournalScenario.ChangeAsync(j, r, E16, E32, Applied, ct: Ct);
        });

        Assert.Equal(E8, timeline.Over(first.AddDays(-1), first.AddDays(-1).AddHours(1)));
        Assert.Equal(E16, timeline.Over(first.AddDays(1), first.AddDays(1).AddHours(1)));
        Assert.Equal(E32, timeline.Over(Applied.AddDays(1), Applied.AddDays(1).AddHours(1)));
    }

    [Fact]
    public void Over_MarkInsideThePoint_Unknown()
    {
        var timeline = new ConfigurationTimeline(E8, [new ConfigurationMark(Applied.AddMinutes(30), E16)]);

        Assert.Null(timeline.Over(Applied, Applied.AddHours(1)));
        Assert.Equal(E8, timeline.Over(Applied.AddHours(-1), Applied));
        Assert.Equal(E16, timeline.Over(Applied.AddHours(1), Applied.AddHours(2)));
    }
}
