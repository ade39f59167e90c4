using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Optimize.Advisors;
using Optimize.Catalog;
using Optimize.Changes;
using Optimize.Engine;
using Optimize.Guards;
using Optimize.Journal;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Ports;
using Optimize.Simulator.Fleet;
using Optimize.Tests.Emulated;
using Optimize.Workflow.Activities;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;
using Optimize.Workflow.Runner;

namespace Optimize.Hosting.Tests;

/// <summary>
/// The application services over the in-process runner on a virtual clock, a simulated fleet served by the in-process Azure
/// emulator and read and written through the production adapters (<see cref="EmulatedFleet"/>), and an in-memory journal
/// (wired as <c>ClosedLoop</c> in the CLI wires them). Starts on a Monday at 02:00 UTC, inside the default change window.
/// </summary>
internal sealed class HostingLoop : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private readonly EmulatedFleet _cloud;

    private HostingLoop(EmulatedFleet cloud, FakeTimeProvider time, OptimizePolicy policy, InMemoryJournal memory, IJournal journal)
    {
        _cloud = cloud;
        Policy = policy;
        Time = time;
        Memory = memory;
        Journal = journal;
        Fleet = cloud.Fleet;
        var azure = cloud.Engine;
        Config = azure.Configuration;
        var ports = new PassPorts(azure.Inventory, azure.Metrics, cloud.Catalog, azure.Prices, Journal, Journal);
        var pass = new OptimizationPass(ports, AdvisorSet.Default, Time, NullLogger<OptimizationPass>.Instance);
        var activities = new ChangeActivities(Config, azure.Metrics, Journal, Time, NullLogger<ChangeActivities>.Instance);
        Runner = new WorkflowRunner(
            Time,
            new ActivityRegistry().AddChangeActivities(activities),
            NullLoggerFactory.Instance,
            new WorkflowRunnerOptions { VirtualClock = new FakeClock(Time) });
        Host = new RecordingHost(new RunnerWorkflowHost(Runner));
        Scheduler = new PassScheduler(pass, Journal, Time, NullLogger<PassScheduler>.Instance);
        Nightly = new NightlyService(Scheduler, Journal, Policy, new InventoryScope(Fleet.Subscriptions, [], []), Time);
        Alerts = new AlertIntake(Policy, Fleet.Subscriptions, Journal, Journal, Time, NullLogger<AlertIntake>.Instance);
        Approvals = new ApprovalService(Journal, Journal, NullLogger<ApprovalService>.Instance);
    }

    /// <summary>Generates the fleet (seed 42), serves it through the emulator on the loop's clock and wires the services to it.</summary>
    public static async Task<HostingLoop> StartAsync(OptimizePolicy? policy = null, IJournal? journal = null, int fleetSize = 24)
    {
        var time = new FakeTimeProvider(Start);
        var memory = new InMemoryJournal();
        var fleet = FleetGenerator.Generate(new FleetOptions { Seed = 42, ResourceCount = fleetSize }, BuiltInCatalog.Default);
        var cloud = await EmulatedFleet.StartAsync(fleet, time, ct: TestContext.Current.CancellationToken);
        return new HostingLoop(cloud, time, policy ?? AutoPolicy, memory, journal ?? memory);
    }

    /// <summary>Every scope in auto mode.</summary>
    public static OptimizePolicy AutoPolicy { get; } = new() { DefaultMode = ChangeMode.Auto };

    public OptimizePolicy Policy { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>The in-memory journal (behind <see cref="Journal"/> unless a test brings its own).</summary>
    public InMemoryJournal Memory { get; }

    public IJournal Journal { get; }

    public SimulatedFleet Fleet { get; }

    /// <summary>The production configuration client on the emulator.</summary>
    public IConfigurationClient Config { get; }

    public WorkflowRunner Runner { get; }

    public RecordingHost Host { get; }

    public PassScheduler Scheduler { get; }

    public NightlyService Nightly { get; }

    public AlertIntake Alerts { get; }

    public ApprovalService Approvals { get; }

    /// <summary>An over-provisioned App Service plan of the fleet that can take one more worker.</summary>
    public SimulatedResource Plan() => Fleet.Resources.First(r =>
        r.Resource.Kind == ResourceKind.AppServicePlan
        && r.InitialConfig is AppServicePlanConfig p
        && Fleet.Catalog.Find(ResourceKind.AppServicePlan, p.Sku) is { } spec
        && (spec.MaxWorkers == 0 || p.Workers < spec.MaxWorkers));

    /// <summary>
    /// Journals a one-stage change of <paramref name="resource"/> (one more worker: the guard, CPU p95 ≤ 100 %, always
    /// holds) as the planner would, and starts its workflow. Settles 10 min, observes 2 h checking every 15 min.
    /// </summary>
    public async Task<ChangePlan> StartChangeAsync(SimulatedResource resource, bool approval, string changeId = "chg-1", bool keepWaiting = false)
    {
        var current = (AppServicePlanConfig)(await Config.ReadAsync(resource.Resource)).Config!;
        var plan = new ChangePlan(
            changeId,
            "pass-test",
            resource.Resource,
            current,
            [new ChangeStage(0, current with { Workers = current.Workers + 1 }, TimeSpan.FromMinutes(10), TimeSpan.FromHours(2), TimeSpan.FromMinutes(15))],
            approval,
            TimeSpan.FromDays(1),
            [new GuardSpec(MetricNames.Cpu, "p95", AbsoluteMax: 100)],
            TimeSpan.FromDays(1),
            0m,
            "USD",
            "test change") { KeepWaitingForApproval = keepWaiting };
        await Journal.CreateAsync(ChangeRecord.Planned(plan, Time.GetUtcNow()));
        var started = await Runner.StartAsync(WorkflowNames.StagedChange, InstanceIds.ForChange(resource.Resource.Id), plan);
        Assert.True(started.Started, started.Reason);
        return plan;
    }

    /// <summary>Runs the workflows until idle, or until the clock reaches <paramref name="until"/>.</summary>
    public Task RunAsync(DateTimeOffset? until = null) => Runner.RunUntilIdleAsync(until, TestContext.Current.CancellationToken);

    public async Task<ChangeRecord> ChangeAsync(string changeId = "chg-1") =>
        await Journal.GetAsync(changeId, TestContext.Current.CancellationToken) ?? throw new InvalidOperationException($"no change {changeId}");

    public async Task<List<ChangeEvent>> EventsAsync(string changeId = "chg-1")
    {
        var list = new List<ChangeEvent>();
        await foreach (var e in Memory.ListEventsAsync(changeId, TestContext.Current.CancellationToken))
        {
            list.Add(e);
        }

        return list;
    }

    public async Task<List<PassRecord>> PassesAsync()
    {
        var list = new List<PassRecord>();
        await foreach (var p in Memory.ListPassesAsync(new HistoryQuery(), TestContext.Current.CancellationToken))
        {
            list.Add(p);
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        Runner.Dispose();
        await _cloud.DisposeAsync();
    }

    private sealed class FakeClock(FakeTimeProvider clock) : IVirtualClock
    {
        public void AdvanceTo(DateTimeOffset instant) => clock.SetUtcNow(instant);
    }
}
