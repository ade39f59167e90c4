using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Optimize.Tests.Workflow.Fakes;
using Optimize.Workflow.Activities;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;
using Optimize.Workflow.Runner;

namespace Optimize.Tests.Workflow.Runner;

/// <summary>The runner's own contract: JSON round trips, activity failures, timers, events, real and virtual clocks.</summary>
public sealed class WorkflowRunnerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly WorkflowRunner _runner;

    public WorkflowRunnerTests()
    {
        var activities = new ActivityRegistry()
            .Add<string, string>("echo", (s, _) => Task.FromResult(s))
            .Add<string, string>("boom", (_, _) => throw new InvalidOperationException("disk on fire"))
            .Add<Unreadable, string>("takes-unreadable", (_, _) => Task.FromResult("read"));
        _runner = new WorkflowRunner(_time, activities, NullLoggerFactory.Instance, new WorkflowRunnerOptions { VirtualClock = new FakeClock(_time) });
    }

    public void Dispose() => _runner.Dispose();

    [Fact]
    public async Task StartAsync_InputDoesNotSerialize_ThrowsAndStartsNothing()
    {
        _runner.RegisterWorkflow<WithDelegate, string>("w", (_, _) => Task.FromResult("ran"));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _runner.StartAsync("w", "i-1", new WithDelegate(() => 1)));

        Assert.Contains("does not round-trip through JSON", ex.Message, StringComparison.Ordinal);
        Assert.Null(_runner.GetStatus("i-1"));
    }

    [Fact]
    public async Task CallActivityAsync_InputDoesNotSerialize_WorkflowFails()
    {
        _runner.RegisterWorkflow<string, string>("w", async (ctx, _) => await ctx.CallActivityAsync<string>("echo", new WithDelegate(() => 1)));

        await _runner.StartAsync("w", "i-1", "x");
        await _runner.RunUntilIdleAsync(ct: TestContext.Current.CancellationToken);

        var status = _runner.GetStatus("i-1")!;
        Assert.Equal(WorkflowRuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Contains("does not serialize", status.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallActivityAsync_InputSerializesButCannotBeRead_ActivityFails()
    {
        _runner.RegisterWorkflow<string, string>("w", async (ctx, _) =>
        {
            try
            {
                return await ctx.CallActivityAsync<string>("takes-unreadable", new Unreadable(3));
            }
            catch (WorkflowActivityException ex)
            {
                return ex.ErrorType;
            }
        });

        await _runner.StartAsync("w", "i-1", "x");
        await _runner.RunUntilIdleAsync(ct: TestContext.Current.CancellationToken);

        Assert.Equal(typeof(NotSupportedException).FullName, _runner.GetStatus("i-1")!.ReadOutput<string>());
    }

    [Fact]
    public async Task CallActivityAsync_ActivityThrows_WorkflowActivityExceptionWithDetails()
    {
        _runner.RegisterWorkflow<string, string>("w", async (ctx, _) =>
        {
            try
            {
                return await ctx.CallActivityAsync<string>("boom", "x");
            }
            catch (WorkflowActivityException ex)
            {
                return $"{ex.ActivityName}|{ex.ErrorType}|{ex.Message}";
            }
        });

        await _runner.StartAsync("w", "i-1", "x");
        await _runner.RunUntilIdleAsync(ct: TestContext.Current.CancellationToken);

        Assert.Equal(
            "boom|System.InvalidOperationException|Activity 'boom' failed: System.InvalidOperationException: disk on fire",
            _runner.GetStatus("i-1")!.ReadOutput<string>());
    }

    [Fact]
    public async Task CreateTimer_FireAtInThePast_CompletesWithoutMovingTheClock()
    {
        _runner.RegisterWorkflow<string, DateTime>("w", async (ctx, _) =>
        {
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddHours(-1), CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        });

        await _runner.StartAsync("w", "i-1", "x");
        await _runner.RunUntilIdleAsync(ct: TestContext.Current.CancellationToken);

        Assert.Equal(Start.UtcDateTime, _runner.GetStatus("i-1")!.ReadOutput<DateTime>());
        Assert.Equal(Start, _time.GetUtcNow());
    }

    [Fact]
    public async Task WaitForEventAsync_NoEvent_TimesOutAtTheTimeoutOnTheVirtualClock()
    {
        _runner.RegisterWorkflow<string, string>("w", async (ctx, _) =>
        {
            var result = await ctx.WaitForEventAsync<string>("go", TimeSpan.FromHours(3));
            return result.Received ? "received" : "timed out at " + ctx.CurrentUtcDateTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        });

        await _runner.StartAsync("w", "i-1", "x");
        await _runner.RunUntilIdleAsync(ct: TestContext.Current.CancellationToken);

        Assert.Equal("timed out at 11:00", _runner.GetStatus("i-1")!.ReadOutput<string>());
    }

    [Fact]
    public async Task RunUntilIdleAsync_Until_StopsBeforeLaterTimersAndLeavesTheClockThere()
    {
        _runner.RegisterWorkflow<string, string>("w", async (ctx, _) =>
        {
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddHours(5), CancellationToken.None);
            return "done";
        });

        await _runner.StartAsync("w", "i-1", "x");
        await _runner.RunUntilIdleAsync(Start.AddHours(2), TestContext.Current.CancellationToken);

        Assert.Equal(WorkflowRuntimeStatus.Running, _runner.GetStatus("i-1")!.RuntimeStatus);
        Assert.Equal(Start.AddHours(2), _time.GetUtcNow());
        await _runner.RunUntilIdleAsync(ct: TestContext.Current.CancellationToken);
        Assert.Equal("done", _runner.GetStatus("i-1")!.ReadOutput<string>());
        Assert.Equal(Start.AddHours(5), _time.GetUtcNow());
    }

    [Fact]
    public async Task RunUntilIdleAsync_RealClock_WaitsForTheTimer()
    {
        using var runner = new WorkflowRunner(TimeProvider.System, new ActivityRegistry(), NullLoggerFactory.Instance);
        runner.RegisterWorkflow<string, string>("w", async (ctx, _) =>
        {
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMilliseconds(50), CancellationToken.None);
            return "done";
        });

        await runner.StartAsync("w", "i-1", "x");
        await runner.RunUntilIdleAsync(ct: TestContext.Current.CancellationToken);

        Assert.Equal("done", runner.GetStatus("i-1")!.ReadOutput<string>());
    }

    [Fact]
    public async Task RaiseEventAsync_RealClockPumpWaiting_WakesThePumpBeforeTheTimeout()
    {
        using var runner = new WorkflowRunner(TimeProvider.System, new ActivityRegistry(), NullLoggerFactory.Instance);
        runner.RegisterWorkflow<string, string>("w", async (ctx, _) =>
        {
            ctx.SetCustomStatus("waiting");
            var result = await ctx.WaitForEventAsync<ApprovalDecision>("go", TimeSpan.FromMinutes(10));
            return result.Received ? "received from " + result.Value!.By : "timed out";
        });
        await runner.StartAsync("w", "i-1", "x");

        // Without the wake-up the pump would sleep until the 10 min timeout; give up after 30 s instead of hanging.
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(TimeSpan.FromSeconds(30));
        var pump = runner.RunUntilIdleAsync(ct: guard.Token);
        while (runner.GetStatus("i-1")!.ReadCustomStatus<string>() != "waiting")
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        Assert.True(await runner.RaiseEventAsync("i-1", "go", new ApprovalDecision(true, "alice")));
        await pump;

        var final = runner.GetStatus("i-1")!;
        Assert.True(final.RuntimeStatus == WorkflowRuntimeStatus.Completed, $"{final.RuntimeStatus} {final.Failure}");
        Assert.Equal("received from alice", final.ReadOutput<string>());
    }

    [Fact]
    public async Task StartAsync_UnknownWorkflow_Throws() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _runner.StartAsync("nope", "i-1", "x"));

    [Fact]
    public async Task RaiseEventAsync_NoSuchInstance_ReturnsFalse() =>
        Assert.False(await _runner.RaiseEventAsync("missing", "go", "x"));

    [Fact]
    public async Task CallActivityAsync_UnknownActivity_WorkflowActivityException()
    {
        _runner.RegisterWorkflow<string, string>("w", async (ctx, _) => await ctx.CallActivityAsync<string>("absent", "x"));

        await _runner.StartAsync("w", "i-1", "x");
        await _runner.RunUntilIdleAsync(ct: TestContext.Current.CancellationToken);

        var status = _runner.GetStatus("i-1")!;
        Assert.Equal(WorkflowRuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Contains("no activity named 'absent'", status.Failure, StringComparison.Ordinal);
    }

    /// <summary>Serialization fails: delegates are not supported by System.Text.Json.</summary>
    public sealed record WithDelegate(Func<int> Value);

    /// <summary>Serializes, but cannot be read back: two constructors and none marked <c>[JsonConstructor]</c>.</summary>
    public sealed class Unreadable
    {
        public Unreadable(int size) => Size = size;

        public Unreadable(string size) => Size = size.Length;

        public int Size { get; }
    }
}
