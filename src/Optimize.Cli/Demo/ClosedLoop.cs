using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Optimize.Advisors;
using Optimize.Catalog;
using Optimize.Changes;
using Optimize.Engine;
using Optimize.Hosting;
using Optimize.Journal;
using Optimize.Policy;
using Optimize.Ports;
using Optimize.Pricing;
using Optimize.Simulator.Fleet;
using Optimize.Workflow.Activities;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;
using Optimize.Workflow.Runner;

namespace Optimize.Cli.Demo;

/// <summary>
/// The whole loop on a simulated fleet and a virtual clock: every day at 02:00 a pass, its changes started as
/// staged workflows, an operator answering approvals, and the clock run to the next day. The same engine, workflows,
/// runner, journal and Azure adapters as production: the adapters talk to the fleet through the Azure emulator
/// (<see cref="EmulatedCloud"/>), so every read and write crosses Azure's REST surface. Shared by <c>demo</c> and <c>backtest</c>.
/// </summary>
internal sealed class ClosedLoop : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock;
    private readonly EmulatedCloud _cloud;
    private readonly WorkflowRunner _runner;
    private readonly RunnerWorkflowHost _host;
    private readonly NightlyService _nightly;
    private readonly RecoveryService _recovery;
    private readonly IJournal _journal;
    private readonly TimeSpan _approvalDelay;
    private readonly string _trigger;

    private ClosedLoop(EmulatedCloud cloud, FakeTimeProvider clock, IReadOnlyList<string> subscriptions, OptimizePolicy policy, IJournal journal, ILoggerFactory loggers, TimeSpan? approvalDelay, string trigger)
    {
        _cloud = cloud;
        _trigger = trigger;
        _clock = clock;
        _journal = journal;
        _approvalDelay = approvalDelay ?? TimeSpan.FromMinutes(30);
        var azure = cloud.Engine;
        var ports = new PassPorts(azure.Inventory, azure.Metrics, cloud.Catalog, azure.Prices, journal, journal);
        var pass = new OptimizationPass(ports, AdvisorSet.Default, _clock, loggers.CreateLogger<OptimizationPass>());
        var activities = new ChangeActivities(azure.Configuration, azure.Metrics, journal, _clock, loggers.CreateLogger<ChangeActivities>());
        _runner = new WorkflowRunner(
            _clock,
            new ActivityRegistry().AddChangeActivities(activities),
            loggers,
            new WorkflowRunnerOptions { VirtualClock = new FakeClock(_clock) });
        _host = new RunnerWorkflowHost(_runner);
        var scheduler = new PassScheduler(pass, journal, _clock, loggers.CreateLogger<PassScheduler>());
        var scope = new InventoryScope(subscriptions, [], []);
        _nightly = new NightlyService(scheduler, journal, policy, scope, _clock);
        _recovery = new RecoveryService(journal, journal, _host, _clock, loggers.CreateLogger<RecoveryService>());
    }

    /// <summary>Serves <paramref name="fleet"/> through the emulator from <paramref name="start"/> and wires the loop to it.</summary>
    public static async Task<ClosedLoop> StartAsync(
        SimulatedFleet fleet, OptimizePolicy policy, IJournal journal, DateTimeOffset start, ILoggerFactory loggers, CancellationToken ct, TimeSpan? approvalDelay = null, string trigger = "demo")
    {
        var clock = new FakeTimeProvider(start);
        var log = loggers.CreateLogger<ClosedLoop>();
        var cloud = await EmulatedCloud.StartAsync(fleet, clock, skipped => log.LogWarning("{Skipped}", skipped), ct);
        return new ClosedLoop(cloud, clock, fleet.Subscriptions, policy, journal, loggers, approvalDelay, trigger);
    }

    /// <summary>The virtual clock.</summary>
    public TimeProvider Clock => _clock;

    /// <summary>The runner (tests inject events through it).</summary>
    public WorkflowRunner Runner => _runner;

    /// <summary>Runs <paramref name="days"/> nightly passes at 02:00 UTC and the changes they start.</summary>
    public async Task<LoopResult> RunAsync(int days, IProgress<LoopProgress>? progress, CancellationToken ct)
    {
        var recovered = await _recovery.RecoverAsync(ct);
        var passes = new List<ScheduledPass>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var firstPass = NextAt(_clock.GetUtcNow(), TimeSpan.FromHours(2));
        for (var day = 0; day < days; day++)
        {
            var at = firstPass.AddDays(day);
            await _runner.RunUntilIdleAsync(at, ct);
            AdvanceTo(at);
            progress?.Report(new LoopProgress(day + 1, days, _clock.GetUtcNow(), "pass", null, null));
            var passProgress = new Progress<PassProgress>(p => progress?.Report(new LoopProgress(day + 1, days, _clock.GetUtcNow(), p.Step, null, p)));
            var (result, scheduled) = await _nightly.RunPassAsync(_trigger, _host, passProgress, ct);
            if (scheduled is null)
            {
                throw new InvalidOperationException("The pass failed: " + System.Text.Json.JsonSerializer.Serialize(result.Body));
            }

            passes.Add(scheduled);
            progress?.Report(new LoopProgress(day + 1, days, _clock.GetUtcNow(), "planned", scheduled, null));
            await AnswerApprovalsAsync(scheduled, ct);
            await _runner.RunUntilIdleAsync(at.AddDays(1).AddMinutes(-1), ct);
            progress?.Report(new LoopProgress(day + 1, days, _clock.GetUtcNow(), "day-done", scheduled, null)
            {
                Ended = await NewlyEndedAsync(passes, reported, ct),
            });
        }

        return new LoopResult(passes, recovered, _clock.GetUtcNow(), AzureTraffic.From(_cloud.World));
    }

    public async ValueTask DisposeAsync()
    {
        _runner.Dispose();
        await _cloud.DisposeAsync();
    }

    /// <summary>Changes of the run that reached a terminal state since the last report.</summary>
    private async Task<IReadOnlyList<ChangeRecord>> NewlyEndedAsync(List<ScheduledPass> passes, HashSet<string> reported, CancellationToken ct)
    {
        var ended = new List<ChangeRecord>();
        foreach (var id in passes.SelectMany(p => p.Started).Where(id => !reported.Contains(id)))
        {
            if (await _journal.GetAsync(id, ct) is { } change && change.State.IsTerminal())
            {
                reported.Add(id);
                ended.Add(change);
            }
        }

        return ended;
    }

    /// <summary>The demo's operator approves every change waiting for approval, after a short while.</summary>
    private async Task AnswerApprovalsAsync(ScheduledPass scheduled, CancellationToken ct)
    {
        var waiting = scheduled.Result.Plans.Where(p => p.RequiresApproval && scheduled.Started.Contains(p.ChangeId)).ToList();
        if (waiting.Count == 0)
        {
            return;
        }

        await _runner.RunUntilIdleAsync(_clock.GetUtcNow() + _approvalDelay, ct);
        foreach (var plan in waiting)
        {
            await _host.RaiseEventAsync(
                InstanceIds.ForChange(plan.Resource.Id),
                WorkflowEvents.Approval,
                new ApprovalDecision(true, "demo-operator", "approved in the demo"),
                ct);
        }
    }

    private void AdvanceTo(DateTimeOffset at)
    {
        if (_clock.GetUtcNow() < at)
        {
            _clock.SetUtcNow(at);
        }
    }

    private static DateTimeOffset NextAt(DateTimeOffset now, TimeSpan timeOfDay)
    {
        var candidate = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + timeOfDay;
        return candidate >= now ? candidate : candidate.AddDays(1);
    }

    private sealed class FakeClock(FakeTimeProvider clock) : IVirtualClock
    {
        public void AdvanceTo(DateTimeOffset instant) => clock.SetUtcNow(instant);
    }
}

/// <summary>Progress of a closed-loop run.</summary>
internal sealed record LoopProgress(int Day, int Days, DateTimeOffset At, string Step, ScheduledPass? Pass, PassProgress? PassStep)
{
    /// <summary>Changes that ended since the previous report (on "day-done").</summary>
    public IReadOnlyList<ChangeRecord> Ended { get; init; } = [];
}

/// <summary>What a closed-loop run did.</summary>
internal sealed record LoopResult(IReadOnlyList<ScheduledPass> Passes, IReadOnlyList<RecoveryAction> Recovered, DateTimeOffset EndedAt, AzureTraffic Azure);
