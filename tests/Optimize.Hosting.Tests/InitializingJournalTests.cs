using Optimize.Journal;

namespace Optimize.Hosting.Tests;

/// <summary>The journal that creates its tables on first use, once.</summary>
public sealed class InitializingJournalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PassRecord Pass(string id) => new(id, "nightly", DateTimeOffset.UnixEpoch, null, "running", 0, 0, 0, 0, 0m, "USD");

    [Fact]
    public async Task Constructor_DoesNotInitialize_FirstCallDoes()
    {
        var calls = 0;
        var journal = new InitializingJournal(new InMemoryJournal(), _ =>
        {
            calls++;
            return Task.CompletedTask;
        });
        Assert.Equal(0, calls);

        await journal.RecordPassAsync(Pass("p1"), Ct);
        await journal.RecordPassAsync(Pass("p2"), Ct);
        Assert.Null(await journal.GetAsync("c1", Ct));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task EnsureInitializedAsync_ConcurrentFirstCalls_ShareOneInitialization()
    {
        var calls = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var journal = new InitializingJournal(new InMemoryJournal(), _ =>
        {
            Interlocked.Increment(ref calls);
            return gate.Task;
        });

        var writes = Enumerable.Range(0, 8).Select(i => journal.RecordPassAsync(Pass($"p{i}"), Ct)).ToList();
        Assert.All(writes, w => Assert.False(w.IsCompleted));
        gate.SetResult();
        await Task.WhenAll(writes);

        Assert.Equal(1, calls);
        var passes = new List<PassRecord>();
        await foreach (var p in journal.ListPassesAsync(new HistoryQuery(), Ct))
        {
            passes.Add(p);
        }

        Assert.Equal(8, passes.Count);
    }

    [Fact]
    public async Task EnsureInitializedAsync_FailedAttempt_NextCallRetries()
    {
        var calls = 0;
        var inner = new InMemoryJournal();
        var journal = new InitializingJournal(inner, _ =>
        {
            calls++;
            return calls == 1 ? Task.FromException(new JournalUnavailableException("create table Passes: connection refused")) : Task.CompletedTask;
        });

        await Assert.ThrowsAsync<JournalUnavailableException>(() => journal.RecordPassAsync(Pass("p1"), Ct));
        await journal.RecordPassAsync(Pass("p2"), Ct);

        Assert.Equal(2, calls);
        var stored = new List<string>();
        await foreach (var p in inner.ListPassesAsync(new HistoryQuery(), Ct))
        {
            stored.Add(p.PassId);
        }

        Assert.Equal(["p2"], stored);
    }

    [Fact]
    public async Task ListEventsAsync_InitializesBeforeReading()
    {
        var calls = 0;
        var journal = new InitializingJournal(new InMemoryJournal(), _ =>
        {
            calls++;
            return Task.CompletedTask;
        });

        var listing = journal.ListEventsAsync("c1", Ct);
        Assert.Equal(0, calls);
        await foreach (var unused in listing)
        {
            Assert.Fail("no events expected");
        }

        Assert.Equal(1, calls);
    }
}
