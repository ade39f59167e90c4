namespace Optimize.Journal;

/// <summary>Port: records passes and their per-resource decisions.</summary>
public interface IPassJournal
{
    /// <summary>Creates or replaces the pass row (called at start and at end).</summary>
    /// <exception cref="JournalUnavailableException">The store stayed unavailable after retries.</exception>
    Task RecordPassAsync(PassRecord pass, CancellationToken cancellationToken = default);

    /// <summary>Records decisions of a pass (batched by the implementation). Evidence is compacted, never silently cut.</summary>
    /// <exception cref="JournalUnavailableException">The store stayed unavailable after retries.</exception>
    Task RecordDecisionsAsync(IReadOnlyList<DecisionRecord> decisions, CancellationToken cancellationToken = default);
}
