using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Optimize.Journal;
using Optimize.Ports;

namespace Optimize.Hosting.Tests;

/// <summary>One summary line per pass; a pass that fails is a failed execution for the timer.</summary>
public sealed class NightlySummaryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_CompletedPass_LogsOneSummaryLineWithItsCounts()
    {
        await using var loop = await HostingLoop.StartAsync();
        var logger = new FakeLogger<NightlyService>();
        var nightly = new NightlyService(loop.Scheduler, loop.Journal, loop.Policy, new InventoryScope(loop.Fleet.Subscriptions, [], []), loop.Time, logger);

        var (result, scheduled) = await nightly.RunPassAsync("nightly", loop.Host, null, Ct);

        Assert.Equal(200, result.StatusCode);
        var line = Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 3005);
        var pass = scheduled!.Result.Pass;
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal(
            $"Pass {pass.PassId} (nightly) completed: analyzed {pass.ResourcesAnalyzed}, planned {pass.ChangesPlanned}, started {scheduled.Started.Count}, skipped {pass.Skipped}, not started 0 (none)",
            line.Message);
        Assert.True(scheduled.Started.Count > 0);
    }

    [Fact]
    public async Task RunOrThrowAsync_JournalUnavailable_ThrowsSoTheExecutionFailsAndLogsAnError()
    {
        var journal = new UnavailableJournal(new InMemoryJournal());
        await using var loop = await HostingLoop.StartAsync(journal: journal);
        var logger = new FakeLogger<NightlyService>();
        var nightly = new NightlyService(loop.Scheduler, journal, loop.Policy, new InventoryScope(loop.Fleet.Subscriptions, [], []), loop.Time, logger);

        var thrown = await Assert.ThrowsAsync<PassFailedException>(() => nightly.RunOrThrowAsync("nightly", loop.Host, Ct));

        Assert.Contains("The nightly pass failed (503): The journal is unavailable", thrown.Message, StringComparison.Ordinal);
        var line = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal((LogLevel.Error, 3006), (line.Level, line.Id.Id));
        Assert.Empty(loop.Host.Starts);
    }

    [Fact]
    public async Task RunOrThrowAsync_CompletedPass_ReturnsTheResult()
    {
        await using var loop = await HostingLoop.StartAsync();

        var result = await loop.Nightly.RunOrThrowAsync("manual", loop.Host, Ct);

        Assert.Equal(200, result.StatusCode);
    }
}
