namespace Optimize.Workflow.Activities;

/// <summary>An activity failed with an unexpected exception (a bug or an outage outlasting retries).
/// Mirrors Durable's <c>TaskFailedException</c>: the original exception does not cross the boundary, its details do.</summary>
public sealed class WorkflowActivityException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowActivityException(string activityName, string errorType, string message)
        : base($"Activity '{activityName}' failed: {errorType}: {message}")
    {
        ActivityName = activityName;
        ErrorType = errorType;
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowActivityException()
    {
        ActivityName = string.Empty;
        ErrorType = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowActivityException(string message)
        : base(message)
    {
        ActivityName = string.Empty;
        ErrorType = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowActivityException(string message, Exception innerException)
        : base(message, innerException)
    {
        ActivityName = string.Empty;
        ErrorType = innerException?.GetType().FullName ?? string.Empty;
    }

    /// <summary>The activity that failed.</summary>
    public string ActivityName { get; }

    /// <summary>Full type name of the original exception.</summary>
    public string ErrorType { get; }
}
