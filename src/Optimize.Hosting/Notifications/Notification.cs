namespace Optimize.Hosting.Notifications;

/// <summary>What a notification is about.</summary>
public enum NotificationKind
{
    /// <summary>A change waits at the approval gate.</summary>
    ApprovalNeeded,

    /// <summary>A change was rolled back (guards failed, an alert fired, or it was rejected after applying).</summary>
    RolledBack,

    /// <summary>A rollback did not verify: a person must look at the resource.</summary>
    RollbackFailed,

    /// <summary>A scheduled pass did not complete.</summary>
    PassFailed,
}

/// <summary>One message for people: what happened, why, and how to act.</summary>
/// <param name="Kind">What it is about.</param>
/// <param name="Title">One line: "Approval needed: chg-… on rg/plan-orders".</param>
/// <param name="Reason">Why, in Optimize's words (the change's outcome or the pass's error).</param>
/// <param name="ChangeId">The change, when it is about one.</param>
/// <param name="ResourceId">The resource's full ARM id, when it is about one.</param>
/// <param name="Command">The CLI command that acts on it, if any.</param>
/// <param name="Url">The HTTP endpoint that acts on it or shows it, if any.</param>
/// <param name="ExpiresAt">When an approval request times out, if it is one.</param>
public sealed record Notification(
    NotificationKind Kind,
    string Title,
    string Reason,
    string? ChangeId = null,
    string? ResourceId = null,
    string? Command = null,
    string? Url = null,
    DateTimeOffset? ExpiresAt = null);

/// <summary>Where notifications go (an incoming webhook of Teams or Slack, say).</summary>
public interface INotificationChannel
{
    /// <summary>Delivers one notification.</summary>
    /// <exception cref="NotificationFailedException">It was not delivered; the message says why.</exception>
    Task SendAsync(Notification notification, CancellationToken cancellationToken = default);
}

/// <summary>A notification was not delivered.</summary>
public sealed class NotificationFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotificationFailedException()
        : base("The notification was not delivered.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NotificationFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public NotificationFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
