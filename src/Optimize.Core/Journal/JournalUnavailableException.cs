namespace Optimize.Journal;

/// <summary>Thrown when the journal's store stays unavailable after retries. A pass that sees it starts no change.</summary>
public sealed class JournalUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JournalUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public JournalUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public JournalUnavailableException()
    {
    }
}
