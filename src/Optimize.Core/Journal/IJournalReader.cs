using Optimize.Changes;

namespace Optimize.Journal;

/// <summary>Port: what <c>optimize history</c> and the status endpoint read. Newest first.</summary>
public interface IJournalReader
{
    /// <summary>Passes matching the query.</summary>
    IAsyncEnumerable<PassRecord> ListPassesAsync(HistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Decisions matching the query (by pass, or by resource).</summary>
    IAsyncEnumerable<DecisionRecord> ListDecisionsAsync(HistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Changes matching the query (by resource, by pass, since a time).</summary>
    IAsyncEnumerable<ChangeRecord> ListChangesAsync(HistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>The steps of one change, in sequence order.</summary>
    IAsyncEnumerable<ChangeEvent> ListEventsAsync(string changeId, CancellationToken cancellationToken = default);
}
