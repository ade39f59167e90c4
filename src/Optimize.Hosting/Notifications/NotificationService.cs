using System.Globalization;
using Microsoft.Extensions.Logging;
using Optimize.Changes;
using Optimize.Journal;

namespace Optimize.Hosting.Notifications;

/// <summary>Where notifications point and how hard they try.</summary>
public sealed record NotificationOptions
{
    /// <summary>The Function App's base URL (<c>https://func-optimize-xyz.azurewebsites.net</c>) for links; none when null.</summary>
    public Uri? AppUrl { get; init; }

    /// <summary>Rollbacks and escalations updated within this window are considered.</summary>
    public TimeSpan Lookback { get; init; } = TimeSpan.FromDays(2);

    /// <summary>Attempts per notification before the sweep gives up (each failure is journaled).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Attempts for a failed-pass notification, made at once (the journal may be what failed).</summary>
    public int PassFailedAttempts { get; init; } = 3;

    /// <summary>Wait between failed-pass attempts.</summary>
    public TimeSpan PassFailedRetryDelay { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>What one sweep did.</summary>
/// <param name="Sent">Notifications delivered.</param>
/// <param name="Failed">Attempts that failed (journaled; retried by the next sweep).</param>
/// <param name="GaveUp">Notifications that reached <see cref="NotificationOptions.MaxAttempts"/> in this sweep.</param>
public sealed record NotificationSweep(int Sent, int Failed, int GaveUp);

/// <summary>
/// Tells people what needs them, from the journal: changes awaiting approval (with when the request expires), rolled
/// back, or whose rollback failed. Run by a timer; each notification is journaled as a <see cref="ChangeSteps.Notify"/>
/// event of its change — "sent", or "failed" with the reason — so a failure is retried by the next sweep (up to
/// <see cref="NotificationOptions.MaxAttempts"/>) and never touches the change itself. Failed passes are told at once
/// by <see cref="NotifyPassFailedAsync"/>.
/// </summary>
public sealed class NotificationService
{
    private readonly INotificationChannel? _channel;
    private readonly IChangeJournal _changes;
    private readonly IJournalReader _reader;
    private readonly TimeProvider _time;
    private readonly NotificationOptions _options;
    private readonly ILogger<NotificationService> _logger;

    /// <summary>Creates the service; with no channel it does nothing.</summary>
    public NotificationService(INotificationChannel? channel, IChangeJournal changes, IJournalReader reader, TimeProvider time, ILogger<NotificationService> logger, NotificationOptions? options = null)
    {
        _channel = channel;
        _changes = changes ?? throw new ArgumentNullException(nameof(changes));
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _options = options ?? new NotificationOptions();
    }

    /// <summary>True when a channel is configured.</summary>
    public bool Enabled => _channel is not null;

    /// <summary>Sends what is due and journals each attempt.</summary>
    public async Task<NotificationSweep> SweepAsync(CancellationToken cancellationToken = default)
    {
        if (_channel is null)
        {
            return new NotificationSweep(0, 0, 0);
        }

        var due = new Dictionary<string, ChangeRecord>(StringComparer.Ordinal);
        await foreach (var change in _changes.ListActiveAsync(cancellationToken))
        {
            if (change.State == ChangeState.AwaitingApproval)
            {
                due[change.ChangeId] = change;
            }
        }

        var since = _time.GetUtcNow() - _options.Lookback;
        await foreach (var change in _reader.ListChangesAsync(new HistoryQuery(Since: since, Limit: 10_000), cancellationToken))
        {
            if (change.State is ChangeState.RolledBack or ChangeState.RollbackFailed)
            {
                due[change.ChangeId] = change;
            }
        }

        int sent = 0, failed = 0, gaveUp = 0;
        foreach (var change in due.Values.OrderBy(c => c.UpdatedAt))
        {
            var events = new List<ChangeEvent>();
            await foreach (var e in _reader.ListEventsAsync(change.ChangeId, cancellationToken))
            {
                events.Add(e);
            }

            // A change still awaiting approval is asked again after each reminder (approval.onTimeout keepWaiting): only the
            // notifications since the last request count.
            var asked = change.State == ChangeState.AwaitingApproval
                ? events.FindLastIndex(e => e.Step == ChangeSteps.Approval && e.State == ChangeState.AwaitingApproval)
                : -1;
            var tries = events.Skip(asked + 1).Where(e => e.Step == ChangeSteps.Notify && e.State == change.State).ToList();
            if (tries.Any(e => e.Message.StartsWith("sent", StringComparison.Ordinal)) || tries.Count >= _options.MaxAttempts)
            {
                continue;
            }

            var notification = Describe(change, events);
            var attempt = tries.Count + 1;
            string message;
            try
            {
                await _channel.SendAsync(notification, cancellationToken);
                message = $"sent: {notification.Title}";
                sent++;
            }
            catch (NotificationFailedException ex)
            {
                var last = attempt >= _options.MaxAttempts;
                message = $"failed (attempt {attempt} of {_options.MaxAttempts}{(last ? "; giving up" : "; retried by the next sweep")}): {ex.Message}";
                failed++;
                gaveUp += last ? 1 : 0;
                NotificationLog.Failed(_logger, change.ChangeId, notification.Kind.ToString(), ex.Message);
            }

            await _changes.AppendAsync(
                new ChangeEvent(change.ChangeId, 0, _time.GetUtcNow(), ChangeSteps.Notify, change.StageIndex, message, null, change.State),
                cancellationToken);
        }

        return new NotificationSweep(sent, failed, gaveUp);
    }

    /// <summary>Tells people a pass failed, trying <see cref="NotificationOptions.PassFailedAttempts"/> times at once; never throws
    /// for a delivery failure (it is logged).</summary>
    /// <returns>True when delivered.</returns>
    public async Task<bool> NotifyPassFailedAsync(string trigger, string reason, CancellationToken cancellationToken = default)
    {
        if (_channel is null)
        {
            return false;
        }

        var notification = new Notification(
            NotificationKind.PassFailed,
            $"the {trigger} pass failed",
            reason,
            Url: _options.AppUrl is null ? null : new Uri(_options.AppUrl, "/api/passes").ToString());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _channel.SendAsync(notification, cancellationToken);
                return true;
            }
            catch (NotificationFailedException ex)
            {
                NotificationLog.Failed(_logger, trigger, notification.Kind.ToString(), ex.Message);
                if (attempt >= _options.PassFailedAttempts)
                {
                    return false;
                }
            }

            await Task.Delay(_options.PassFailedRetryDelay, _time, cancellationToken);
        }
    }

    private Notification Describe(ChangeRecord change, List<ChangeEvent> events)
    {
        var resource = change.Resource;
        var name = $"{resource.ResourceGroup}/{resource.Name}";
        string? Link(string path) => _options.AppUrl is null ? null : new Uri(_options.AppUrl, path).ToString();
        switch (change.State)
        {
            case ChangeState.AwaitingApproval:
                var asked = events.LastOrDefault(e => e.Step == ChangeSteps.Approval && e.State == ChangeState.AwaitingApproval)?.At ?? change.UpdatedAt;
                var expires = asked + change.Plan.ApprovalTimeout;
                return new Notification(
                    NotificationKind.ApprovalNeeded,
                    $"approval needed for {change.ChangeId} on {name}",
                    $"{change.Plan.Baseline.Describe()} → {change.Plan.FinalTarget.Describe()}, saving {change.Plan.EstimatedMonthlySavings:0.##} {change.Plan.Currency}/month: {change.Plan.Rationale} "
                    + (change.Plan.KeepWaitingForApproval
                        ? $"Nothing expires: the change keeps waiting (approval.onTimeout keepWaiting), with a reminder at {Time(expires)} if nobody decides."
                        : $"The request expires at {Time(expires)}; then the change is rejected unless someone decides."),
                    change.ChangeId,
                    resource.Id,
                    $"POST /api/changes/{change.ChangeId}/approve with {{\"by\": \"you\", \"comment\": \"…\"}} (or .../reject)",
                    Link($"/api/changes/{Uri.EscapeDataString(change.ChangeId)}/approve"),
                    expires);
            case ChangeState.RollbackFailed:
                return new Notification(
                    NotificationKind.RollbackFailed,
                    $"rollback of {change.ChangeId} on {name} did not verify: a person must look",
                    change.Outcome,
                    change.ChangeId,
                    resource.Id,
                    $"optimize history --resource {resource.Id}",
                    Link($"/api/changes/{Uri.EscapeDataString(change.ChangeId)}"));
            default:
                return new Notification(
                    NotificationKind.RolledBack,
                    $"{change.ChangeId} on {name} was rolled back",
                    change.Outcome,
                    change.ChangeId,
                    resource.Id,
                    $"optimize history --resource {resource.Id}",
                    Link($"/api/changes/{Uri.EscapeDataString(change.ChangeId)}"));
        }
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
}

/// <summary>Log messages of notifications (event ids 3100–3119).</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(3100, LogLevel.Warning, "Notification about {Subject} ({Kind}) not delivered: {Reason}")]
    public static partial void Failed(ILogger logger, string subject, string kind, string reason);
}
