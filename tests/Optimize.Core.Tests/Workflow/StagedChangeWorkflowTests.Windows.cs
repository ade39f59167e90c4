using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Optimize.Changes;
using Optimize.Guards;
using Optimize.Journal;
using Optimize.Metrics;
using Optimize.Policy;
using Optimize.Tests.Workflow.Fakes;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;
using Optimize.Workflow.Runner;

namespace Optimize.Tests.Workflow;

/// <summary>The change-window gate: every apply waits for a window to open; rollbacks never wait.</summary>
public sealed partial class StagedChangeWorkflowTests
{
    /// <summary>01:00–06:00 UTC every day (the shipped default window).</summary>
    private static readonly ChangeWindow Night = new();

    [Fact]
    public async Task RunAsync_StageTwoDueAfterTheWindowCloses_AppliedAtTheNextOpening()
    {
        // Started 02:00; stage 1 settles 10 min and is observed 4 h 35 min: stage 2 comes due at 06:45, after 06:00.
        using var host = new ChangeHost(new FakeTimeProvider(ChangeHost.Start.AddHours(2)));
        var applied = RecordApplyTimes(host);
        var plan = ChangeHost.Plan(observe: TimeSpan.FromMinutes(275)) with { ChangeWindows = [Night] };
        await host.StartAsync(plan);

        await host.RunAsync(until: ChangeHost.Start.AddHours(12));

        var waiting = await host.ChangeAsync();
        Assert.Equal((ChangeState.Observing, 1), (waiting.State, waiting.StageIndex));
        Assert.Equal(Three, host.Config.Current(ChangeHost.ResourceId));
        Assert.Single(applied);

        await host.RunAsync();

        Assert.Equal(ChangeState.Promoted, host.Outcome().State);
        var nextNight = ChangeHost.Start.AddDays(1).AddHours(1);
        Assert.Equal([ChangeHost.Start.AddHours(2), nextNight], applied);
        var events = await host.EventsAsync();
        var window = Assert.Single(events, e => e.Step == ChangeSteps.Window);
        Assert.Equal((1, ChangeState.Observing, ChangeHost.Start.AddMinutes(405)), (window.StageIndex, window.State, window.At));
        Assert.Equal("stage 2/2 waits for the change window: opens 2026-01-06 01:00Z", window.Message);
        Assert.Equal(nextNight, events.First(e => e.Step == ChangeSteps.Apply && e.StageIndex == 1).At);
    }

    [Fact]
    public async Task RunAsync_ApprovedOutsideTheWindow_FirstApplyWaitsForTheWindow()
    {
        using var host = new ChangeHost(new FakeTimeProvider(ChangeHost.Start.AddHours(7)));
        var applied = RecordApplyTimes(host);
        await host.StartAsync(ChangeHost.Plan(approval: true) with { ChangeWindows = [Night] });
        await host.RunAsync(until: ChangeHost.Start.AddHours(8));
        await host.Runner.RaiseEventAsync(ChangeHost.InstanceId, WorkflowEvents.Approval, new ApprovalDecision(true, "alice"));

        await host.RunAsync(until: ChangeHost.Start.AddHours(20));

        Assert.Empty(applied);
        Assert.Equal(ChangeState.Planned, (await host.ChangeAsync()).State);

        await host.RunAsync();

        Assert.Equal(ChangeState.Promoted, host.Outcome().State);
        Assert.Equal(ChangeHost.Start.AddDays(1).AddHours(1), applied[0]);
        var steps = (await host.EventsAsync()).Select(e => (e.Step, e.StageIndex)).Take(6);
        Assert.Equal(
            [(ChangeSteps.Capture, -1), (ChangeSteps.Approval, -1), (ChangeSteps.Approval, -1), (ChangeSteps.Baseline, -1), (ChangeSteps.Window, 0), (ChangeSteps.Apply, 0)],
            steps);
    }

    [Fact]
    public async Task RunAsync_AlertOutsideTheWindow_RollbackDoesNotWait()
    {
        // Stage 1 applied at 05:00 inside the window, observed until 07:10; the alert comes at 07:00, after the window.
        using var host = new ChangeHost(new FakeTimeProvider(ChangeHost.Start.AddHours(5)));
        var applied = RecordApplyTimes(host);
        await host.StartAsync(ChangeHost.Plan() with { ChangeWindows = [Night] });
        var seven = ChangeHost.Start.AddHours(7);
        await host.RunAsync(until: seven);

        await host.Runner.DeliverAlertAsync(new AlertSignal("a-1", ChangeHost.ResourceId, "High CPU", "Sev2", true, seven, "CPU > 85"), TimeSpan.FromDays(7));
        await host.RunAsync();

        Assert.Equal(ChangeState.RolledBack, host.Outcome().State);
        Assert.Equal([ChangeHost.Start.AddHours(5), seven], applied);
        Assert.Equal([Three, ChangeHost.Baseline], host.Config.Applies);
        Assert.DoesNotContain(await host.EventsAsync(), e => e.Step == ChangeSteps.Window);
        Assert.Equal(seven, host.Time.GetUtcNow());
    }

    [Fact]
    public async Task RunAsync_GuardFailsOutsideTheWindow_RollbackDoesNotWait()
    {
        using var host = new ChangeHost(new FakeTimeProvider(ChangeHost.Start.AddHours(5)));
        var applied = RecordApplyTimes(host);
        host.Metrics.Scripts[MetricNames.LatencyMs] = t => t >= ChangeHost.Start.AddHours(6.5) ? 400 : 100;
        await host.StartAsync(ChangeHost.Plan() with { ChangeWindows = [Night] });

        await host.RunAsync();

        // Checks every 15 min from 05:10: the 06:40 check is the first to see 400 ms.
        var rolledBackAt = ChangeHost.Start.AddMinutes(400);
        Assert.Equal(ChangeState.RolledBack, host.Outcome().State);
        Assert.Equal([ChangeHost.Start.AddHours(5), rolledBackAt], applied);
        var events = await host.EventsAsync();
        Assert.Equal(rolledBackAt, Assert.Single(events, e => e.Verdict == VerdictKind.Failed).At);
        Assert.DoesNotContain(events, e => e.Step == ChangeSteps.Window);
    }

    [Fact]
    public async Task RunAsync_AlertWhileWaitingForTheWindowOfStageTwo_RollsBackAtOnceWithoutApplyingStageTwo()
    {
        using var host = new ChangeHost(new FakeTimeProvider(ChangeHost.Start.AddHours(2)));
        var applied = RecordApplyTimes(host);
        await host.StartAsync(ChangeHost.Plan(observe: TimeSpan.FromMinutes(275)) with { ChangeWindows = [Night] });
        var noon = ChangeHost.Start.AddHours(12);
        await host.RunAsync(until: noon);

        var route = await host.Runner.DeliverAlertAsync(new AlertSignal("a-2", ChangeHost.ResourceId, "5xx", "Sev1", true, noon, "HTTP 5xx > 5%"), TimeSpan.FromDays(7));
        await host.RunAsync();

        Assert.Equal(new AlertRoute.SignalChange(ChangeHost.InstanceId), route);
        var outcome = host.Outcome();
        Assert.Equal(ChangeState.RolledBack, outcome.State);
        Assert.Equal(1, outcome.StagesCompleted);
        Assert.Equal("alert '5xx' fired while stage 2/2 waited for the change window: HTTP 5xx > 5%", outcome.Reason);
        Assert.Equal([Three, ChangeHost.Baseline], host.Config.Applies);
        Assert.Equal([ChangeHost.Start.AddHours(2), noon], applied);
        Assert.Equal(noon, host.Time.GetUtcNow());
    }

    [Fact]
    public async Task RunAsync_AlertFiredBeforeTheChangeWhileWaitingForTheFirstWindow_Ignored()
    {
        using var host = new ChangeHost(new FakeTimeProvider(ChangeHost.Start.AddHours(7)));
        var applied = RecordApplyTimes(host);
        await host.StartAsync(ChangeHost.Plan(stages: 1) with { ChangeWindows = [Night] });
        await host.RunAsync(until: ChangeHost.Start.AddHours(8));

        var old = new AlertSignal("a-3", ChangeHost.ResourceId, "High CPU", "Sev2", true, ChangeHost.Start.AddHours(8), "CPU > 85");
        await host.Runner.DeliverAlertAsync(old, TimeSpan.FromDays(7));
        await host.RunAsync();

        // Nothing was applied when it fired: it is not the change's, and the change goes ahead at 01:00.
        Assert.Equal(ChangeState.Promoted, host.Outcome().State);
        Assert.Equal([ChangeHost.Start.AddDays(1).AddHours(1)], applied);
    }

    [Fact]
    public async Task RunAsync_NoWindows_AppliesWhenDueWithoutWaiting()
    {
        using var host = new ChangeHost(new FakeTimeProvider(ChangeHost.Start.AddHours(12)));
        var applied = RecordApplyTimes(host);

        var outcome = await host.RunToEndAsync(ChangeHost.Plan() with { ChangeWindows = [] });

        Assert.Equal(ChangeState.Promoted, outcome.State);
        Assert.Equal([ChangeHost.Start.AddHours(12), ChangeHost.Start.AddHours(12).AddMinutes(130)], applied);
        Assert.DoesNotContain(await host.EventsAsync(), e => e.Step == ChangeSteps.Window);
    }

    [Fact]
    public async Task RecoverAsync_CrashWhileStageTwoWaitsForTheWindow_KeepsStageOneAndAppliesStageTwoInTheNextWindow()
    {
        var time = new FakeTimeProvider(ChangeHost.Start.AddHours(2));
        var journal = new InMemoryJournal();
        var first = new ChangeHost(time, journal);
        await first.StartAsync(ChangeHost.Plan(observe: TimeSpan.FromMinutes(275)) with { ChangeWindows = [Night] });
        await first.RunAsync(until: ChangeHost.Start.AddHours(12));
        first.Dispose();

        using var host = new ChangeHost(time, journal, first.Config, first.Metrics);
        var applied = RecordApplyTimes(host);
        var recovery = new RecoveryService(journal, journal, new RunnerWorkflowHost(host.Runner), time, NullLogger<RecoveryService>.Instance);
        var action = Assert.Single(await recovery.RecoverAsync(TestContext.Current.CancellationToken));
        await host.RunAsync();

        // The window step left the change Observing at stage 2 with no apply of stage 2: stage 1 (promoted) stays,
        // and stage 2 is applied when the next window opens, never outside it.
        Assert.Equal(RecoveryKind.Reapply, action.Kind);
        Assert.Equal(ChangeState.Promoted, host.Outcome().State);
        Assert.Equal(Two, first.Config.Current(ChangeHost.ResourceId));
        Assert.Single(applied);
        Assert.All(applied, at => Assert.InRange(at.UtcDateTime.TimeOfDay, TimeSpan.FromHours(1), TimeSpan.FromHours(6)));
    }

    /// <summary>Window shapes: the default night, a window past midnight in Amsterdam, two short weekday windows, and
    /// two windows in different zones (the start range spans the Amsterdam spring-forward night of 29 March 2026).</summary>
    public static TheoryData<string, ChangeWindow[]> WindowShapes => new()
    {
        { "night UTC", [Night] },
        { "22:00-02:00 Amsterdam", [new ChangeWindow { Start = new(22, 0), End = new(2, 0), TimeZone = "Europe/Amsterdam" }] },
        { "Tue+Thu 09:00-10:30 UTC", [new ChangeWindow { Days = [DayOfWeek.Tuesday, DayOfWeek.Thursday], Start = new(9, 0), End = new(10, 30) }] },
        {
            "Sat New York + Mon Tokyo",
            [
                new ChangeWindow { Days = [DayOfWeek.Saturday], Start = new(10, 0), End = new(12, 0), TimeZone = "America/New_York" },
                new ChangeWindow { Days = [DayOfWeek.Monday], Start = new(3, 0), End = new(4, 0), TimeZone = "Asia/Tokyo" },
            ]
        },
    };

    [Theory]
    [MemberData(nameof(WindowShapes))]
    public async Task RunAsync_AnyStartAndStageShape_EveryApplyInsideAWindowAndWaitsEndAtAnOpening(string shape, ChangeWindow[] windows)
    {
        var origin = new DateTimeOffset(2026, 3, 23, 0, 0, 0, TimeSpan.Zero);
        var cases = Gen.Sample(
            from minute in Gen.Choose(0, (14 * 24 * 60) - 1)
            from stages in Gen.Choose(1, 3)
            from observeMinutes in Gen.Choose(30, 8 * 60)
            select (Start: origin.AddMinutes(minute), Stages: stages, Observe: TimeSpan.FromMinutes(observeMinutes)),
            50, new Rnd(20261123UL), 12);

        foreach (var c in cases)
        {
            using var host = new ChangeHost(new FakeTimeProvider(c.Start));
            var applied = RecordApplyTimes(host);

            var outcome = await host.RunToEndAsync(ChangeHost.Plan(stages: c.Stages, observe: c.Observe) with { ChangeWindows = windows });

            var what = $"{shape}, start {c.Start:u}, {c.Stages} stage(s) of {c.Observe}";
            Assert.True(outcome.State == ChangeState.Promoted, $"{what}: {outcome.State} {outcome.Reason}");
            Assert.Equal(c.Stages, applied.Count);
            Assert.All(applied, t => Assert.True(windows.Any(w => InsideByHand(t, w)), $"{what}: applied at {t:u}, outside every window"));
            foreach (var wait in (await host.EventsAsync()).Where(e => e.Step == ChangeSteps.Window))
            {
                // A wait ends exactly when a window opens: not a minute later than needed.
                var at = applied[wait.StageIndex];
                Assert.True(windows.Any(w => InsideByHand(at, w) && !InsideByHand(at.AddMinutes(-1), w)), $"{what}: waited until {at:u}, not an opening");
            }
        }
    }

    /// <summary>Inside <paramref name="w"/>, recomputed from local wall-clock time without <see cref="ChangeWindowCalendar"/>.</summary>
    private static bool InsideByHand(DateTimeOffset instant, ChangeWindow w)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(w.TimeZone)).DateTime;
        var time = TimeOnly.FromDateTime(local);
        return w.Start < w.End
            ? w.Days.Contains(local.DayOfWeek) && time >= w.Start && time < w.End
            : (w.Days.Contains(local.DayOfWeek) && time >= w.Start) || (w.Days.Contains(local.AddDays(-1).DayOfWeek) && time < w.End);
    }

    private static List<DateTimeOffset> RecordApplyTimes(ChangeHost host)
    {
        var times = new List<DateTimeOffset>();
        host.Config.OnApply = _ =>
        {
            times.Add(host.Time.GetUtcNow());
            return null;
        };
        return times;
    }
}
