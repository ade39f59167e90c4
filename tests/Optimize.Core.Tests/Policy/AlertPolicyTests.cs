using Optimize.Policy;
using Optimize.Workflow.Hosting;

namespace Optimize.Core.Tests.Policy;

/// <summary>The policy's alerts section: what the file accepts, and which alerts it lets act.</summary>
public sealed class AlertPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 7, 0, 0, TimeSpan.Zero);

    private static AlertSignal Signal(string severity = "Sev2", string signalType = "Metric", bool fired = true, TimeSpan? age = null) =>
        new("alert-1", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverfarms/p", "cpu-high", severity, fired, Now - (age ?? TimeSpan.FromMinutes(5)), "cpu > 85") { SignalType = signalType };

    [Fact]
    public void Load_AlertsSection_ReadsEveryField()
    {
        var policy = PolicyAssert.Valid(PolicyLoader.Load("""
            { "version": 1, "alerts": { "severities": ["Sev0", "Sev3"], "signalTypes": ["Activity Log"], "monitorConditions": [], "maxAge": "15m" } }
            """));

        Assert.Equal(["Sev0", "Sev3"], policy.Alerts.Severities);
        Assert.Equal(["Activity Log"], policy.Alerts.SignalTypes);
        Assert.Empty(policy.Alerts.MonitorConditions);
        Assert.Equal(TimeSpan.FromMinutes(15), policy.Alerts.MaxAge);
    }

    [Fact]
    public void Default_Alerts_Sev0ToSev2MetricAndLogFiredWithinAnHour()
    {
        var alerts = PolicyLoader.Default.Alerts;

        Assert.Equal(["Sev0", "Sev1", "Sev2"], alerts.Severities);
        Assert.Equal(["Metric", "Log"], alerts.SignalTypes);
        Assert.Equal(["Fired"], alerts.MonitorConditions);
        Assert.Equal(TimeSpan.FromHours(1), alerts.MaxAge);
    }

    [Theory]
    [InlineData("resolved acting", """ "monitorConditions": ["Fired", "Resolved"] """, "/alerts/monitorConditions/1", "must be \"Fired\", not \"Resolved\"")]
    [InlineData("unknown severity", """ "severities": ["Sev5"] """, "/alerts/severities/0", "\"Sev5\" is not one of \"Sev0\", \"Sev1\", \"Sev2\", \"Sev3\", \"Sev4\"")]
    [InlineData("unknown signal type", """ "signalTypes": ["Metric", "ActivityLog"] """, "/alerts/signalTypes/1", "\"ActivityLog\" is not one of")]
    [InlineData("repeated severity", """ "severities": ["Sev1", "Sev1"] """, "/alerts/severities/1", "duplicates /alerts/severities/0")]
    [InlineData("zero max age", """ "maxAge": "0s" """, "/alerts/maxAge", "must be positive")]
    public void Load_BadAlertsSection_OneErrorAtItsPointer(string @case, string fragment, string path, string message)
    {
        var error = Assert.Single(PolicyAssert.Invalid(PolicyLoader.Load($$"""{ "version": 1, "alerts": { {{fragment}} } }""")));

        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(@case);
    }

    [Theory]
    [InlineData("Sev0", "Metric", true, 5, null)]
    [InlineData("sev2", "log", true, 59, null)]
    [InlineData("Sev3", "Metric", true, 5, "severity Sev3 is not in alerts.severities (Sev0, Sev1, Sev2)")]
    [InlineData("Sev1", "Activity Log", true, 5, "signal type Activity Log is not in alerts.signalTypes (Metric, Log)")]
    [InlineData("Sev1", "", true, 5, "signal type (none) is not in alerts.signalTypes (Metric, Log)")]
    [InlineData("Sev0", "Metric", false, 5, "alert resolved: a resolved alert never acts")]
    public void Refusal_DefaultPolicy_ActsOnlyOnListedFiredAlerts(string severity, string signalType, bool fired, int minutesOld, string? reason)
    {
        var signal = Signal(severity, signalType, fired, TimeSpan.FromMinutes(minutesOld));

        Assert.Equal(reason, AlertAdmission.Refusal(new AlertPolicy(), signal));
    }

    [Theory]
    [InlineData(59, null)]
    [InlineData(60, null)]
    [InlineData(61, "alert fired at 2026-12-03 05:59:00Z, 61m ago: older than alerts.maxAge (1h)")]
    [InlineData(60 * 24 * 10, "alert fired at 2026-11-23 07:00:00Z, 10d ago: older than alerts.maxAge (1h)")]
    public void AgeRefusal_MaxAgeOneHour_OlderIgnored(int minutesOld, string? reason)
    {
        Assert.Equal(reason, AlertAdmission.AgeRefusal(new AlertPolicy(), Signal(age: TimeSpan.FromMinutes(minutesOld)), Now));
    }

    [Fact]
    public void AgeRefusal_NoFireTime_CountsAsNow()
    {
        var signal = Signal() with { FiredAt = DateTimeOffset.MinValue };

        Assert.Null(AlertAdmission.AgeRefusal(new AlertPolicy(), signal, Now));
    }
}
