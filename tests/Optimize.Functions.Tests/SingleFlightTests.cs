using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Optimize.Functions.Durable;
using Optimize.Workflow.Hosting;

namespace Optimize.Functions.Tests;

/// <summary>Single flight on the real engine: without dedupe statuses this backend silently replaces a running
/// instance (issue 10), so the refusal must come from DurableWorkflowHost's explicit statuses.</summary>
public sealed class SingleFlightTests
{
    private const string Waits = "WaitsForGo";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<DurableTaskTestHost> StartHostAsync() =>
        DurableTaskTestHost.StartAsync(r => r.AddOrchestrator<WaitsForGo>(), cancellationToken: Ct);

    /// <summary>A class, not a lambda: the DurableTask analyzers (1.28.0) crash with AD0001 on lambda orchestrators.</summary>
    [DurableTask(Waits)]
    private sealed class WaitsForGo : TaskOrchestrator<object?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) =>
            context.WaitForExternalEvent<string>("go");
    }

    [Fact]
    public async Task StartAsync_SameIdWhileRunning_IsRefusedAsAlreadyRunning_AndTheFirstKeepsRunning()
    {
        await using var host = await StartHostAsync();
        var workflows = new DurableWorkflowHost(host.Client);

        await workflows.StartAsync(Waits, "chg-a", new { }, Ct);
        await host.Client.WaitForInstanceStartAsync("chg-a", Ct);
        var ex = await Assert.ThrowsAsync<WorkflowAlreadyRunningException>(() => workflows.StartAsync(Waits, "chg-a", new { }, Ct));

        Assert.Contains("chg-a", ex.Message, StringComparison.Ordinal);
        await host.Client.RaiseEventAsync("chg-a", "go", "first", Ct);
        var done = await host.Client.WaitForInstanceCompletionAsync("chg-a", getInputsAndOutputs: true, Ct);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("first", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task StartAsync_SameIdAfterCompletion_StartsAgain()
    {
        await using var host = await StartHostAsync();
        var workflows = new DurableWorkflowHost(host.Client);
        await workflows.StartAsync(Waits, "chg-b", new { }, Ct);
        await host.Client.WaitForInstanceStartAsync("chg-b", Ct);
        await host.Client.RaiseEventAsync("chg-b", "go", "first", Ct);
        await host.Client.WaitForInstanceCompletionAsync("chg-b", Ct);

        await workflows.StartAsync(Waits, "chg-b", new { }, Ct);

        var state = await workflows.GetStateAsync("chg-b", Ct);
        Assert.NotNull(state);
        Assert.True(state.IsActive, $"status {state.Status}");
    }
}
