using Optimize.Changes;
using Optimize.Journal;

namespace Optimize.Hosting.Tests;

/// <summary>
/// A journal whose store is down for pass records (as Table Storage after its retries) unless <paramref name="passesDown"/> is
/// false, and whose row updates fail where <paramref name="updateFails"/> says (a crash between a row and its event); the
/// rest is passed on.
/// </summary>
internal sealed class UnavailableJournal(IJournal inner, bool passesDown = true, Func<ChangeRecord, bool>? updateFails = null) : IJournal
{
    public int Purges { get; private set; }

    public string Description => "unavailable";

    public Task RecordPassAsync(PassRecord pass, CancellationToken cancellationToken = default) => passesDown
        ? throw new JournalUnavailableException("table Passes: 503 Service Unavailable after 5 retries")
        : inner.RecordPassAsync(pass, cancellationToken);

    public Task RecordDecisionsAsync(IReadOnlyList<DecisionRecord> decisions, CancellationToken cancellationToken = default) =>
        inner.RecordDecisionsAsync(decisions, cancellationToken);

    public Task<ChangeRecord> CreateAsync(ChangeRecord change, CancellationToken cancellationToken = default) => inner.CreateAsync(change, cancellationToken);

    public Task<ChangeRecord> UpdateAsync(ChangeRecord change, CancellationToken cancellationToken = default) => updateFails?.Invoke(change) == true
        ? throw new JournalUnavailableException("table Changes: 503 Service Unavailable after 5 retries")
        : inner.UpdateAsync(change, cancellationToken);

    public Task<ChangeEvent> AppendAsync(ChangeEvent changeEvent, CancellationToken cancellationToken = default) => inner.AppendAsync(changeEvent, cancellationToken);

    public Task<ChangeRecord?> GetAsync(string changeId, CancellationToken cancellationToken = default) => inner.GetAsync(changeId, cancellationToken);

    public IAsyncEnumerable<ChangeRecord> ListActiveAsync(CancellationToken cancellationToken = default) => inner.ListActiveAsync(cancellationToken);

    public Task<ChangeRecord?> GetLatestForResourceAsync(string resourceId, CancellationToken cancellationToken = default) =>
        inner.GetLatestForResourceAsync(resourceId, cancellationToken);

    public IAsyncEnumerable<PassRecord> ListPassesAsync(HistoryQuery query, CancellationToken cancellationToken = default) => inner.ListPassesAsync(query, cancellationToken);

    public IAsyncEnumerable<DecisionRecord> ListDecisionsAsync(HistoryQuery query, CancellationToken cancellationToken = default) =>
        inner.ListDecisionsAsync(query, cancellationToken);

    public IAsyncEnumerable<ChangeRecord> ListChangesAsync(HistoryQuery query, CancellationToken cancellationToken = default) =>
        inner.ListChangesAsync(query, cancellationToken);

    public IAsyncEnumerable<ChangeEvent> ListEventsAsync(string changeId, CancellationToken cancellationToken = default) => inner.ListEventsAsync(changeId, cancellationToken);

    public Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        Purges++;
        return inner.PurgeAsync(olderThan, cancellationToken);
    }
}
