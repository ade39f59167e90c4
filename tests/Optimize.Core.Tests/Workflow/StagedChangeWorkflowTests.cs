using Optimize.Changes;
using Optimize.Guards;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Workflow;

namespace Optimize.Tests.Workflow;

/// <summary>The staged change on the real runner, virtual clock, in-memory journal: promotion and every rollback path.</summary>
public sealed partial class StagedChangeWorkflowTests
{
    private static readonly AppServicePlanConfig Three = new("P1v3", 3);
    private static readonly AppServicePlanConfig Two = new("P1v3", 2);

    [Fact]
    public async Task RunAsync_HealthyGuards_PromotesEveryStageAndJournalsEachStep()
    {
        using var host = new ChangeHost();

        var outcome = await host.RunToEndAsync(ChangeHost.Plan());

        Assert.Equal(ChangeState.Promoted, outcome.State);
        Assert.Equal(2, outcome.StagesCompleted);
        Assert.Equal(Two, outcome.Final);
        Assert.Equal(Two, host.Config.Current(ChangeHost.ResourceId));
        var change = await host.ChangeAsync();
        Assert.Equal(ChangeState.Promoted, change.State);
        Assert.Equal(ChangeHost.Baseline, change.Captured);

        // Per stage: apply (Applying), apply (Observing), settle, then 2 h / 15 min = 8 checks.
        string[] stage = [ChangeSteps.Apply, ChangeSteps.Apply, ChangeSteps.Settle, .. Enumerable.Repeat(ChangeSteps.Assess, 8)];
        string[] expected = [ChangeSteps.Capture, ChangeSteps.Baseline, .. stage, .. stage, ChangeSteps.Promote];
        var events = await host.EventsAsync();
        Assert.Equal(expected, events.Select(e => e.Step));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.All(events.Where(e => e.Step == ChangeSteps.Assess), e => Assert.Equal(VerdictKind.Successful, e.Verdict));

        // Two stages of 10 min settle + 2 h observation, on the virtual clock.
        Assert.Equal(TimeSpan.FromMinutes(260), host.Time.GetUtcNow() - ChangeHost.Start);
    }

    [Fact]
    public async Task RunAsync_ApplyIsJournaledBeforeItHappens_ApplyingStepPrecedesTheWrite()
    {
        using var host = new ChangeHost();
        var journaledFirst = new List<bool>();
        host.Config.OnApply = target =>
        {
            var change = host.Journal.GetAsync("chg-1").Result!;
            journaledFirst.Add(change.State is ChangeState.Applying or ChangeState.RollingBack);
            return null;
        };

        await host.RunToEndAsync(ChangeHost.Plan());

        Assert.Equal(2, journaledFirst.Count);
        Assert.All(journaledFirst, Assert.True);
    }

    [Fact]
    public async Task RunAsync_LatencyRegressesInStageTwo_RollsBackWithTheNumbers()
    {
        using var host = new ChangeHost();
        host.Metrics.Scripts[MetricNames.LatencyMs] = t => host.Config.At(ChangeHost.ResourceId, t) == Two ? 200 : 100;

        var outcome = await host.RunToEndAsync(ChangeHost.Plan());

        // Baseline p95 100; 200 > 100 + 25 % = 125 on the first check of stage 2.
        Assert.Equal(ChangeState.RolledBack, outcome.State);
        Assert.Equal(1, outcome.StagesCompleted);
        Assert.Equal("latencyMs p95 200 > 100 +25% (baseline)", outcome.Reason);
        Assert.Equal(ChangeHost.Baseline, outcome.Final);
        Assert.Equal(ChangeHost.Baseline, host.Config.Current(ChangeHost.ResourceId));
        var change = await host.ChangeAsync();
        Assert.Equal(ChangeState.RolledBack, change.State);
        Assert.Equal("rolled back: latencyMs p95 200 > 100 +25% (baseline)", change.Outcome);
        var failed = Assert.Single(await host.EventsAsync(), e => e.Verdict == VerdictKind.Failed);
        Assert.Equal(1, failed.StageIndex);
    }

    [Fact]
    public async Task RunAsync_RollbackDoesNotVerify_RollbackFailedAndEscalationJournaled()
    {
        using var host = new ChangeHost();
        host.Metrics.Scripts[MetricNames.LatencyMs] = t => host.Config.At(ChangeHost.ResourceId, t) == Two ? 400 : 100;
        host.Config.OnApply = target => target == ChangeHost.Baseline
            ? ApplyResult.Fail(ChangeFailureKinds.Conflict, "another operation is in progress", Two)
            : null;

        var outcome = await host.RunToEndAsync(ChangeHost.Plan());

        Assert.Equal(ChangeState.RollbackFailed, outcome.State);
        Assert.NotNull(outcome.Failure);
        Assert.Equal(3, host.Config.Applies.Count(a => a == ChangeHost.Baseline));
        var escalate = Assert.Single(await host.EventsAsync(), e => e.Step == ChangeSteps.Escalate);
        Assert.Equal(ChangeState.RollbackFailed, escalate.State);
        Assert.StartsWith("rollback did not verify: expected P1v3 x 4, found P1v3 x 2", escalate.Message, StringComparison.Ordinal);
        Assert.Equal(ChangeState.RollbackFailed, (await host.ChangeAsync()).State);
    }

    [Fact]
    public async Task RunAsync_ApplyFails_RollsBackBecauseItMayBeHalfApplied()
    {
        using var host = new ChangeHost();
        host.Config.OnApply = target => target == Three ? ApplyResult.Fail(ChangeFailureKinds.OperationFailed, "LRO failed") : null;

        var outcome = await host.RunToEndAsync(ChangeHost.Plan());

        Assert.Equal(ChangeState.RolledBack, outcome.State);
        Assert.Equal("apply of stage 1/2 failed: operation-failed: LRO failed", outcome.Reason);
        Assert.Equal(ChangeFailureKinds.OperationFailed, outcome.Failure?.Kind);
        Assert.Equal([Three, ChangeHost.Baseline], host.Config.Applies);
    }

    [Fact]
    public async Task RunAsync_ConfigurationDriftedSincePlanning_AbortsWithoutApplying()
    {
        using var host = new ChangeHost();
        host.Config.Set(ChangeHost.ResourceId, new AppServicePlanConfig("P1v3", 5));

        var outcome = await host.RunToEndAsync(ChangeHost.Plan());

        Assert.Equal(ChangeState.Aborted, outcome.State);
        Assert.Equal("drift: planned from P1v3 x 4, found P1v3 x 5", outcome.Reason);
        Assert.Empty(host.Config.Applies);
        Assert.Equal(ChangeState.Aborted, (await host.ChangeAsync()).State);
    }

    [Fact]
    public async Task RunAsync_CaptureFails_AbortsWithoutApplying()
    {
        using var host = new ChangeHost();
        host.Config.ReadFailure = new ChangeFailure(ChangeFailureKinds.NotFound, "plan1 is gone");

        var outcome = await host.RunToEndAsync(ChangeHost.Plan());

        Assert.Equal(ChangeState.Aborted, outcome.State);
        Assert.Equal("capture failed: not-found: plan1 is gone", outcome.Reason);
        Assert.Empty(host.Config.Applies);
    }

    [Fact]
    public async Task RunAsync_GuardMetricMissingAfterApply_InconclusiveNeverPromotes()
    {
        using var host = new ChangeHost();
        host.Metrics.Scripts[MetricNames.LatencyMs] = t => host.Config.At(ChangeHost.ResourceId, t) == ChangeHost.Baseline ? 100 : double.NaN;

        var outcome = await host.RunToEndAsync(ChangeHost.Plan());

        Assert.Equal(ChangeState.RolledBack, outcome.State);
        Assert.Equal(0, outcome.StagesCompleted);
        Assert.Equal("inconclusive at the end of stage 1/2: latencyMs p95: no data", outcome.Reason);
        var events = await host.EventsAsync();
        Assert.DoesNotContain(events, e => e.Step == ChangeSteps.Promote);
        Assert.All(events.Where(e => e.Step == ChangeSteps.Assess), e => Assert.Equal(VerdictKind.Inconclusive, e.Verdict));
        Assert.Equal(8, events.Count(e => e.Step == ChangeSteps.Assess));
    }

    [Fact]
    public async Task RunAsync_MetricsReaderThrowsThroughTheEnd_ErrorVerdictsThenRollback()
    {
        using var host = new ChangeHost();
        host.Metrics.Fail = q => q.Range.Start >= ChangeHost.Start ? new InvalidOperationException("Monitor returned 503") : null;

        var outcome = await host.RunToEndAsync(ChangeHost.Plan(stages: 1));

        Assert.Equal(ChangeState.RolledBack, outcome.State);
        Assert.StartsWith("guards could not be checked at the end of stage 1/1: latencyMs: metrics unavailable: Monitor returned 503", outcome.Reason, StringComparison.Ordinal);
        Assert.All((await host.EventsAsync()).Where(e => e.Step == ChangeSteps.Assess), e => Assert.Equal(VerdictKind.Error, e.Verdict));
    }

    [Fact]
    public async Task RunAsync_MetricsReaderRecoversBeforeTheEnd_LastCheckDecidesAndPromotes()
    {
        using var host = new ChangeHost();
        host.Metrics.Fail = q => q.Range.Start >= ChangeHost.Start && q.Range.End <= ChangeHost.Start.AddHours(1)
            ? new InvalidOperationException("Monitor returned 503")
            : null;

        var outcome = await host.RunToEndAsync(ChangeHost.Plan(stages: 1));

        Assert.Equal(ChangeState.Promoted, outcome.State);
        var verdicts = (await host.EventsAsync()).Where(e => e.Step == ChangeSteps.Assess).Select(e => e.Verdict).ToList();
        Assert.Equal(VerdictKind.Error, verdicts[0]);
        Assert.Equal(VerdictKind.Successful, verdicts[^1]);
    }
}
