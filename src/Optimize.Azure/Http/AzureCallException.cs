using Optimize.Changes;

namespace Optimize.Azure.Http;

/// <summary>An Azure call failed beyond its retries; <see cref="Failure"/> classifies it (message names the call and, for 403, the permission).</summary>
public sealed class AzureCallException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public AzureCallException(ChangeFailure failure, int status, Exception? inner = null)
        : base(failure.Message, inner)
    {
        Failure = failure;
        Status = status;
    }

    /// <summary>Creates an exception with an unexpected failure.</summary>
    public AzureCallException()
        : this(new ChangeFailure(ChangeFailureKinds.Unexpected, "Azure call failed."), 0)
    {
    }

    /// <summary>Creates an exception with an unexpected failure.</summary>
    public AzureCallException(string message)
        : this(new ChangeFailure(ChangeFailureKinds.Unexpected, message), 0)
    {
    }

    /// <summary>Creates an exception with an unexpected failure.</summary>
    public AzureCallException(string message, Exception inner)
        : this(new ChangeFailure(ChangeFailureKinds.Unexpected, message), 0, inner)
    {
    }

    /// <summary>The classified failure.</summary>
    public ChangeFailure Failure { get; }

    /// <summary>HTTP status, or 0 when no response arrived.</summary>
    public int Status { get; }
}
