using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Functions.Tests;

/// <summary>The production staged-change orchestrator on the real Durable engine: promote, roll back on a guard, and
/// activity failures, transient (Durable retries them) and permanent (the workflow turns them into a rollback).</summary>
public sealed class StagedChangeTests
{
    [Fact]
    public async Task HealthyStages_Promote_AndTheJournalHoldsEveryStep()
    {
        await using var loop = await DurableLoop.StartAsync();

        var outcome = await loop.RunToEndAsync(DurableLoop.Plan());

        Assert.Equal(ChangeState.Promoted, outcome.State);
        Assert.Equal(new AppServicePlanConfig("P1v3", 3), loop.Config.Current(DurableLoop.ResourceId));
        var steps = (await loop.EventsAsync()).Select(e => e.Step).ToList();
        Assert.Equal([ChangeSteps.Capture, ChangeSteps.Baseline, ChangeSteps.Apply], steps.Take(3));
        Assert.Equal(ChangeSteps.Promote, steps[^1]);
        Assert.Equal(ChangeState.Promoted, (await loop.Journal.GetAsync("chg-1", DurableLoop.Ct))!.State);
    }

    [Fact]
    public async Task SecondStageBreachesLatency_RollsBackToTheCapturedConfiguration()
    {
        await using var loop = await DurableLoop.StartAsync();

        // x 2 answers 500 ms against a 300 ms guard.
        var outcome = await loop.RunToEndAsync(DurableLoop.Plan(finalWorkers: 2));

        Assert.Equal(ChangeState.RolledBack, outcome.State);
        Assert.Equal(1, outcome.StagesCompleted);
        Assert.Equal(DurableLoop.Baseline, loop.Config.Current(DurableLoop.ResourceId));
        Assert.Contains(await loop.EventsAsync(), e => e.Step == ChangeSteps.Rollback && e.State == ChangeState.RolledBack);
    }

    [Fact]
    public async Task CaptureThrowsTwice_DurableRetriesIt_AndTheChangePromotes()
    {
        await using var loop = await DurableLoop.StartAsync();
        loop.Ports.ReadThrows = 2; // FastRetry allows 3 attempts

        var outcome = await loop.RunToEndAsync(DurableLoop.Plan());

        Assert.Equal(ChangeState.Promoted, outcome.State);
        Assert.Equal(0, loop.Ports.ReadThrows);
    }

    [Fact]
    public async Task CaptureThrowsBeyondDurablesRetries_TheWorkflowReadsAgainOnATimer_AndPromotes()
    {
        await using var loop = await DurableLoop.StartAsync();
        loop.Ports.ReadThrows = 4; // 3 Durable attempts fail, then the workflow's second read succeeds on its 1st attempt

        var outcome = await loop.RunToEndAsync(DurableLoop.Plan());

        Assert.Equal(ChangeState.Promoted, outcome.State);
    }

    [Fact]
    public async Task CaptureAlwaysThrows_AbortsWithTheReasonAndTheAttempts_NothingApplied()
    {
        await using var loop = await DurableLoop.StartAsync();
        loop.Ports.ReadThrows = int.MaxValue;

        var outcome = await loop.RunToEndAsync(DurableLoop.Plan());

        Assert.Equal(ChangeState.Aborted, outcome.State);
        Assert.Contains("connection reset (injected)", outcome.Reason, StringComparison.Ordinal);
        Assert.EndsWith("(after 3 attempts)", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(loop.Config.Applies);
    }

    [Fact]
    public async Task ApplyOfTheStageAlwaysThrows_RollsBack_AndTheResourceIsRestored()
    {
        await using var loop = await DurableLoop.StartAsync();
        loop.Ports.ApplyThrows = target => target is AppServicePlanConfig { Workers: 3 };

        var outcome = await loop.RunToEndAsync(DurableLoop.Plan());

        Assert.Equal(ChangeState.RolledBack, outcome.State);
        Assert.Equal(DurableLoop.Baseline, loop.Config.Current(DurableLoop.ResourceId));
        Assert.Contains(await loop.EventsAsync(), e => e.Message.Contains("apply of P1v3 x 3 failed (injected)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Output_IsWrittenWithTheWorkersSerializer()
    {
        await using var loop = await DurableLoop.StartAsync();
        await loop.RunToEndAsync(DurableLoop.Plan());

        var done = await loop.WaitAsync();

        // The engine runs with the Functions extension's converter, not Durable's default JsonDataConverter.
        var worker = loop.Host.Services.GetRequiredService<IOptionsMonitor<DurableTaskWorkerOptions>>().Get(Options.DefaultName);
        Assert.Equal("ObjectConverterShim", worker.DataConverter.GetType().Name);

        // The worker's default serializer keeps .NET property names (no camelCase policy).
        Assert.Contains("\"State\":", done.SerializedOutput, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
    }
}
