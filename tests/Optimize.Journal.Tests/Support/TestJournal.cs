using Optimize.Journal.Tables;

namespace Optimize.Journal.Tests.Support;

/// <summary>A <see cref="TableJournal"/> on Azurite with tables of its own (a unique prefix), deleted on dispose.</summary>
internal sealed class TestJournal : IAsyncDisposable
{
    private TestJournal(TableJournal journal) => Journal = journal;

    public TableJournal Journal { get; }

    public static async Task<TestJournal> CreateAsync(TimeProvider? time = null)
    {
        var options = new TableJournalOptions { TablePrefix = "t" + Guid.NewGuid().ToString("N")[..12], MaxRetries = 2, RetryDelay = TimeSpan.FromMilliseconds(50) };
        var journal = TableJournalFactory.FromConnectionString(Azurite.ConnectionString(), options, time);
        await journal.CreateTablesIfNotExistsAsync(TestContext.Current.CancellationToken);
        return new TestJournal(journal);
    }

    public async ValueTask DisposeAsync() => await Journal.DeleteTablesAsync();
}
