using Microsoft.Extensions.Logging;

namespace Optimize.Workflow;

/// <summary>
/// What a workflow may do, and nothing more. It mirrors Durable Functions' <c>TaskOrchestrationContext</c> member for
/// member, so the Function App's adapter is a line per member, and the in-process runner implements it for the CLI
/// and tests (with a real or a virtual clock).
/// </summary>
/// <remarks>
/// Workflow code must be deterministic: time only from <see cref="CurrentUtcDateTime"/>, I/O only in activities,
/// no <c>ConfigureAwait(false)</c>, no <c>Task.Run</c>, no random numbers or new GUIDs of its own.
/// Activity inputs and outputs are serialized: plain records only. Activities run at least once.
/// </remarks>
public interface IWorkflowContext
{
    /// <summary>The workflow instance id (deterministic per resource for change workflows).</summary>
    string InstanceId { get; }

    /// <summary>The workflow's current time (UTC); constant during one replay step.</summary>
    DateTime CurrentUtcDateTime { get; }

    /// <summary>True while replaying history (Durable); log through <see cref="CreateReplaySafeLogger"/>.</summary>
    bool IsReplaying { get; }

    /// <summary>Runs an activity by name and returns its (deserialized) result.</summary>
    /// <exception cref="WorkflowActivityException">The activity threw (after its retries). Expected failures are returned as data instead.</exception>
    Task<TResult> CallActivityAsync<TResult>(string name, object? input = null);

    /// <summary>A durable timer that completes at <paramref name="fireAt"/> (UTC).</summary>
    Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>Waits for the next event named <paramref name="eventName"/>, or times out. Events raised before the wait are buffered.</summary>
    Task<EventResult<T>> WaitForEventAsync<T>(string eventName, TimeSpan timeout);

    /// <summary>Publishes a small status object (shown by the status endpoint and the CLI).</summary>
    void SetCustomStatus(object? customStatus);

    /// <summary>A logger that writes only when not replaying.</summary>
    ILogger CreateReplaySafeLogger(string categoryName);
}
