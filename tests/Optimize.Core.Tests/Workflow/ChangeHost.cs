using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Optimize.Changes;
using Optimize.Guards;
using Optimize.Journal;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Tests.Workflow.Fakes;
using Optimize.Workflow.Activities;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;
using Optimize.Workflow.Runner;

namespace Optimize.Tests.Workflow;

/// <summary>
/// The real runner on a virtual clock over an in-memory journal and scripted fakes. An App Service plan at
/// P1v3 x 4 whose latency is 100 ms and CPU 50 % unless a test scripts otherwise.
/// </summary>
internal sealed class ChangeHost : IDisposable
{
    public const string ResourceId = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan1";
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    public static readonly ResourceRef Resource = new(ResourceId, ResourceKind.AppServicePlan, "westeurope")
    {
        // A plan's latency and errors are read from its sites.
        HostedSites = ["/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/web1"],
    };
    public static readonly AppServicePlanConfig Baseline = new("P1v3", 4);

    public ChangeHost(FakeTimeProvider? time = null, InMemoryJournal? journal = null, FakeConfigurationClient? config = null, FakeMetricsReader? metrics = null)
    {
        Time = time ?? new FakeTimeProvider(Start);
        Journal = journal ?? new InMemoryJournal();
        Config = config ?? new FakeConfigurationClient(Time);
        if (config is null)
        {
            Config.Set(ResourceId, Baseline);
        }

        Metrics = metrics ?? new FakeMetricsReader
        {
            Scripts = { [MetricNames.LatencyMs] = _ => 100, [MetricNames.Cpu] = _ => 50 },
        };
        Activities = new ChangeActivities(Config, Metrics, Journal, Time, NullLogger<ChangeActivities>.Instance);
        Registry = new ActivityRegistry().AddChangeActivities(Activities);
        Runner = new WorkflowRunner(Time, Registry, NullLoggerFactory.Instance, new WorkflowRunnerOptions { VirtualClock = new FakeClock(Time) });
    }

    public FakeTimeProvider Time { get; }

    public InMemoryJournal Journal { get; }

    public FakeConfigurationClient Config { get; }

    public FakeMetricsReader Metrics { get; }

    public ChangeActivities Activities { get; }

    public ActivityRegistry Registry { get; }

    public WorkflowRunner Runner { get; }

    public static string InstanceId => InstanceIds.ForChange(ResourceId);

    /// <summary>Guards: latency p95 ≤ 300 ms and ≤ baseline +25 %; CPU p95 ≤ 90 %.</summary>
    public static IReadOnlyList<GuardSpec> Guards { get; } =
    [
        new GuardSpec(MetricNames.LatencyMs, "p95", AbsoluteMax: 300, MaxRegressionPercent: 25),
        new GuardSpec(MetricNames.Cpu, "p95", AbsoluteMax: 90),
    ];

    /// <summary>P1v3 x 4 → x 3 → x 2; each stage settles 10 min and is observed 2 h, checked every 15 min.</summary>
    public static ChangePlan Plan(
        string changeId = "chg-1",
        int stages = 2,
        bool approval = false,
        TimeSpan? observe = null,
        ResourceConfig? baseline = null)
    {
        var list = Enumerable.Range(0, stages)
            .Select(i => new ChangeStage(i, new AppServicePlanConfig("P1v3", 3 - i), TimeSpan.FromMinutes(10), observe ?? TimeSpan.FromHours(2), TimeSpan.FromMinutes(15)))
            .ToList();
        return new ChangePlan(
            changeId, "pass-1", Resource, baseline ?? Baseline, list, approval, TimeSpan.FromDays(1), Guards,
            TimeSpan.FromDays(1), 120m, "USD", "CPU p95 31% on 4 workers");
    }

    /// <summary>Records the plan in the journal (as the planner does) and starts its workflow.</summary>
    public async Task<WorkflowStartResult> StartAsync(ChangePlan plan)
    {
        await Journal.CreateAsync(ChangeRecord.Planned(plan, Time.GetUtcNow()));
        return await Runner.StartAsync(WorkflowNames.StagedChange, InstanceId, plan);
    }

    public Task RunAsync(DateTimeOffset? until = null) => Runner.RunUntilIdleAsync(until);

    public async Task<ChangeOutcome> RunToEndAsync(ChangePlan plan)
    {
        var started = await StartAsync(plan);
        Assert.True(started.Started, started.Reason);
        await RunAsync();
        return Outcome();
    }

    public ChangeOutcome Outcome(string? instanceId = null)
    {
        var status = Runner.GetStatus(instanceId ?? InstanceId);
        Assert.NotNull(status);
        Assert.True(status.RuntimeStatus == WorkflowRuntimeStatus.Completed, $"{status.RuntimeStatus}: {status.Failure}");
        return status.ReadOutput<ChangeOutcome>()!;
    }

    public async Task<List<ChangeEvent>> EventsAsync(string changeId = "chg-1")
    {
        var list = new List<ChangeEvent>();
        await foreach (var e in Journal.ListEventsAsync(changeId))
        {
            list.Add(e);
        }

        return list;
    }

    public async Task<ChangeRecord> ChangeAsync(string changeId = "chg-1") => (await Journal.GetAsync(changeId))!;

    public void Dispose() => Runner.Dispose();
}
