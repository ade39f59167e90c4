using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Optimize.Changes;
using Optimize.Functions.Durable;
using Optimize.Guards;
using Optimize.Journal;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Ports;
using Optimize.Tests.Workflow.Fakes;
using Optimize.Workflow;
using Optimize.Workflow.Activities;
using Optimize.Workflow.Hosting;

namespace Optimize.Functions.Tests;

/// <summary>
/// The Function App's own <see cref="Orchestrators"/> and <see cref="Activities"/> on the real Durable engine
/// (DurableTaskTestHost: an in-process sidecar on a free loopback port, real replay, a real gRPC client), with the
/// worker's data converter, over an in-memory journal and scripted fakes. An App Service plan at P1v3 x 4 whose
/// latency is 100 ms while it has 3 or more workers and 500 ms at 2 or fewer (the metrics answer the configuration in
/// effect at each point). Timers are real: stages settle 1 s and observe 2 s, checked every second.
/// </summary>
internal sealed class DurableLoop : IAsyncDisposable
{
    public const string ResourceId = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan1";
    public static readonly ResourceRef Resource = new(ResourceId, ResourceKind.AppServicePlan, "westeurope");
    public static readonly AppServicePlanConfig Baseline = new("P1v3", 4);

    /// <summary>Retries fast enough for tests (the production default waits about 35 s over four attempts).</summary>
    public static readonly ActivityRetryOptions FastRetry = new() { MaxAttempts = 3, FirstRetryInterval = TimeSpan.FromMilliseconds(200), MaxRetryInterval = TimeSpan.FromSeconds(1) };

    /// <summary>The workflow's own retries (reads, baseline, journal steps), in tenths of seconds instead of minutes.</summary>
    public static readonly WorkflowRetry FastWorkflowRetry = new() { Attempts = 3, FirstDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1) };

    private readonly List<IAsyncDisposable> _owned = [];

    private DurableLoop(DurableTaskTestHost host, FaultyPorts ports)
    {
        Host = host;
        Ports = ports;
        Workflows = new DurableWorkflowHost(host.Client);
    }

    public DurableTaskTestHost Host { get; }

    public DurableTaskClient Client => Host.Client;

    /// <summary>The production IWorkflowHost over the host's client.</summary>
    internal DurableWorkflowHost Workflows { get; }

    public FaultyPorts Ports { get; }

    public InMemoryJournal Journal => Ports.Memory;

    public FakeConfigurationClient Config => Ports.Config;

    public static string InstanceId => InstanceIds.ForChange(ResourceId);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static IReadOnlyList<GuardSpec> Guards { get; } = [new GuardSpec(MetricNames.LatencyMs, "p95", AbsoluteMax: 300)];

    public static async Task<DurableLoop> StartAsync(ActivityRetryOptions? retry = null)
    {
        var ports = new FaultyPorts();
        var activities = new Activities(new ChangeActivities(ports, ports.Metrics, ports, TimeProvider.System, NullLogger<ChangeActivities>.Instance));
        var orchestrators = new Orchestrators(retry ?? FastRetry);
        var converter = WorkerDataConverter.Create();
        var host = await DurableTaskTestHost.StartAsync(
            r => Register(r, orchestrators, activities),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = s =>
                {
                    s.PostConfigureAll<DurableTaskWorkerOptions>(o => o.DataConverter = converter);
                    s.PostConfigureAll<DurableTaskClientOptions>(o => o.DataConverter = converter);
                },
            },
            Ct);
        return new DurableLoop(host, ports);
    }

    /// <summary>Registered by name as the Functions host does, with the typed overloads so GetInput deserializes.</summary>
    private static void Register(DurableTaskRegistry r, Orchestrators o, Activities a)
    {
        r.AddOrchestratorFunc<ChangePlan, ChangeOutcome>(WorkflowNames.StagedChange, (ctx, _) => o.StagedChange(ctx));
        r.AddOrchestratorFunc<StagedChangeResume, ChangeOutcome>(StagedChangeWorkflow.ResumeName, (ctx, _) => o.StagedChangeResume(ctx));
        r.AddOrchestratorFunc<AlertRemediationInput, RemediationOutcome>(WorkflowNames.AlertRemediation, (ctx, _) => o.AlertRemediation(ctx));
        r.AddActivityFunc<ResourceRef, ConfigurationRead>(ActivityNames.CaptureConfiguration, (_, i) => a.CaptureConfiguration(i, CancellationToken.None));
        r.AddActivityFunc<ApplyInput, ApplyResult>(ActivityNames.ApplyConfiguration, (_, i) => a.ApplyConfiguration(i, CancellationToken.None));
        r.AddActivityFunc<BaselineInput, GuardBaseline>(ActivityNames.MeasureBaseline, (_, i) => a.MeasureBaseline(i, CancellationToken.None));
        r.AddActivityFunc<AssessInput, StageVerdict>(ActivityNames.AssessGuards, (_, i) => a.AssessGuards(i, CancellationToken.None));
        r.AddActivityFunc<JournalStepInput, ChangeEvent>(ActivityNames.RecordStep, (_, i) => a.RecordStep(i, CancellationToken.None));
        r.AddActivityFunc<RevertLookupInput, RevertCandidate>(ActivityNames.FindRevertCandidate, (_, i) => a.FindRevertCandidate(i, CancellationToken.None));
    }

    /// <summary>P1v3 x 4 → x 3 → x 2 by default (<paramref name="finalWorkers"/> sets the last stage).</summary>
    public static ChangePlan Plan(bool approval = false, int finalWorkers = 3, TimeSpan? approvalTimeout = null)
    {
        var stages = new List<ChangeStage> { Stage(0, 3) };
        if (finalWorkers != 3)
        {
            stages.Add(Stage(1, finalWorkers));
        }

        return new ChangePlan(
            "chg-1", "pass-1", Resource, Baseline, stages, approval, approvalTimeout ?? TimeSpan.FromMinutes(5), Guards,
            TimeSpan.FromHours(1), 120m, "USD", "CPU p95 31% on 4 workers") { Retry = FastWorkflowRetry };

        static ChangeStage Stage(int index, int workers) =>
            new(index, new AppServicePlanConfig("P1v3", workers), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
    }

    /// <summary>Records the plan (as the planner does) and starts its orchestration through DurableWorkflowHost.</summary>
    public async Task StartChangeAsync(ChangePlan plan)
    {
        await Journal.CreateAsync(ChangeRecord.Planned(plan, DateTimeOffset.UtcNow), Ct);
        await Workflows.StartAsync(WorkflowNames.StagedChange, InstanceId, plan, Ct);
    }

    public async Task<OrchestrationMetadata> WaitAsync(string? instanceId = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        return await Client.WaitForInstanceCompletionAsync(instanceId ?? InstanceId, getInputsAndOutputs: true, timeout.Token);
    }

    public async Task<ChangeOutcome> RunToEndAsync(ChangePlan plan)
    {
        await StartChangeAsync(plan);
        var done = await WaitAsync();
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails}");
        return done.ReadOutputAs<ChangeOutcome>()!;
    }

    public async Task<List<ChangeEvent>> EventsAsync(string changeId = "chg-1")
    {
        var list = new List<ChangeEvent>();
        await foreach (var e in Journal.ListEventsAsync(changeId, Ct))
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>Disposes <paramref name="owned"/> with the loop (the emulator behind a test's endpoints).</summary>
    public void Adopt(IAsyncDisposable owned) => _owned.Add(owned);

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        await Host.DisposeAsync();
    }
}
