namespace Optimize.Changes;

/// <summary>Kinds of failure that cross durable boundaries as data.</summary>
public static class ChangeFailureKinds
{
    /// <summary>ETag mismatch or a concurrent write (HTTP 409/412).</summary>
    public const string Conflict = "conflict";

    /// <summary>Throttled beyond the retry budget (HTTP 429).</summary>
    public const string Throttled = "throttled";

    /// <summary>The resource is gone (HTTP 404).</summary>
    public const string NotFound = "not-found";

    /// <summary>The identity lacks a permission (HTTP 403); the message names it.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>The target is not valid for this resource (unknown or unavailable size, deallocation not allowed).</summary>
    public const string InvalidTarget = "invalid-target";

    /// <summary>The long-running operation reported failure.</summary>
    public const string OperationFailed = "operation-failed";

    /// <summary>Transient failures outlasted the retries (5xx, timeouts).</summary>
    public const string Transient = "transient";

    /// <summary>Anything else.</summary>
    public const string Unexpected = "unexpected";
}

/// <summary>A failure as data: it survives replay and serialization, unlike an exception.</summary>
/// <param name="Kind">One of <see cref="ChangeFailureKinds"/>.</param>
/// <param name="Message">What happened, for people.</param>
public sealed record ChangeFailure(string Kind, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Message}";
}
