using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;

namespace Optimize.Azure.Alerts;

/// <summary>
/// Parses Azure Monitor alert webhook payloads into <see cref="AlertSignal"/>s: the common alert schema (metric static/dynamic,
/// log search, activity log incl. autoscale) and the older metric-alert schema (<c>AzureMonitorMetricAlert</c>). Classic
/// <c>alertrules</c> webhooks (retired) are rejected with a clear message. Pure: no I/O.
/// </summary>
public static class AlertPayloadParser
{
    /// <summary>schemaId of the common alert schema.</summary>
    public const string CommonSchema = "azureMonitorCommonAlertSchema";

    /// <summary>schemaId of the non-common metric alert schema.</summary>
    public const string MetricAlertSchema = "AzureMonitorMetricAlert";

    /// <summary>Parses <paramref name="json"/>; never throws for bad input.</summary>
    public static ParseResult Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return ParseResult.Fail("The alert payload is empty.");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            return ParseResult.Fail($"The alert payload is not valid JSON: {ex.Message}");
        }

        if (root is not JsonObject obj)
        {
            return ParseResult.Fail("The alert payload is not a JSON object.");
        }

        try
        {
            var schema = Text(obj["schemaId"]);
            if (schema.Equals(CommonSchema, StringComparison.OrdinalIgnoreCase))
            {
                return ParseCommon(obj);
            }

            if (schema.Equals(MetricAlertSchema, StringComparison.OrdinalIgnoreCase))
            {
                return ParseMetricAlert(obj);
            }

            if (schema.Length == 0 && obj["context"] is JsonObject context && obj["status"] is not null)
            {
                return ParseResult.Fail(
                    $"Classic metric alert webhooks (microsoft.insights/alertrules, rule '{Text(context["name"])}') are retired and not supported: "
                    + "recreate the rule as a metric alert with the common alert schema.");
            }

            return ParseResult.Fail(schema.Length == 0
                ? "The alert payload has no schemaId: expected azureMonitorCommonAlertSchema or AzureMonitorMetricAlert."
                : $"Unknown alert schemaId '{schema}': expected azureMonitorCommonAlertSchema or AzureMonitorMetricAlert.");
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            return ParseResult.Fail($"The alert payload has an unexpected shape: {ex.Message}");
        }
    }

    private static ParseResult ParseCommon(JsonObject root)
    {
        if (root["data"]?["essentials"] is not JsonObject essentials)
        {
            return ParseResult.Fail("The common-schema payload has no data.essentials.", CommonSchema);
        }

        var alertId = Text(essentials["alertId"]);
        var rule = Text(essentials["alertRule"]);
        var condition = Text(essentials["monitorCondition"]);
        if (alertId.Length == 0 || rule.Length == 0 || condition.Length == 0)
        {
            return ParseResult.Fail("The common-schema essentials lack alertId, alertRule or monitorCondition.", CommonSchema);
        }

        var targets = (essentials["alertTargetIDs"] as JsonArray ?? [])
            .Select(t => ArmIdNormalizer.Normalize(t?.ToString()))
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        if (targets.Length == 0)
        {
            return ParseResult.Fail($"Alert '{rule}' names no target resource (alertTargetIDs is empty or holds no ARM resource id).", CommonSchema);
        }

        var fired = condition.Equals("Fired", StringComparison.OrdinalIgnoreCase);
        var at = Time(essentials["firedDateTime"]) ?? Time(essentials["resolvedDateTime"]) ?? DateTimeOffset.MinValue;
        var description = DescribeCommon(essentials, essentials.Parent?["alertContext"]);
        var severity = Text(essentials["severity"]);
        return ParseResult.Ok(CommonSchema, [.. targets.Select(t => new AlertSignal(alertId, t, rule, severity, fired, at, description))]);
    }

    private static ParseResult ParseMetricAlert(JsonObject root)
    {
        if (root["data"]?["context"] is not JsonObject context)
        {
            return ParseResult.Fail("The AzureMonitorMetricAlert payload has no data.context.", MetricAlertSchema);
        }

        var target = ArmIdNormalizer.Normalize(Text(context["resourceId"]));
        if (target is null)
        {
            return ParseResult.Fail($"Metric alert '{Text(context["name"])}' names no target resource (context.resourceId).", MetricAlertSchema);
        }

        var rule = Text(context["name"]);
        var status = Text(root["data"]!["status"]);
        if (rule.Length == 0 || status.Length == 0)
        {
            return ParseResult.Fail("The AzureMonitorMetricAlert payload lacks context.name or data.status.", MetricAlertSchema);
        }

        var severity = Text(context["severity"]);
        severity = severity.StartsWith("Sev", StringComparison.OrdinalIgnoreCase) || severity.Length == 0 ? severity : "Sev" + severity;
        var signal = new AlertSignal(
            Text(context["id"]),
            target,
            rule,
            severity,
            status.Equals("Activated", StringComparison.OrdinalIgnoreCase),
            Time(context["timestamp"]) ?? DateTimeOffset.MinValue,
            DescribeCriteria(context["condition"]) ?? Text(context["description"]));
        return ParseResult.Ok(MetricAlertSchema, [signal]);
    }

    private static string DescribeCommon(JsonObject essentials, JsonNode? context)
    {
        var criteria = DescribeCriteria(context?["condition"]);
        if (criteria is not null)
        {
            return criteria;
        }

        var operation = Text(context?["operationName"]);
        if (operation.Length > 0)
        {
            var detail = Text(context?["properties"]?["description"]);
            return detail.Length > 0 ? $"{operation}: {detail}" : operation;
        }

        var description = Text(essentials["description"]);
        return description.Length > 0 ? description : Text(essentials["alertRule"]);
    }

    /// <summary>"Percentage CPU GreaterThan 25 (value 31.1)"; dynamic: "Transactions GreaterThan 0.3 (dynamic, Low sensitivity) (value 78.09)"; log: the query.</summary>
    private static string? DescribeCriteria(JsonNode? condition)
    {
        var parts = new List<string>();
        foreach (var c in (condition?["allOf"] as JsonArray ?? []).OfType<JsonNode>())
        {
            var metric = Text(c["metricName"]);
            var threshold = Text(c["threshold"]);
            if (c["alertSensitivity"] is not null)
            {
                threshold = $"{threshold} (dynamic, {Text(c["alertSensitivity"])} sensitivity)".TrimStart();
            }

            var value = Text(c["metricValue"]);
            var query = Text(c["searchQuery"]);
            var text = metric.Length > 0 ? $"{metric} {Text(c["operator"])} {threshold}".TrimEnd() : query;
            if (text.Length > 0)
            {
                parts.Add(value.Length > 0 ? $"{text} (value {value})" : text);
            }
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => string.Empty,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
        JsonValue v => v.ToJsonString(),
        _ => string.Empty,
    };

    private static DateTimeOffset? Time(JsonNode? node) =>
        DateTimeOffset.TryParse(Text(node), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
