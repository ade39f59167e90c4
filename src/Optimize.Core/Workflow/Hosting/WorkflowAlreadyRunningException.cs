namespace Optimize.Workflow.Hosting;

/// <summary>
/// Single flight: <see cref="IWorkflowHost.StartAsync"/> refused because an instance with the id is pending, running or
/// suspended. Hosts throw exactly this for that case and nothing else, so a caller can answer "already running" and
/// let every other failure surface.
/// </summary>
public sealed class WorkflowAlreadyRunningException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="instanceId">The instance id that is taken.</param>
    /// <param name="message">Why, in a sentence.</param>
    /// <param name="inner">The host's own exception, if any.</param>
    public WorkflowAlreadyRunningException(string instanceId, string message, Exception? inner = null)
        : base(message, inner) => InstanceId = instanceId;

    /// <summary>Creates the exception with a default message.</summary>
    public WorkflowAlreadyRunningException()
        : this(string.Empty, "A workflow with that id is already running.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WorkflowAlreadyRunningException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public WorkflowAlreadyRunningException(string message, Exception inner)
        : this(string.Empty, message, inner)
    {
    }

    /// <summary>The instance id that is taken.</summary>
    public string InstanceId { get; }
}
