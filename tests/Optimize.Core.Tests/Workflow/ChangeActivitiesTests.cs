using Microsoft.Extensions.Logging.Abstractions;
using Optimize.Changes;
using Optimize.Guards;
using Optimize.Journal;
using Optimize.Metrics;
using Optimize.Workflow.Activities;
using Optimize.Workflow;

namespace Optimize.Tests.Workflow;

public sealed class ChangeActivitiesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordStepAsync_ConflictOnce_ReReadsAndRetries()
    {
        using var host = new ChangeHost();
        var journal = new ConflictOnceJournal(host.Journal);
        await host.Journal.CreateAsync(ChangeRecord.Planned(ChangeHost.Plan(), ChangeHost.Start), Ct);
        var activities = new ChangeActivities(host.Config, host.Metrics, journal, host.Time, NullLogger<ChangeActivities>.Instance);

        var stored = await activities.RecordStepAsync(Step(), Ct);

        Assert.Equal(2, journal.Updates);
        Assert.Equal(1, stored.Sequence);
        var change = await host.ChangeAsync();
        Assert.Equal(ChangeState.Planned, change.State);
        Assert.Equal(ChangeHost.Baseline, change.Captured);
        Assert.Equal("captured P1v3 x 4", change.Outcome);
    }

    [Fact]
    public async Task RecordStepAsync_DeliveredTwice_AppendsOnce()
    {
        using var host = new ChangeHost();
        await host.Journal.CreateAsync(ChangeRecord.Planned(ChangeHost.Plan(), ChangeHost.Start), Ct);

        var first = await host.Activities.RecordStepAsync(Step(), Ct);
        var second = await host.Activities.RecordStepAsync(Step(), Ct);

        Assert.Equal(first, second);
        Assert.Single(await host.EventsAsync());
    }

    [Fact]
    public async Task RecordStepAsync_ChangeNotInJournal_Throws()
    {
        using var host = new ChangeHost();

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Activities.RecordStepAsync(Step(), Ct));
    }

    [Fact]
    public async Task AssessGuardsAsync_ReaderThrows_ErrorVerdictNotException()
    {
        using var host = new ChangeHost();
        host.Metrics.Fail = _ => new InvalidOperationException("Monitor returned 503");
        var input = new AssessInput(ChangeHost.Resource, ChangeHost.Guards, new GuardBaseline(new Dictionary<string, double>(), ""), ChangeHost.Start, ChangeHost.Start.AddMinutes(15));

        var verdict = await host.Activities.AssessGuardsAsync(input, Ct);

        Assert.Equal(VerdictKind.Error, verdict.Kind);
        Assert.Contains("Monitor returned 503", verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeasureBaselineAsync_ScriptedSeries_P95OfTheWindow()
    {
        using var host = new ChangeHost();

        // 1 h at 5 min = 12 points: 10, 20, ..., 120 ms. p95 by nearest rank (the pass's summarizer): rank ⌈0.95 × 12⌉ = 12 → 120,
        // within the histogram's 0.8 % and never above the exact max (an exact sort interpolated 114.5).
        var start = ChangeHost.Start.AddHours(-1);
        host.Metrics.Scripts[MetricNames.LatencyMs] = t => ((t - start).TotalMinutes / 5 + 1) * 10;
        var baseline = await host.Activities.MeasureBaselineAsync(new BaselineInput(ChangeHost.Resource, ChangeHost.Guards, start, ChangeHost.Start), Ct);

        Assert.InRange(baseline.Values[MetricNames.LatencyMs], 120 * 0.992, 120);
        Assert.Equal(50, baseline.Values[MetricNames.Cpu]);
    }

    [Theory]
    [InlineData(15, 5)]
    [InlineData(2 * 24 * 60, 5)]
    [InlineData(7 * 24 * 60, 60)]
    public void GrainFor_Window_FiveMinutesUpToTwoDaysElseHourly(int windowMinutes, int grainMinutes) =>
        Assert.Equal(TimeSpan.FromMinutes(grainMinutes), ChangeActivities.GrainFor(TimeSpan.FromMinutes(windowMinutes)));

    [Fact]
    public void Summarize_IsThePassSummarizer_NearestRankP95OfOneToHundredIs95()
    {
        // One summarizer (issue 9 item 7): the guard's p95 is the pass's nearest-rank p95 (rank ⌈0.95 × 100⌉ = 95 → 95, within the
        // histogram's 0.8 %), not the interpolated 95.05 an exact sort gave, and it equals what the pass's accumulator reports.
        var values = Enumerable.Range(1, 100).Select(v => (double)v).ToArray();
        var pass = new Optimize.Metrics.MetricAccumulator();
        pass.AddRange(values);

        var guard = ChangeActivities.Summarize("cpu", values, 100);

        Assert.Equal(pass.ToSummary("cpu", 100), guard);
        Assert.InRange(guard.P95, 95 * 0.992, 95 * 1.008);
        Assert.NotEqual(95.05, guard.P95, 3);
    }

    [Fact]
    public void Summarize_GapsAreNotZeros_CoverageCountsOnlyObservedPoints()
    {
        var summary = ChangeActivities.Summarize("cpu", [10, double.NaN, 30, double.NaN], 4);

        Assert.Equal(2, summary.Observed);
        Assert.Equal(0.5, summary.Coverage);
        Assert.Equal(20, summary.Mean);
        Assert.Equal(30, summary.Max);
        Assert.Equal(1, summary.Transitions);
    }

    [Fact]
    public async Task FindRevertCandidateAsync_LatestNotPromoted_NoCandidateWithReason()
    {
        using var host = new ChangeHost();
        await host.Journal.CreateAsync(ChangeRecord.Planned(ChangeHost.Plan(), ChangeHost.Start) with { State = ChangeState.RolledBack }, Ct);

        var candidate = await host.Activities.FindRevertCandidateAsync(new RevertLookupInput(ChangeHost.ResourceId, ChangeHost.Start.AddDays(-7)), Ct);

        Assert.Null(candidate.Change);
        Assert.Equal("latest change chg-1 is RolledBack, not promoted", candidate.Reason);
    }

    private static JournalStepInput Step() =>
        new("chg-1", ChangeSteps.Capture, -1, ChangeState.Planned, "captured P1v3 x 4", ChangeHost.Start, null, ChangeHost.Baseline);

    /// <summary>Loses the first update race, as if another writer got there first.</summary>
    private sealed class ConflictOnceJournal(InMemoryJournal inner) : IChangeJournal
    {
        public int Updates { get; private set; }

        public Task<ChangeRecord> CreateAsync(ChangeRecord change, CancellationToken cancellationToken = default) => inner.CreateAsync(change, cancellationToken);

        public async Task<ChangeRecord> UpdateAsync(ChangeRecord change, CancellationToken cancellationToken = default)
        {
            if (++Updates == 1)
            {
                var current = (await inner.GetAsync(change.ChangeId, cancellationToken))!;
                await inner.UpdateAsync(current with { Outcome = "someone else" }, cancellationToken);
            }

            return await inner.UpdateAsync(change, cancellationToken);
        }

        public Task<ChangeEvent> AppendAsync(ChangeEvent changeEvent, CancellationToken cancellationToken = default) => inner.AppendAsync(changeEvent, cancellationToken);

        public Task<ChangeRecord?> GetAsync(string changeId, CancellationToken cancellationToken = default) => inner.GetAsync(changeId, cancellationToken);

        public IAsyncEnumerable<ChangeRecord> ListActiveAsync(CancellationToken cancellationToken = default) => inner.ListActiveAsync(cancellationToken);

        public Task<ChangeRecord?> GetLatestForResourceAsync(string resourceId, CancellationToken cancellationToken = default) =>
            inner.GetLatestForResourceAsync(resourceId, cancellationToken);
    }
}
