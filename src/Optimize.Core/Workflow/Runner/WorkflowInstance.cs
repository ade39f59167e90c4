using Microsoft.Extensions.Logging;

namespace Optimize.Workflow.Runner;

/// <summary>
/// One running workflow and its <see cref="IWorkflowContext"/>. Workflow code runs only on the runner's pump, one
/// step at a time; every activity input/output, event payload and custom status is round-tripped through JSON.
/// </summary>
internal sealed class WorkflowInstance : IWorkflowContext
{
    private readonly WorkflowRunner _runner;
    private readonly Dictionary<string, Queue<string?>> _buffered = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LinkedList<EventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);

    public WorkflowInstance(WorkflowRunner runner, string name, string instanceId, DateTimeOffset now)
    {
        _runner = runner;
        Name = name;
        InstanceId = instanceId;
        CreatedAt = now;
        LastUpdatedAt = now;
        Now = now;
        SynchronizationContext = new InstanceSynchronizationContext(runner, this);
    }

    public string Name { get; }

    public string InstanceId { get; }

    public SynchronizationContext SynchronizationContext { get; }

    public DateTimeOffset Now { get; set; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset LastUpdatedAt { get; set; }

    public WorkflowRuntimeStatus RuntimeStatus { get; set; }

    public string? Output { get; set; }

    public string? CustomStatus { get; private set; }

    public string? Failure { get; set; }

    public DateTime CurrentUtcDateTime => Now.UtcDateTime;

    public bool IsReplaying => false;

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var json = _runner.SerializeForWorkflow(input, $"input of activity '{name}'");
        return Await(_runner.StartActivity(this, name, json));

        static async Task<TResult> Await(Task<string?> pending) => WorkflowRunner.Deserialize<TResult>(await pending)!;
    }

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var at = new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc));
        if (at <= _runner.UtcNow)
        {
            return Task.CompletedTask;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var timer = _runner.AddTimer(this, at, () => tcs.TrySetResult());
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                _runner.RemoveTimer(timer);
                tcs.TrySetCanceled(cancellationToken);
            });
        }

        return tcs.Task;
    }

    public Task<EventResult<T>> WaitForEventAsync<T>(string eventName, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var tcs = new TaskCompletionSource<(bool Received, string? Json)>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_runner.Gate)
        {
            if (_buffered.TryGetValue(eventName, out var queue) && queue.Count > 0)
            {
                return Task.FromResult(EventResult<T>.Of(WorkflowRunner.Deserialize<T>(queue.Dequeue())!));
            }

            if (timeout <= TimeSpan.Zero)
            {
                return Task.FromResult(EventResult<T>.TimedOut);
            }

            if (!_waiters.TryGetValue(eventName, out var list))
            {
                list = new LinkedList<EventWaiter>();
                _waiters[eventName] = list;
            }

            var waiter = new EventWaiter(tcs);
            var node = list.AddLast(waiter);
            if (timeout != Timeout.InfiniteTimeSpan && timeout < TimeSpan.FromDays(3650))
            {
                waiter.Timer = _runner.AddTimer(this, Now + timeout, () =>
                {
                    lock (_runner.Gate)
                    {
                        if (node.List is not null)
                        {
                            list.Remove(node);
                        }
                    }

                    tcs.TrySetResult((false, null));
                });
            }
        }

        return Await(tcs.Task);

        static async Task<EventResult<T>> Await(Task<(bool Received, string? Json)> pending)
        {
            var (received, json) = await pending;
            return received ? EventResult<T>.Of(WorkflowRunner.Deserialize<T>(json)!) : EventResult<T>.TimedOut;
        }
    }

    public void SetCustomStatus(object? customStatus) =>
        CustomStatus = customStatus is null ? null : _runner.SerializeForWorkflow(customStatus, "custom status");

    public ILogger CreateReplaySafeLogger(string categoryName) => _runner.LoggerFactory.CreateLogger(categoryName);

    /// <summary>Delivers an event: to the oldest waiter, else into the buffer. Call under <see cref="WorkflowRunner.Gate"/>.</summary>
    public void Deliver(string eventName, string? json)
    {
        if (_waiters.TryGetValue(eventName, out var list) && list.First is { } first)
        {
            list.RemoveFirst();
            if (first.Value.Timer is { } timer)
            {
                _runner.RemoveTimer(timer);
            }

            first.Value.Completion.TrySetResult((true, json));
            return;
        }

        if (!_buffered.TryGetValue(eventName, out var queue))
        {
            queue = new Queue<string?>();
            _buffered[eventName] = queue;
        }

        queue.Enqueue(json);
    }

    /// <summary>Forgets waiters and buffered events once the instance ended.</summary>
    public void Clear()
    {
        _waiters.Clear();
        _buffered.Clear();
    }

    private sealed class EventWaiter(TaskCompletionSource<(bool Received, string? Json)> completion)
    {
        public TaskCompletionSource<(bool Received, string? Json)> Completion { get; } = completion;

        public PendingTimer? Timer { get; set; }
    }
}
