using System.Text.Json;
using Microsoft.Extensions.Logging;
using Optimize.Changes;
using Optimize.Workflow.Hosting;

namespace Optimize.Workflow.Runner;

/// <summary>
/// Runs workflows in process, for the CLI and tests: the same workflow code the Function App runs on Durable
/// Functions, over a real or a virtual clock. Workflow steps run one at a time on a pump
/// (<see cref="RunUntilIdleAsync"/>); activities run as ordinary async code. Every workflow input and output, activity
/// input and output, event payload and custom status is round-tripped through System.Text.Json (web defaults) as
/// Durable does, so a record that does not serialize fails here first. Nothing is persisted: after a crash,
/// <see cref="RecoveryService"/> restarts changes from the journal.
/// </summary>
public sealed partial class WorkflowRunner : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ActivityRegistry _activities;
    private readonly IVirtualClock? _virtualClock;
    private readonly ILogger _logger;
    private readonly Dictionary<string, WorkflowRegistration> _workflows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowInstance> _instances = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private bool _disposed;

    /// <summary>Creates a runner with <see cref="WorkflowNames.StagedChange"/>, <see cref="WorkflowNames.AlertRemediation"/>
    /// and <see cref="StagedChangeWorkflow.ResumeName"/> registered.</summary>
    /// <param name="time">The clock workflows and timers use (a <c>FakeTimeProvider</c> with a virtual clock).</param>
    /// <param name="activities">The activities.</param>
    /// <param name="loggerFactory">Loggers for the runner and the workflows.</param>
    /// <param name="options">Options; by default timers wait in real time.</param>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    public WorkflowRunner(TimeProvider time, ActivityRegistry activities, ILoggerFactory loggerFactory, WorkflowRunnerOptions? options = null)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _activities = activities ?? throw new ArgumentNullException(nameof(activities));
        LoggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        _virtualClock = options?.VirtualClock;
        _logger = loggerFactory.CreateLogger<WorkflowRunner>();
        RegisterWorkflow<ChangePlan, ChangeOutcome>(WorkflowNames.StagedChange, StagedChangeWorkflow.RunAsync);
        RegisterWorkflow<StagedChangeResume, ChangeOutcome>(StagedChangeWorkflow.ResumeName, StagedChangeWorkflow.ResumeAsync);
        RegisterWorkflow<AlertRemediationInput, RemediationOutcome>(WorkflowNames.AlertRemediation, AlertRemediationWorkflow.RunAsync);
    }

    /// <summary>The JSON options of every round trip: <see cref="JsonSerializerDefaults.Web"/>, as Durable Functions.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web);

    internal ILoggerFactory LoggerFactory { get; }

    internal Lock Gate { get; } = new();

    internal DateTimeOffset UtcNow => _time.GetUtcNow();

    /// <summary>Registers (or replaces) a workflow under <paramref name="name"/>.</summary>
    public WorkflowRunner RegisterWorkflow<TInput, TOutput>(string name, Func<IWorkflowContext, TInput, Task<TOutput>> workflow)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(workflow);
        _workflows[name] = new WorkflowRegistration(
            typeof(TInput),
            async (context, input) => Serialize(await workflow(context, (TInput)input!), typeof(TOutput)));
        return this;
    }

    /// <summary>Starts a workflow. Single flight: refused (not thrown) while an instance with the id is running; a
    /// finished instance with the id is replaced. The workflow makes progress in <see cref="RunUntilIdleAsync"/>.</summary>
    /// <exception cref="ArgumentException">Unknown workflow, or an input that does not round-trip through JSON.</exception>
    /// <exception cref="ObjectDisposedException">The runner was disposed.</exception>
    public Task<WorkflowStartResult> StartAsync(string workflowName, string instanceId, object input)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowName);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentNullException.ThrowIfNull(input);
        if (!_workflows.TryGetValue(workflowName, out var registration))
        {
            throw new ArgumentException($"No workflow named '{workflowName}' ({string.Join(", ", _workflows.Keys)}).", nameof(workflowName));
        }

        object? typedInput;
        try
        {
            typedInput = JsonSerializer.Deserialize(JsonSerializer.Serialize(input, input.GetType(), SerializerOptions), registration.InputType, SerializerOptions);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException or ArgumentException)
        {
            throw new ArgumentException($"The input of workflow '{workflowName}' does not round-trip through JSON: {ex.Message}", nameof(input), ex);
        }

        WorkflowInstance instance;
        lock (Gate)
        {
            if (_instances.TryGetValue(instanceId, out var existing) && existing.RuntimeStatus == WorkflowRuntimeStatus.Running)
            {
                return Task.FromResult(new WorkflowStartResult(instanceId, false, $"instance {instanceId} is already running {existing.Name} (one workflow per resource)"));
            }

            instance = new WorkflowInstance(this, workflowName, instanceId, UtcNow);
            _instances[instanceId] = instance;
        }

        _logger.WorkflowStarted(workflowName, instanceId);
        Enqueue(instance, _ => _ = RunInstanceAsync(instance, registration, typedInput), null);
        return Task.FromResult(new WorkflowStartResult(instanceId, true, string.Empty));
    }

    /// <summary>Raises an event on a running instance: delivered to a waiting <c>WaitForEventAsync</c>, else buffered.</summary>
    /// <returns>False when no instance with the id is running (the event is dropped).</returns>
    /// <exception cref="ArgumentException">The payload does not serialize.</exception>
    public Task<bool> RaiseEventAsync(string instanceId, string eventName, object payload)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        ArgumentNullException.ThrowIfNull(payload);
        var json = SerializeForWorkflow(payload, $"payload of event '{eventName}'");
        lock (Gate)
        {
            if (!_instances.TryGetValue(instanceId, out var instance) || instance.RuntimeStatus != WorkflowRuntimeStatus.Running)
            {
                return Task.FromResult(false);
            }

            instance.Deliver(eventName, json);
        }

        Wake();
        return Task.FromResult(true);
    }

    /// <summary>The status of an instance, or null when unknown.</summary>
    public WorkflowStatus? GetStatus(string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        lock (Gate)
        {
            return _instances.TryGetValue(instanceId, out var i)
                ? new WorkflowStatus(i.InstanceId, i.Name, i.RuntimeStatus, i.CreatedAt, i.LastUpdatedAt, i.Output, i.CustomStatus, i.Failure)
                : null;
        }
    }

    /// <summary>True when an instance with the id is running.</summary>
    public bool IsRunning(string instanceId) => GetStatus(instanceId)?.RuntimeStatus == WorkflowRuntimeStatus.Running;

    /// <summary>Routes an alert with <see cref="AlertRouter"/> and acts on it: raises <see cref="WorkflowEvents.Alert"/> on the
    /// change in flight, or starts <see cref="WorkflowNames.AlertRemediation"/>.</summary>
    /// <param name="signal">The alert.</param>
    /// <param name="revertWindow">The remediation's revert window (policy).</param>
    /// <returns>The route taken.</returns>
    public async Task<AlertRoute> DeliverAlertAsync(AlertSignal signal, TimeSpan revertWindow)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var route = AlertRouter.Route(
            signal,
            !string.IsNullOrWhiteSpace(signal.ResourceId) && IsRunning(InstanceIds.ForChange(signal.ResourceId)),
            !string.IsNullOrWhiteSpace(signal.ResourceId) && IsRunning(InstanceIds.ForAlert(signal.ResourceId)));
        switch (route)
        {
            case AlertRoute.SignalChange s:
                await RaiseEventAsync(s.InstanceId, WorkflowEvents.Alert, signal).ConfigureAwait(false);
                break;
            case AlertRoute.StartRemediation r:
                await StartAsync(WorkflowNames.AlertRemediation, r.InstanceId, new AlertRemediationInput(signal, revertWindow)).ConfigureAwait(false);
                break;
        }

        return route;
    }

    /// <summary>Stops the runner: in-flight activities are cancelled, waiting workflows are abandoned (as a crash would).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stopping.Cancel();
        _stopping.Dispose();
        _signal.Dispose();
    }

    internal static T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, SerializerOptions);

    internal static string? Serialize(object? value, Type type) => value is null ? null : JsonSerializer.Serialize(value, type, SerializerOptions);

    /// <summary>Serializes a value crossing the workflow boundary; a value that cannot is a bug in workflow code.</summary>
    /// <exception cref="ArgumentException">The value does not serialize.</exception>
    internal string? SerializeForWorkflow(object? value, string what)
    {
        try
        {
            return value is null ? null : JsonSerializer.Serialize(value, value.GetType(), SerializerOptions);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new ArgumentException($"The {what} does not serialize: {ex.Message}", nameof(value), ex);
        }
    }

    private async Task RunInstanceAsync(WorkflowInstance instance, WorkflowRegistration registration, object? input)
    {
        string? output = null;
        Exception? failure = null;
        try
        {
            output = await registration.Run(instance, input);
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        lock (Gate)
        {
            instance.LastUpdatedAt = UtcNow;
            instance.Output = output;
            instance.Failure = failure is null ? null : $"{failure.GetType().Name}: {failure.Message}";
            instance.RuntimeStatus = failure is null ? WorkflowRuntimeStatus.Completed : WorkflowRuntimeStatus.Failed;
            instance.Clear();
            _timers.RemoveAll(t => t.Instance == instance);
        }

        if (failure is null)
        {
            _logger.WorkflowCompleted(instance.Name, instance.InstanceId);
        }
        else
        {
            _logger.WorkflowFailed(instance.Name, instance.InstanceId, failure.Message);
        }
    }

    private sealed record WorkflowRegistration(Type InputType, Func<IWorkflowContext, object?, Task<string?>> Run);
}
