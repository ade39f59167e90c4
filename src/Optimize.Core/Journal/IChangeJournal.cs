using Optimize.Changes;

namespace Optimize.Journal;

/// <summary>
/// Port: the durable record of every change: created before anything is applied, moved through its states with
/// optimistic concurrency, with an append-only list of steps.
/// </summary>
public interface IChangeJournal
{
    /// <summary>Stores a new change and returns it with its ETag.</summary>
    /// <exception cref="JournalConflictException">A change with that id exists.</exception>
    /// <exception cref="JournalUnavailableException">The store stayed unavailable after retries.</exception>
    Task<ChangeRecord> CreateAsync(ChangeRecord change, CancellationToken cancellationToken = default);

    /// <summary>Replaces the change if its stored ETag still equals <see cref="ChangeRecord.ETag"/>; returns it with the new ETag.</summary>
    /// <exception cref="JournalConflictException">Someone else updated it first; re-read and decide again.</exception>
    /// <exception cref="JournalUnavailableException">The store stayed unavailable after retries.</exception>
    Task<ChangeRecord> UpdateAsync(ChangeRecord change, CancellationToken cancellationToken = default);

    /// <summary>Appends a step; the journal assigns the next sequence number of that change and returns the stored event.</summary>
    /// <exception cref="JournalUnavailableException">The store stayed unavailable after retries.</exception>
    Task<ChangeEvent> AppendAsync(ChangeEvent changeEvent, CancellationToken cancellationToken = default);

    /// <summary>The change, or null.</summary>
    Task<ChangeRecord?> GetAsync(string changeId, CancellationToken cancellationToken = default);

    /// <summary>Every change not in a terminal state (what recovery and the planner's single-flight rule look at).</summary>
    IAsyncEnumerable<ChangeRecord> ListActiveAsync(CancellationToken cancellationToken = default);

    /// <summary>The most recent change of a resource (any state), or null: for cooldowns.</summary>
    Task<ChangeRecord?> GetLatestForResourceAsync(string resourceId, CancellationToken cancellationToken = default);
}
