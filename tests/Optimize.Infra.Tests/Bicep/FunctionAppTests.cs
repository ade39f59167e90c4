using System.Text.Json.Nodes;

namespace Optimize.Infra.Tests.Bicep;

/// <summary>The Flex Consumption plan and the Function App: runtime, scale, identity-based settings, azd tag, alerts.</summary>
public sealed class FunctionAppTests
{
    private static JsonObject Site =>
        Assert.Single(CompiledTemplate.Find("Microsoft.Web/sites")).Resource;

    private static JsonObject AppSettings =>
        Assert.Single(CompiledTemplate.Find("Microsoft.Web/sites/config")).Resource["properties"]!.AsObject();

    [Fact]
    public void Plan_Always_IsFlexConsumptionOnLinux()
    {
        var plan = Assert.Single(CompiledTemplate.Find("Microsoft.Web/serverfarms")).Resource;

        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True(plan["properties"]!["reserved"]!.GetValue<bool>());
    }

    [Fact]
    public void Site_Always_RunsDotnetIsolated10OnLinux()
    {
        var runtime = Site["properties"]!["functionAppConfig"]!["runtime"]!;

        Assert.Equal("functionapp,linux", (string?)Site["kind"]);
        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal("10.0", (string?)runtime["version"]);
    }

    [Fact]
    public void Site_Always_DeploysFromBlobContainerWithUserAssignedIdentity()
    {
        var storage = Site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Equal("UserAssigned", (string?)Site["identity"]!["type"]);
    }

    [Theory]
    [InlineData("instanceMemoryMB", 2048)]
    [InlineData("maximumInstanceCount", 40)]
    public void Scale_ByDefault_UsesBriefedValues(string parameter, int expected)
    {
        var scale = Site["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!;

        Assert.Equal($"[parameters('{parameter}')]", (string?)scale[parameter]);
        Assert.Equal(expected, CompiledTemplate.Template["parameters"]![parameter]!["defaultValue"]!.GetValue<int>());
    }

    [Fact]
    public void Site_Always_CarriesAzdServiceTag()
    {
        Assert.Contains("'azd-service-name', 'optimize'", (string?)Site["tags"], StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettings_HostStorage_IsIdentityBased()
    {
        var settings = AppSettings;

        Assert.True(settings.ContainsKey("AzureWebJobsStorage__accountName"));
        Assert.True(settings.ContainsKey("AzureWebJobsStorage__clientId"));
        Assert.Equal("managedidentity", (string?)settings["AzureWebJobsStorage__credential"]);
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "A plain AzureWebJobsStorage setting would be a connection string.");
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    public void AppSettings_OnFlexConsumption_OmitDeprecatedSetting(string setting)
    {
        Assert.False(AppSettings.ContainsKey(setting), setting + " is deprecated on Flex Consumption (runtime lives in functionAppConfig).");
    }

    [Fact]
    public void AppSettings_Telemetry_UsesEntraAuthentication()
    {
        var components = Assert.Single(CompiledTemplate.Find("Microsoft.Insights/components")).Resource;

        Assert.Contains("Authorization=AAD", (string?)AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.True(components["properties"]!["DisableLocalAuth"]!.GetValue<bool>());
        Assert.NotNull((string?)components["properties"]!["WorkspaceResourceId"]);
    }

    [Fact]
    public void Parameters_OptimizeMode_DefaultsToRecommend()
    {
        var mode = CompiledTemplate.Template["parameters"]!["optimizeMode"]!;

        Assert.Equal("recommend", (string?)mode["defaultValue"]);
        Assert.Equal(["off", "recommend", "approve", "auto"], mode["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void ActionGroup_WhenEnabled_CallsAlertWebhookWithCommonSchema()
    {
        var (_, group) = Assert.Single(CompiledTemplate.Find("Microsoft.Insights/actionGroups"));
        var receiver = Assert.Single(group["properties"]!["azureFunctionReceivers"]!.AsArray())!;
        var module = CompiledTemplate.Find("Microsoft.Resources/deployments").Select(x => x.Resource).Single(r => (string?)r["name"] == "optimize-alert-action-group");

        Assert.Equal("AlertWebhook", (string?)receiver["functionName"]);
        Assert.True(receiver["useCommonAlertSchema"]!.GetValue<bool>());
        Assert.Contains("/api/alerts?code=", (string?)receiver["httpTriggerUrl"], StringComparison.Ordinal);
        Assert.Equal("[parameters('deployAlertActionGroup')]", (string?)module["condition"]);
    }

    [Theory]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    public void Outputs_ForAzd_AreDeclared(string output)
    {
        Assert.NotNull(CompiledTemplate.Template["outputs"]![output]);
    }
}
