using Optimize.Journal.Tests.Support;

namespace Optimize.Journal.Tests.Contract;

/// <summary>The contract over <see cref="InMemoryJournal"/>.</summary>
public sealed class InMemoryJournalContractTests : JournalContractTests
{
    protected override Task<(IJournal Journal, IAsyncDisposable Owner)> NewAsync() =>
        Task.FromResult<(IJournal, IAsyncDisposable)>((new InMemoryJournal(), new Nothing()));

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>The contract over <c>TableJournal</c> on Azurite (skipped without it, failing under OPTIMIZE_REQUIRE_AZURITE=1).</summary>
public sealed class TableJournalContractTests : JournalContractTests
{
    protected override async Task<(IJournal Journal, IAsyncDisposable Owner)> NewAsync()
    {
        var t = await TestJournal.CreateAsync();
        return (t.Journal, t);
    }
}
