using System.Text.Json;
using Optimize.Workflow.Activities;

namespace Optimize.Workflow.Runner;

/// <summary>The pump of <see cref="WorkflowRunner"/>: workflow steps, activity completions and timers.</summary>
public sealed partial class WorkflowRunner
{
    private readonly Lock _queueGate = new();
    private readonly Queue<WorkItem> _queue = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly List<PendingTimer> _timers = [];
    private long _timerSequence;
    private int _activitiesInFlight;
    private int _pumping;

    /// <summary>
    /// Drives every running workflow until all are finished or blocked. When all wait on timers or events and no activity
    /// runs, the clock moves to the earliest timer: with a virtual clock at once, with a real clock by waiting.
    /// Returns when nothing is left to do, or when the next timer lies after <paramref name="until"/> (the clock is then
    /// left at <paramref name="until"/>). Stopping here and disposing the runner is how tests simulate a crash.
    /// </summary>
    /// <param name="until">Stop before timers after this instant; null to run until idle.</param>
    /// <param name="ct">Stops the pump (workflows stay where they are).</param>
    /// <exception cref="InvalidOperationException">The pump is already running.</exception>
    public async Task RunUntilIdleAsync(DateTimeOffset? until = null, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _pumping, 1) == 1)
        {
            throw new InvalidOperationException("RunUntilIdleAsync is already running.");
        }

        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                if (TryDequeue(out var item))
                {
                    Execute(item);
                    continue;
                }

                if (Volatile.Read(ref _activitiesInFlight) > 0)
                {
                    await _signal.WaitAsync(ct).ConfigureAwait(false);
                    continue;
                }

                var now = UtcNow;
                if (FireDue(now))
                {
                    continue;
                }

                DateTimeOffset? next;
                lock (Gate)
                {
                    next = _timers.Count == 0 ? null : _timers.Min(t => t.FireAt);
                }

                var target = (next, until) switch
                {
                    (null, null) => (DateTimeOffset?)null,
                    ({ } n, null) => n,
                    (null, { } u) => u,
                    ({ } n, { } u) => n < u ? n : u,
                };
                if (HasQueuedWork())
                {
                    // An event or activity completion arrived from another thread while the timers were read.
                    continue;
                }

                if (target is not { } t || t <= now)
                {
                    return;
                }

                if (_virtualClock is not null)
                {
                    _virtualClock.AdvanceTo(t);
                }
                else
                {
                    await WaitForWorkOrAsync(t - now, ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _pumping, 0);
        }
    }

    internal void Enqueue(WorkflowInstance instance, SendOrPostCallback callback, object? state)
    {
        lock (_queueGate)
        {
            _queue.Enqueue(new WorkItem(instance, callback, state));
        }

        Wake();
    }

    internal PendingTimer AddTimer(WorkflowInstance instance, DateTimeOffset fireAt, Action fire)
    {
        lock (Gate)
        {
            var timer = new PendingTimer(instance, fireAt, ++_timerSequence, fire);
            _timers.Add(timer);
            return timer;
        }
    }

    internal void RemoveTimer(PendingTimer timer)
    {
        lock (Gate)
        {
            _timers.Remove(timer);
        }
    }

    /// <summary>Starts an activity off the pump; its completion comes back to the pump as a work item.</summary>
    internal Task<string?> StartActivity(WorkflowInstance instance, string name, string? inputJson)
    {
        if (!_activities.TryGet(name, out var registration))
        {
            return Task.FromException<string?>(new WorkflowActivityException(name, "ActivityNotFound", $"no activity named '{name}' is registered"));
        }

        var completion = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var token = _stopping.Token;
        Interlocked.Increment(ref _activitiesInFlight);
        var running = Task.Run(
            async () =>
            {
                var input = inputJson is null ? null : JsonSerializer.Deserialize(inputJson, registration.InputType, SerializerOptions);
                var output = await registration.Invoke(input, token).ConfigureAwait(false);
                return Serialize(output, registration.OutputType);
            },
            token);
        running.ContinueWith(
            done => Enqueue(instance, _ =>
            {
                Interlocked.Decrement(ref _activitiesInFlight);
                if (done.IsCompletedSuccessfully)
                {
                    completion.TrySetResult(done.Result);
                    return;
                }

                var error = done.Exception?.GetBaseException() ?? new OperationCanceledException("The activity was cancelled.");
                _logger.ActivityFailed(name, instance.InstanceId, error.GetType().FullName ?? "Exception", error.Message);
                completion.TrySetException(new WorkflowActivityException(name, error.GetType().FullName ?? "Exception", error.Message));
            }, null),
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
        return completion.Task;
    }

    private void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (ObjectDisposedException)
        {
            // The runner stopped; nothing is pumping any more.
        }
    }

    private bool TryDequeue(out WorkItem item)
    {
        lock (_queueGate)
        {
            return _queue.TryDequeue(out item!);
        }
    }

    private bool HasQueuedWork()
    {
        lock (_queueGate)
        {
            return _queue.Count > 0;
        }
    }

    private void Execute(WorkItem item)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(item.Instance.SynchronizationContext);
        try
        {
            item.Instance.Now = UtcNow;
            item.Instance.LastUpdatedAt = item.Instance.Now;
            item.Callback(item.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>Fires every timer due at <paramref name="now"/>, earliest first; true when any fired.</summary>
    private bool FireDue(DateTimeOffset now)
    {
        List<PendingTimer> due;
        lock (Gate)
        {
            due = _timers.Where(t => t.FireAt <= now).OrderBy(t => t.FireAt).ThenBy(t => t.Sequence).ToList();
            foreach (var t in due)
            {
                _timers.Remove(t);
            }
        }

        foreach (var t in due)
        {
            t.Fire();
        }

        return due.Count > 0;
    }

    private async Task WaitForWorkOrAsync(TimeSpan delay, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var work = _signal.WaitAsync(linked.Token);
        var timer = Task.Delay(delay, _time, linked.Token);
        await Task.WhenAny(work, timer).ConfigureAwait(false);
        await linked.CancelAsync().ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
    }

    private sealed record WorkItem(WorkflowInstance Instance, SendOrPostCallback Callback, object? State);
}
