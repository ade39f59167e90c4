using System.Text.Json.Nodes;
using Optimize.Azure.Alerts;
using Optimize.Testing;

namespace Optimize.Azure.Tests.Alerts;

public sealed class AlertPayloadParserTests
{
    private static string Fixture(string relative) => File.ReadAllText(RepoPaths.SharedFile("fixtures/alerts/" + relative));

    [Theory]
    [InlineData("common-schema/alerts-common-schema.md__sample-alert-payload.json", AlertPayloadParser.CommonSchema, false, "/providers/Microsoft.Compute/virtualMachines/wcus-r2-gen2", "Percentage CPU GreaterThan 25")]
    [InlineData("common-schema/alerts-payload-samples.md__sample-alert-payload.json", AlertPayloadParser.CommonSchema, false, "/providers/Microsoft.Compute/virtualMachines/wcus-r2-gen2", "Percentage CPU GreaterThan 25")]
    [InlineData("common-schema/alerts-payload-samples.md__test-action-metric-alert-static-threshold.json", AlertPayloadParser.CommonSchema, true, "/resourceGroups/test-RG/providers/Microsoft.Storage/storageAccounts/test-storageAccount", "Transactions GreaterThan 0")]
    [InlineData("common-schema/alerts-payload-samples.md__test-action-metric-alert-dynamic-threshold.json", AlertPayloadParser.CommonSchema, true, "/providers/Microsoft.Storage/storageAccounts/test-storageAccount", "Transactions GreaterThan 0.3 (dynamic, Low sensitivity) (value 78.09)")]
    [InlineData("common-schema/alerts-payload-samples.md__test-action-activity-log-alert.json", AlertPayloadParser.CommonSchema, true, "/resourceGroups/test-RG/providers/Microsoft.Compute/virtualMachines/test-VM", "Microsoft.Compute/virtualMachines/restart/action")]
    [InlineData("legacy/alerts-non-common-schema-definitions.md__metric-alert-static-threshold.json", AlertPayloadParser.MetricAlertSchema, true, "/providers/Microsoft.Storage/storageAccounts/", "Transactions GreaterThan 0")]
    [InlineData("legacy/alerts-non-common-schema-definitions.md__metric-alert-dynamic-threshold.json", AlertPayloadParser.MetricAlertSchema, true, "/providers/Microsoft.Storage/storageAccounts/", "(dynamic, Low sensitivity)")]
    public void Parse_PublishedPayload_OneSignalPerTargetInArmForm(string file, string schema, bool fired, string idPart, string descriptionPart)
    {
        var result = AlertPayloadParser.Parse(Fixture(file));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(schema, result.Schema);
        var signal = Assert.Single(result.Signals);
        Assert.Equal(fired, signal.Fired);
        Assert.Contains(idPart, signal.ResourceId, StringComparison.Ordinal);
        Assert.Contains("/resourceGroups/", signal.ResourceId, StringComparison.Ordinal);
        Assert.Contains(descriptionPart, signal.Description, StringComparison.Ordinal);
        Assert.StartsWith("Sev", signal.Severity, StringComparison.Ordinal);
        Assert.NotEqual(DateTimeOffset.MinValue, signal.FiredAt);
    }

    [Fact]
    public void Parse_ClassicAlertRuleWebhook_RejectedAsUnsupported()
    {
        var result = AlertPayloadParser.Parse(Fixture("legacy/alerts-webhooks.md__classic-metric-alert-payload.json"));

        Assert.False(result.Succeeded);
        Assert.Contains("Classic metric alert webhooks (microsoft.insights/alertrules, rule 'ruleName1') are retired", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AutoscaleActivityLogContextInCommonEnvelope_DescribesTheScaleOperation()
    {
        var context = JsonNode.Parse(Fixture("common-schema/alerts-payload-samples.md__activity-log-autoscale-alertContext.json"))!["alertContext"]!.DeepClone();
        var payload = new JsonObject
        {
            ["schemaId"] = "azureMonitorCommonAlertSchema",
            ["data"] = new JsonObject
            {
                ["essentials"] = new JsonObject
                {
                    ["alertId"] = "/subscriptions/s/providers/Microsoft.AlertsManagement/alerts/a1",
                    ["alertRule"] = "autoscale-events",
                    ["severity"] = "Sev4",
                    ["signalType"] = "Activity Log",
                    ["monitorCondition"] = "Fired",
                    ["monitoringService"] = "Activity Log - Autoscale",
                    ["alertTargetIDs"] = new JsonArray("/subscriptions/s/resourcegroups/testrg/providers/microsoft.insights/autoscalesettings/setting1"),
                    ["firedDateTime"] = "2019-08-21T16:17:47Z",
                },
                ["alertContext"] = context,
            },
        };

        var result = AlertPayloadParser.Parse(payload.ToJsonString());

        var signal = Assert.Single(result.Signals);
        Assert.Equal("/subscriptions/s/resourceGroups/testrg/providers/Microsoft.Insights/autoscalesettings/setting1", signal.ResourceId);
        Assert.StartsWith("Microsoft.Insights/AutoscaleSettings/Scaleup/Action: The autoscale engine attempting to scale", signal.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TwoTargets_OneSignalEach()
    {
        var payload = JsonNode.Parse(Fixture("common-schema/alerts-payload-samples.md__test-action-metric-alert-static-threshold.json"))!;
        payload["data"]!["essentials"]!["alertTargetIDs"] = new JsonArray(
            "/subscriptions/s/resourcegroups/rg/providers/microsoft.compute/virtualmachines/a",
            "/subscriptions/s/resourcegroups/rg/providers/microsoft.compute/virtualmachines/b");

        var result = AlertPayloadParser.Parse(payload.ToJsonString());

        Assert.Equal(
            ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/a", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/b"],
            result.Signals.Select(s => s.ResourceId));
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("", "empty")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"schemaId\":\"Microsoft.Insights/activityLogs\",\"data\":{}}", "legacy 'Microsoft.Insights/activityLogs' schema, which Optimize does not read")]
    [InlineData("{\"data\":{}}", "no schemaId")]
    [InlineData("{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{}}", "no data.essentials")]
    [InlineData("{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{\"essentials\":{\"alertId\":\"a\",\"alertRule\":\"r\"}}}", "lack alertId, alertRule or monitorCondition")]
    [InlineData("{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{\"essentials\":{\"alertId\":\"a\",\"alertRule\":\"r\",\"monitorCondition\":\"Fired\",\"alertTargetIDs\":[\"/subscriptions/s\"]}}}", "names no target resource")]
    [InlineData("{\"schemaId\":\"AzureMonitorMetricAlert\",\"data\":{\"status\":\"Activated\",\"context\":{\"name\":\"r\"}}}", "names no target resource")]
    public void Parse_BadPayload_ClearError(string payload, string expected)
    {
        var result = AlertPayloadParser.Parse(payload);

        Assert.False(result.Succeeded);
        Assert.Empty(result.Signals);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }
}
