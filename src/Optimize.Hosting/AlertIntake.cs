using Microsoft.Extensions.Logging;
using Optimize.Azure.Alerts;
using Optimize.Journal;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;

namespace Optimize.Hosting;

/// <summary>
/// The alert webhook's logic: parse the payload (common alert schema, or the older metric-alert schema), check each
/// target against the subscriptions, the policy's <c>alerts</c> section (severities, signal types, monitor conditions,
/// maximum age) and the policy scopes, then route it — to the change in flight on that resource (which
/// rolls back), or to one remediation workflow per resource (an alert storm yields one remediation). Malformed and
/// out-of-scope payloads get a 4xx with a clear body and a journal entry; nothing changes.
/// </summary>
public sealed class AlertIntake
{
    private readonly OptimizePolicy _policy;
    private readonly ScopeMatcher _scopes;
    private readonly IReadOnlySet<string> _subscriptions;
    private readonly IChangeJournal _changes;
    private readonly IPassJournal _passes;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertIntake> _logger;
    private readonly AlertIntakeOptions _options;

    /// <summary>Creates the intake for one policy and set of subscriptions.</summary>
    public AlertIntake(
        OptimizePolicy policy,
        IEnumerable<string> subscriptions,
        IChangeJournal changes,
        IPassJournal passes,
        TimeProvider time,
        ILogger<AlertIntake> logger,
        AlertIntakeOptions? options = null)
    {
        _options = options ?? new AlertIntakeOptions();
        _policy = policy;
        _scopes = new ScopeMatcher(policy);
        _subscriptions = new HashSet<string>(subscriptions, StringComparer.OrdinalIgnoreCase);
        _changes = changes;
        _passes = passes;
        _time = time;
        _logger = logger;
    }

    /// <summary>Handles one webhook request body: 413 over <see cref="AlertIntakeOptions.MaxBodyBytes"/> (refused
    /// before it is read whole), otherwise as <see cref="HandleAsync(string, IWorkflowHost, CancellationToken)"/>.</summary>
    public async Task<ApiResult> HandleAsync(Stream body, long? declaredLength, IWorkflowHost host, CancellationToken cancellationToken = default)
    {
        var (text, refusal) = await AlertBody.ReadAsync(body, declaredLength, _options.MaxBodyBytes, cancellationToken);
        if (refusal is not null)
        {
            var error = ((ApiError)refusal.Body).Error;
            HostingLog.AlertRejected(_logger, error);
            await RecordAsync("rejected", $"malformed alert payload: {error}", 0, cancellationToken);
            return refusal;
        }

        return await HandleAsync(text!, host, cancellationToken);
    }

    /// <summary>Handles one webhook call: 400 malformed, 422 nothing in scope, 202 routed (with what was done per target).</summary>
    public async Task<ApiResult> HandleAsync(string body, IWorkflowHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var parsed = AlertPayloadParser.Parse(body ?? "");
        if (!parsed.Succeeded)
        {
            HostingLog.AlertRejected(_logger, parsed.Error!);
            await RecordAsync("rejected", $"malformed alert payload: {parsed.Error}", 0, cancellationToken);
            return ApiResult.BadRequest(parsed.Error!);
        }

        var outcomes = new List<AlertTargetOutcome>();
        foreach (var signal in parsed.Signals)
        {
            outcomes.Add(await RouteAsync(signal, host, cancellationToken));
        }

        var acted = outcomes.Count(o => o.Action is "signalled-change" or "started-remediation" or "already-remediating");
        var summary = string.Join("; ", outcomes.Select(o => $"{o.ResourceId}: {o.Action} ({o.Reason})"));
        if (outcomes.All(o => o.Action == "out-of-scope"))
        {
            await RecordAsync("rejected", $"alert out of scope: {summary}", outcomes.Count, cancellationToken);
            return ApiResult.Unprocessable($"No target of this alert is in Optimize's scope: {summary}");
        }

        await RecordAsync("accepted", $"alert ({parsed.Schema}): {summary}", outcomes.Count, cancellationToken);
        return ApiResult.Accepted(new { schema = parsed.Schema, targets = outcomes, acted });
    }

    private async Task<AlertTargetOutcome> RouteAsync(AlertSignal signal, IWorkflowHost host, CancellationToken ct)
    {
        var id = signal.ResourceId;
        var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !_subscriptions.Contains(parts[1]))
        {
            return Outcome(signal, "out-of-scope", "subscription is not one Optimize manages");
        }

        if (ResourceKinds.FromResourceId(id) is not { } kind)
        {
            return Outcome(signal, "out-of-scope", "not a resource kind Optimize changes");
        }

        // The policy's alerts section first: a resolved alert, or one of a severity, signal type or monitor condition
        // the policy does not list, never acts (not even on a change in flight), and says why.
        if (AlertAdmission.Refusal(_policy.Alerts, signal) is { } refusal)
        {
            return Ignored(signal, refusal);
        }

        // A change in flight always hears an admitted alert, whatever the policy says now (its scope or mode may have changed
        // since it started): rolling back is what makes it safe.
        var changeRunning = (await host.GetStateAsync(InstanceIds.ForChange(id), ct))?.IsActive == true;
        var latest = await _changes.GetLatestForResourceAsync(id, ct);
        var firedAt = signal.FiredAt == DateTimeOffset.MinValue ? _time.GetUtcNow() : signal.FiredAt;
        if (latest is not null && firedAt < latest.CreatedAt)
        {
            // The condition began before Optimize planned its change, so the change did not cause it.
            return Ignored(signal, $"alert fired at {Time(firedAt)}, before change {latest.ChangeId} was planned at {Time(latest.CreatedAt)}: not caused by it");
        }

        if (AlertAdmission.AgeRefusal(_policy.Alerts, signal, _time.GetUtcNow()) is { } stale)
        {
            // A late delivery or a replay: the condition it reports may be long over.
            return Ignored(signal, stale);
        }

        if (!changeRunning)
        {
            // The journal knows the tags of every resource Optimize changed; a resource it never changed has nothing to revert.
            var resource = latest?.Resource ?? new ResourceRef(id, kind, "unknown");
            var match = _scopes.Match(resource);
            if (!match.IsInScope)
            {
                return Outcome(signal, "out-of-scope", "matches no policy scope");
            }

            if (match.Mode is ChangeMode.Off or ChangeMode.Recommend)
            {
                return Outcome(signal, "none", $"mode {match.Mode.ToString().ToLowerInvariant()} in scope '{match.Scope!.Name}': no automatic action");
            }
        }

        var remediationRunning = (await host.GetStateAsync(InstanceIds.ForAlert(id), ct))?.IsActive == true;
        var route = AlertRouter.Route(signal, changeRunning, remediationRunning);
        AlertTargetOutcome outcome;
        switch (route)
        {
            case AlertRoute.SignalChange s:
                await host.RaiseEventAsync(s.InstanceId, WorkflowEvents.Alert, signal, ct);
                outcome = Outcome(signal, "signalled-change", $"change in flight ({s.InstanceId}) rolls back");
                break;
            case AlertRoute.StartRemediation r:
                try
                {
                    await host.StartAsync(WorkflowNames.AlertRemediation, r.InstanceId, new AlertRemediationInput(signal, _policy.Alerts.RevertWindow), ct);
                    outcome = Outcome(signal, "started-remediation", $"remediation {r.InstanceId} reverts Optimize's change of the last {_policy.Alerts.RevertWindow.TotalDays:0.#} days, if any");
                }
                catch (WorkflowAlreadyRunningException)
                {
                    outcome = Outcome(signal, "already-remediating", $"remediation {r.InstanceId} is already running");
                }

                break;
            case AlertRoute.Ignore i when i.Reason.Contains("already running", StringComparison.Ordinal):
                outcome = Outcome(signal, "already-remediating", i.Reason);
                break;
            case AlertRoute.Ignore i:
                outcome = Outcome(signal, "none", i.Reason);
                break;
            default:
                outcome = Outcome(signal, "none", "unknown route");
                break;
        }

        HostingLog.AlertRouted(_logger, signal.AlertId, id, outcome.Action, outcome.Reason);
        return outcome;
    }

    private AlertTargetOutcome Ignored(AlertSignal signal, string reason)
    {
        HostingLog.AlertRouted(_logger, signal.AlertId, signal.ResourceId, "ignored", reason);
        return Outcome(signal, "ignored", reason);
    }

    private static AlertTargetOutcome Outcome(AlertSignal signal, string action, string reason) =>
        new(signal.ResourceId, signal.RuleName, signal.Fired ? "fired" : "resolved", action, reason);

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private Task RecordAsync(string status, string message, int targets, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var id = AuditId(now);
        if (message.Length > _options.MaxAuditMessageLength)
        {
            message = string.Concat(message.AsSpan(0, _options.MaxAuditMessageLength - 1), "…");
        }

        return _passes.RecordPassAsync(new PassRecord(id, "alert", now, now, status, targets, 0, 0, 0, 0m, _policy.Savings.Currency, message), ct);
    }

    /// <summary><c>alert-20261201T020000Z-</c> + a version-7 GUID: sortable by time, and 74 random bits per millisecond so
    /// a storm of alerts in one second never collides (the old 16 random bits lost 734 of 10,000).</summary>
    internal static string AuditId(DateTimeOffset at) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"alert-{at.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Guid.CreateVersion7(at):N}");
}

/// <summary>Limits of alert intake.</summary>
public sealed record AlertIntakeOptions
{
    /// <summary>Largest webhook body accepted, in bytes (413 above).</summary>
    public int MaxBodyBytes { get; init; } = AlertBody.DefaultMaxBytes;

    /// <summary>Longest audit message kept in the journal; longer is cut with an ellipsis.</summary>
    public int MaxAuditMessageLength { get; init; } = 8_000;
}

/// <summary>What the intake did with one target of an alert.</summary>
/// <param name="ResourceId">The target.</param>
/// <param name="Rule">Alert rule name.</param>
/// <param name="Condition">fired or resolved.</param>
/// <param name="Action"><c>signalled-change</c>, <c>started-remediation</c>, <c>already-remediating</c>, <c>none</c>,
/// <c>ignored</c> (refused by the policy's <c>alerts</c> section) or <c>out-of-scope</c>.</param>
/// <param name="Reason">Why.</param>
public sealed record AlertTargetOutcome(string ResourceId, string Rule, string Condition, string Action, string Reason);
