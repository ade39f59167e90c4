namespace Optimize.Journal;

/// <summary>Port: purges old entries.</summary>
public interface IJournalRetention
{
    /// <summary>Deletes passes, decisions, terminal changes and their events older than <paramref name="olderThan"/>.
    /// Never deletes a change that is not terminal. Returns the number of entities deleted.</summary>
    Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default);
}
