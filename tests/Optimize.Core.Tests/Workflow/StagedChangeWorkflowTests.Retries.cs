using Optimize.Changes;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Ports;

namespace Optimize.Tests.Workflow;

/// <summary>Nothing is concluded from one failed read (issue 10 item 5): capture, the read after an approval, the
/// baseline and the verification after a rollback are retried on durable timers, 30 s · 2^k between 5 attempts.</summary>
public sealed partial class StagedChangeWorkflowTests
{
    [Fact]
    public async Task RunAsync_CaptureThrottledTwice_RetriesAfter30sAnd60s_ThenPromotes()
    {
        using var host = new ChangeHost();
        var failures = 2;
        host.Config.OnRead = _ => failures-- > 0 ? ConfigurationRead.Fail(ChangeFailureKinds.Throttled, "429 Too Many Requests") : null;

        var outcome = await host.RunToEndAsync(ChangeHost.Plan());

        Assert.Equal(ChangeState.Promoted, outcome.State);
        var capture = Assert.Single(await host.EventsAsync(), e => e.Step == ChangeSteps.Capture);
        Assert.Equal(ChangeHost.Start + TimeSpan.FromSeconds(30 + 60), capture.At);
    }

    [Fact]
    public async Task RunAsync_CaptureAlwaysThrottled_AbortsAfter5AttemptsOver7Point5Minutes_NothingApplied()
    {
        using var host = new ChangeHost();
        host.Config.OnRead = _ => ConfigurationRead.Fail(ChangeFailureKinds.Throttled, "429 Too Many Requests");

        var outcome = await host.RunToEndAsync(ChangeHost.Plan());

        Assert.Equal(ChangeState.Aborted, outcome.State);
        Assert.Equal("capture failed: throttled: 429 Too Many Requests (after 5 attempts)", outcome.Reason);
        Assert.Empty(host.Config.Applies);
        var abort = Assert.Single(await host.EventsAsync(), e => e.Step == ChangeSteps.Abort);
        Assert.Equal(ChangeHost.Start + TimeSpan.FromSeconds(30 + 60 + 120 + 240), abort.At);
    }

    [Fact]
    public async Task RunAsync_CaptureNotFound_IsConclusive_AbortsAtOnce()
    {
        using var host = new ChangeHost();
        var reads = 0;
        host.Config.OnRead = _ => { reads++; return ConfigurationRead.Fail(ChangeFailureKinds.NotFound, "plan1 is gone"); };

        var outcome = await host.RunToEndAsync(ChangeHost.Plan());

        Assert.Equal("capture failed: not-found: plan1 is gone", outcome.Reason);
        Assert.Equal(1, reads);
        Assert.Equal(ChangeHost.Start, Assert.Single(await host.EventsAsync(), e => e.Step == ChangeSteps.Abort).At);
    }

    [Fact]
    public async Task RunAsync_RollbackReadsStaleTwice_VerifiesOnTheThirdRead_RolledBackNotEscalated()
    {
        using var host = new ChangeHost();
        host.Metrics.Scripts[MetricNames.LatencyMs] = t => host.Config.At(ChangeHost.ResourceId, t) == Two ? 400 : 100;
        var stale = 0;
        host.Config.OnApply = target =>
        {
            stale = target == ChangeHost.Baseline ? 2 : stale;
            return null;
        };
        host.Config.OnRead = current => stale-- > 0 ? ConfigurationRead.Ok(Two) : null; // ARM still serves the old size

        var outcome = await host.RunToEndAsync(ChangeHost.Plan());

        Assert.Equal(ChangeState.RolledBack, outcome.State);
        Assert.DoesNotContain(await host.EventsAsync(), e => e.Step == ChangeSteps.Escalate);
        Assert.Single(host.Config.Applies, a => a == ChangeHost.Baseline);
    }

    [Fact]
    public async Task RunAsync_BaselineMetricsFailOnce_MeasuredAgain30sLater()
    {
        using var host = new ChangeHost();
        var failures = 1;
        host.Metrics.Fail = _ => failures-- > 0 ? new HttpRequestException("503 Service Unavailable") : null;

        var outcome = await host.RunToEndAsync(ChangeHost.Plan());

        Assert.Equal(ChangeState.Promoted, outcome.State);
        var baseline = Assert.Single(await host.EventsAsync(), e => e.Step == ChangeSteps.Baseline);
        Assert.DoesNotContain("unavailable", baseline.Message, StringComparison.Ordinal);
        Assert.Equal(ChangeHost.Start + TimeSpan.FromSeconds(30), baseline.At);
    }

    [Fact]
    public async Task RunAsync_ShorterRetryInThePlan_IsTheOneUsed()
    {
        using var host = new ChangeHost();
        host.Config.OnRead = _ => ConfigurationRead.Fail(ChangeFailureKinds.Transient, "connection reset");
        var plan = ChangeHost.Plan() with { Retry = new WorkflowRetry { Attempts = 2, FirstDelay = TimeSpan.FromSeconds(5) } };

        var outcome = await host.RunToEndAsync(plan);

        Assert.Equal("capture failed: transient: connection reset (after 2 attempts)", outcome.Reason);
        Assert.Equal(ChangeHost.Start + TimeSpan.FromSeconds(5), Assert.Single(await host.EventsAsync(), e => e.Step == ChangeSteps.Abort).At);
    }
}
