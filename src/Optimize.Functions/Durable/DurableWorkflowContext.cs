using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Optimize.Workflow.Activities;
using Optimize.Workflow;

namespace Optimize.Functions.Durable;

/// <summary>
/// The engine's <see cref="IWorkflowContext"/> on Durable Functions: a line per member. The workflows themselves
/// (tested on the in-process runner) run unchanged inside the orchestrator.
/// </summary>
internal sealed class DurableWorkflowContext(TaskOrchestrationContext context, TaskOptions activityRetry) : IWorkflowContext
{
    public string InstanceId => context.InstanceId;

    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public bool IsReplaying => context.IsReplaying;

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null)
    {
        try
        {
            return await context.CallActivityAsync<TResult>(name, input, activityRetry);
        }
        catch (TaskFailedException ex)
        {
            throw new WorkflowActivityException(name, ex.FailureDetails.ErrorType, ex.FailureDetails.ErrorMessage);
        }
    }

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => context.CreateTimer(fireAt, cancellationToken);

    public async Task<EventResult<T>> WaitForEventAsync<T>(string eventName, TimeSpan timeout)
    {
        try
        {
            return EventResult<T>.Of(await context.WaitForExternalEvent<T>(eventName, timeout));
        }
        catch (OperationCanceledException)
        {
            // Durable's timeout overload races a durable timer and cancels the event wait: that is a timeout, not a failure.
            return EventResult<T>.TimedOut;
        }
    }

    public void SetCustomStatus(object? customStatus) => context.SetCustomStatus(customStatus);

    public ILogger CreateReplaySafeLogger(string categoryName) => context.CreateReplaySafeLogger(categoryName);
}
