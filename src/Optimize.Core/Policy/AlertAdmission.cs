using System.Globalization;
using Optimize.Workflow.Hosting;

namespace Optimize.Policy;

/// <summary>Whether the policy's <c>alerts</c> section lets an alert act at all, before it is routed anywhere.</summary>
public static class AlertAdmission
{
    /// <summary>
    /// Why <paramref name="signal"/> may not act under <paramref name="policy"/>, or null when it may: a resolved alert
    /// never acts; then its monitor condition, severity and signal type must be listed (case-insensitive).
    /// </summary>
    public static string? Refusal(AlertPolicy policy, AlertSignal signal)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(signal);
        if (!signal.Fired)
        {
            return "alert resolved: a resolved alert never acts";
        }

        if (!Listed(policy.MonitorConditions, "Fired"))
        {
            return "monitor condition Fired is not in alerts.monitorConditions (none): alerts do not act";
        }

        if (!Listed(policy.Severities, signal.Severity))
        {
            return $"severity {Show(signal.Severity)} is not in alerts.severities ({string.Join(", ", policy.Severities)})";
        }

        if (!Listed(policy.SignalTypes, signal.SignalType))
        {
            return $"signal type {Show(signal.SignalType)} is not in alerts.signalTypes ({string.Join(", ", policy.SignalTypes)})";
        }

        return null;
    }

    /// <summary>
    /// Why <paramref name="signal"/> is too old to act at <paramref name="now"/>, or null: it must have fired within
    /// <see cref="AlertPolicy.MaxAge"/>. An alert with no fire time counts as fired now.
    /// </summary>
    public static string? AgeRefusal(AlertPolicy policy, AlertSignal signal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(signal);
        if (signal.FiredAt != DateTimeOffset.MinValue && now - signal.FiredAt > policy.MaxAge)
        {
            var at = signal.FiredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            return $"alert fired at {at}, {Serialization.DurationJsonConverter.Format(Whole(now - signal.FiredAt))} ago: older than alerts.maxAge ({Serialization.DurationJsonConverter.Format(policy.MaxAge)})";
        }

        return null;
    }

    private static bool Listed(IReadOnlyList<string> list, string value) => list.Contains(value, StringComparer.OrdinalIgnoreCase);

    private static string Show(string value) => value.Length == 0 ? "(none)" : value;

    private static TimeSpan Whole(TimeSpan age) => TimeSpan.FromSeconds(Math.Floor(age.TotalSeconds));
}
