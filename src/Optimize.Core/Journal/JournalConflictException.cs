namespace Optimize.Journal;

/// <summary>
/// Thrown when a write lost an optimistic-concurrency race (ETag mismatch) or created a row that exists.
/// The loser re-reads and decides again.
/// </summary>
public sealed class JournalConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JournalConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public JournalConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public JournalConflictException()
    {
    }
}
