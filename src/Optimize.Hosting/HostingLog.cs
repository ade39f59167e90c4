using Microsoft.Extensions.Logging;

namespace Optimize.Hosting;

/// <summary>Log messages of the application services (event ids 3000–3099).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(3000, LogLevel.Information, "Change {ChangeId} on {ResourceId} started as workflow {InstanceId}")]
    public static partial void ChangeStarted(ILogger logger, string changeId, string resourceId, string instanceId);

    [LoggerMessage(3001, LogLevel.Warning, "Change {ChangeId} not started: {Reason}")]
    public static partial void ChangeNotStarted(ILogger logger, string changeId, string reason);

    [LoggerMessage(3007, LogLevel.Error, "Change {ChangeId} not started, and its abort is not journaled: {Reason}; recovery completes it from the journal")]
    public static partial void AbortNotJournaled(ILogger logger, string changeId, string reason);

    [LoggerMessage(3002, LogLevel.Information, "Alert {AlertId} on {ResourceId}: {Action} ({Reason})")]
    public static partial void AlertRouted(ILogger logger, string alertId, string resourceId, string action, string reason);

    [LoggerMessage(3003, LogLevel.Warning, "Alert payload rejected: {Reason}")]
    public static partial void AlertRejected(ILogger logger, string reason);

    [LoggerMessage(3004, LogLevel.Information, "Change {ChangeId} {Decision} by {By}")]
    public static partial void ApprovalSent(ILogger logger, string changeId, string decision, string by);

    [LoggerMessage(3005, LogLevel.Information,
        "Pass {PassId} ({Trigger}) {Status}: analyzed {Analyzed}, planned {Planned}, started {Started}, skipped {Skipped}, not started {NotStarted} ({NotStartedIds})")]
    public static partial void PassSummary(
        ILogger logger, string passId, string trigger, string status, int analyzed, int planned, int started, int skipped, int notStarted, string notStartedIds);

    [LoggerMessage(3006, LogLevel.Error, "Pass ({Trigger}) failed: {Reason}")]
    public static partial void PassFailed(ILogger logger, string trigger, string reason);
}
