using Microsoft.Extensions.Logging;

namespace Optimize;

/// <summary>
/// Every log message of the engine, with stable event ids (durabletask <c>Logs.cs</c> style).
/// Ids: 1000–1099 activities, 1100–1199 workflows, 1200–1299 the in-process runner, 1300–1399 recovery.
/// Other parts of the engine add their own ranges here.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "Reading the configuration of {ResourceId} failed: {Failure}")]
    public static partial void CaptureFailed(this ILogger logger, string resourceId, string failure);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Change {ChangeId}: applying {Target} to {ResourceId}")]
    public static partial void Applying(this ILogger logger, string changeId, string resourceId, string target);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Change {ChangeId}: applying to {ResourceId} failed: {Failure}")]
    public static partial void ApplyFailed(this ILogger logger, string changeId, string resourceId, string failure);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Reading guard metrics of {ResourceId} failed: {Error}")]
    public static partial void MetricsFailed(this ILogger logger, string resourceId, string error);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Change {ChangeId}: journal conflict on attempt {Attempt}, re-reading")]
    public static partial void JournalConflict(this ILogger logger, string changeId, int attempt);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Debug, Message = "Change {ChangeId}: step {Step} already recorded as #{Sequence}")]
    public static partial void StepAlreadyRecorded(this ILogger logger, string changeId, string step, long sequence);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Change {ChangeId} ({ResourceId}): {Step} → {State}: {Message}")]
    public static partial void WorkflowStep(this ILogger logger, string changeId, string resourceId, string step, string state, string message);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Change {ChangeId}: {What} failed (attempt {Attempt}), retrying in {Delay}: {Error}")]
    public static partial void WorkflowRetrying(this ILogger logger, string changeId, string what, int attempt, TimeSpan delay, string error);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Alert {AlertId} on {ResourceId}: {Action}: {Reason}")]
    public static partial void Remediation(this ILogger logger, string alertId, string resourceId, string action, string reason);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Workflow {WorkflowName} {InstanceId} started")]
    public static partial void WorkflowStarted(this ILogger logger, string workflowName, string instanceId);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Workflow {WorkflowName} {InstanceId} completed")]
    public static partial void WorkflowCompleted(this ILogger logger, string workflowName, string instanceId);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "Workflow {WorkflowName} {InstanceId} failed: {Error}")]
    public static partial void WorkflowFailed(this ILogger logger, string workflowName, string instanceId, string error);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Activity {ActivityName} of {InstanceId} threw {ErrorType}: {Error}")]
    public static partial void ActivityFailed(this ILogger logger, string activityName, string instanceId, string errorType, string error);

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Recovery: change {ChangeId} ({ResourceId}) found {State}: {Action}: {Message}")]
    public static partial void Recovered(this ILogger logger, string changeId, string resourceId, string state, string action, string message);
}
