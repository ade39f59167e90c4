using System.Globalization;
using System.Text.Json.Nodes;
using Optimize.Testing;

namespace Optimize.Hosting.Tests;

/// <summary>
/// Common-schema alert payloads aimed at a chosen resource: the published Azure sample (shared fixture, target and times
/// rewritten; the test is skipped when the fixture is absent) or a minimal self-made one (always available).
/// </summary>
internal static class AlertPayloads
{
    public const string Fixture = "fixture";
    public const string Minimal = "minimal";

    private const string FixturePath = "fixtures/alerts/common-schema/alerts-payload-samples.md__test-action-metric-alert-static-threshold.json";

    /// <summary>
    /// A payload of <paramref name="source"/> whose single target is <paramref name="resourceId"/>, of
    /// <paramref name="severity"/> (the published sample is Sev4, which the default policy ignores; null keeps it).
    /// </summary>
    public static string For(string source, string resourceId, DateTimeOffset firedAt, bool fired = true, string? severity = "Sev2")
    {
        var root = source switch
        {
            Fixture => JsonNode.Parse(File.ReadAllText(RepoPaths.SharedFile(FixturePath)))!.AsObject(),
            Minimal => MinimalPayload(),
            _ => throw new ArgumentOutOfRangeException(nameof(source), source, "fixture or minimal"),
        };
        var essentials = root["data"]!["essentials"]!.AsObject();
        essentials["alertTargetIDs"] = new JsonArray(resourceId);
        essentials["monitorCondition"] = fired ? "Fired" : "Resolved";
        if (severity is not null)
        {
            essentials["severity"] = severity;
        }

        var at = firedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        essentials["firedDateTime"] = at;
        if (!fired)
        {
            essentials["resolvedDateTime"] = at;
        }

        return root.ToJsonString();
    }

    private static JsonObject MinimalPayload() => new()
    {
        ["schemaId"] = "azureMonitorCommonAlertSchema",
        ["data"] = new JsonObject
        {
            ["essentials"] = new JsonObject
            {
                ["alertId"] = "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.AlertsManagement/alerts/test-alert",
                ["alertRule"] = "cpu-high",
                ["severity"] = "Sev2",
                ["signalType"] = "Metric",
                ["monitorCondition"] = "Fired",
                ["alertTargetIDs"] = new JsonArray(),
                ["firedDateTime"] = "2026-01-01T00:00:00.000Z",
            },
        },
    };
}
