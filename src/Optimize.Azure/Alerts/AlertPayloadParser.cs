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

    /// <summary>Longest alert rule name kept (Azure's own limit on alert rule names is 260); longer is cut with an ellipsis.</summary>
    public const int MaxRuleNameLength = 260;

    /// <summary>Longest description kept; longer is cut with an ellipsis, so an alert never carries more than the journal stores.</summary>
    public const int MaxDescriptionLength = 2_048;

    /// <summary>Longest alert id, severity or signal type kept.</summary>
    public const int MaxFieldLength = 512;

    private const string TurnOnCommonSchema =
        "Turn on the common alert schema for this receiver in the action group (Use common alert schema: Yes); "
        + "see https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-common-schema.";

    // Duplicate keys are refused outright: which of two "alertTargetIDs" an alert means is not ours to guess.
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

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
            root = JsonNode.Parse(json, documentOptions: Strict);
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

            if (schema.Equals("Microsoft.Insights/activityLogs", StringComparison.OrdinalIgnoreCase)
                || schema.Equals("Microsoft.Insights/LogAlert", StringComparison.OrdinalIgnoreCase))
            {
                return ParseResult.Fail($"The alert payload uses the legacy '{schema}' schema, which Optimize does not read. " + TurnOnCommonSchema);
            }

            if (schema.Length == 0 && obj["context"] is JsonObject context && obj["status"] is not null)
            {
                return ParseResult.Fail(
                    $"Classic metric alert webhooks (microsoft.insights/alertrules, rule '{Text(context["name"])}') are retired and not supported: "
                    + "recreate the rule as a metric alert with the common alert schema.");
            }

            return ParseResult.Fail(schema.Length == 0
                ? "The alert payload has no schemaId: expected azureMonitorCommonAlertSchema or AzureMonitorMetricAlert. " + TurnOnCommonSchema
                : $"Unknown alert schemaId '{Cut(schema, 100)}': expected azureMonitorCommonAlertSchema or AzureMonitorMetricAlert. " + TurnOnCommonSchema);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
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

        var alertId = Cut(Text(essentials["alertId"]), MaxFieldLength);
        var rule = Cut(Text(essentials["alertRule"]), MaxRuleNameLength);
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
        var description = Cut(DescribeCommon(essentials, essentials.Parent?["alertContext"]), MaxDescriptionLength);
        var severity = Cut(Text(essentials["severity"]), MaxFieldLength);
        var signalType = Cut(Text(essentials["signalType"]), MaxFieldLength);
        return ParseResult.Ok(CommonSchema, [.. targets.Select(t => new AlertSignal(alertId, t, rule, severity, fired, at, description) { SignalType = signalType })]);
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

        var rule = Cut(Text(context["name"]), MaxRuleNameLength);
        var status = Text(root["data"]!["status"]);
        if (rule.Length == 0 || status.Length == 0)
        {
            return ParseResult.Fail("The AzureMonitorMetricAlert payload lacks context.name or data.status.", MetricAlertSchema);
        }

        var severity = Cut(Text(context["severity"]), MaxFieldLength);
        severity = severity.StartsWith("Sev", StringComparison.OrdinalIgnoreCase) || severity.Length == 0 ? severity : "Sev" + severity;
        var signal = new AlertSignal(
            Cut(Text(context["id"]), MaxFieldLength),
            target,
            rule,
            severity,
            status.Equals("Activated", StringComparison.OrdinalIgnoreCase),
            Time(context["timestamp"]) ?? DateTimeOffset.MinValue,
            Cut(DescribeCriteria(context["condition"]) ?? Text(context["description"]), MaxDescriptionLength))
        {
            SignalType = "Metric",
        };
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

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static DateTimeOffset? Time(JsonNode? node) =>
        DateTimeOffset.TryParse(Text(node), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
