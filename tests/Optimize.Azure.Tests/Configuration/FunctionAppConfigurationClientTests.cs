using Optimize.Azure.Configuration;
using Optimize.Azure.Tests.Http;
using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Azure.Tests.Configuration;

public sealed class FunctionAppConfigurationClientTests
{
    private static CannedResponse FlexSite(int memory, int max)
    {
        var body = ArmExample.Load("Microsoft.Web/2026-07-15/CreateOrUpdateFunctionAppFlexConsumption.json").Body()!;
        var scale = body["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!;
        scale["instanceMemoryMB"] = memory;
        scale["maximumInstanceCount"] = max;
        return new CannedResponse(200, body.ToJsonString());
    }

    [Fact]
    public async Task ReadAsync_FlexConsumptionExample_MemoryAndMaxInstances()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "sites/sitef6141", ArmExample.Load("Microsoft.Web/2026-07-15/CreateOrUpdateFunctionAppFlexConsumption.json").Response());

        var read = await new FunctionAppConfigurationClient(env.Arm()).ReadAsync(Refs.Site, TestContext.Current.CancellationToken);

        Assert.Equal(new FunctionAppConfig(2048, 100), read.Config);
    }

    [Fact]
    public async Task ReadAsync_GetWebAppExampleWithoutFunctionAppConfig_InvalidTargetNotFlex()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "sites/sitef6141", ArmExample.Load("Microsoft.Web/2026-09-01/GetWebApp.json").Response());

        var read = await new FunctionAppConfigurationClient(env.Arm()).ReadAsync(Refs.Site, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.InvalidTarget, read.Failure?.Kind);
        Assert.Contains("not a Flex Consumption app", read.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_Memory_PutsTheWholeSiteBackWithoutReadOnlyMembers_AndPollsTheOperation()
    {
        // NOTES item 3: GET the site, change scaleAndConcurrency, PUT the whole Site (SitePatchResource has no functionAppConfig, NOTES (a)).
        var env = new TestEnv();
        env.Transport
            .On("GET", "/operationResults/", new CannedResponse(200, "{\"status\":\"InProgress\"}"), new CannedResponse(200, "{\"status\":\"Succeeded\"}"))
            .On("GET", "sites/sitef6141", FlexSite(2048, 100), FlexSite(2048, 100), FlexSite(4096, 100))
            .On("PUT", "sites/sitef6141", new CannedResponse(202, "", new Dictionary<string, string> { ["Azure-AsyncOperation"] = "https://management.azure.com/subscriptions/s/operationResults/1" }));

        var result = await new FunctionAppConfigurationClient(env.Arm()).ApplyAsync(Refs.Site, new FunctionAppConfig(4096, 100), false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal(new FunctionAppConfig(4096, 100), result.Observed);
        var body = System.Text.Json.Nodes.JsonNode.Parse(Assert.Single(env.Transport.Sent("PUT", "sites")).Body!)!;
        Assert.Empty(env.Transport.Sent("PATCH", "sites"));
        Assert.Equal(4096, body["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!["instanceMemoryMB"]!.GetValue<int>());
        Assert.Equal(100, body["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!["maximumInstanceCount"]!.GetValue<int>());
        Assert.Equal("python", body["properties"]!["functionAppConfig"]!["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("East US", body["location"]!.GetValue<string>());
        Assert.Null(body["properties"]!["defaultHostName"]);
        Assert.Null(body["properties"]!["resourceGroup"]);
        Assert.Null(body["id"]);
        Assert.Equal(2, env.Transport.Sent("GET", "/operationResults/").Count);
    }

    [Fact]
    public void ReadOnlyProperties_AreTheSitesReadOnlyMarkers_InThePublishedSpec()
    {
        // Microsoft.Web.sites.2024-11-01.json, files.CommonDefinitions.json.definitions.Site.properties.properties (NOTES (a)).
        var site = SpecSchema.Load("Microsoft.Web.sites.2024-11-01.json")["files"]!["CommonDefinitions.json"]!["definitions"]!["Site"]!;
        var (readOnly, _) = SpecSchema.Members(site["properties"]!["properties"]!);
        Assert.Equal(readOnly, FunctionAppConfigurationClient.ReadOnlyProperties.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_OperationFails_OperationFailed()
    {
        var update = ArmExample.Load("Microsoft.Web/2026-09-01/UpdateWebApp.json");
        var env = new TestEnv();
        env.Transport
            .On("GET", "/operationResults/", new CannedResponse(200, "{\"status\":\"Failed\",\"error\":{\"code\":\"Quota\",\"message\":\"over quota\"}}"))
            .On("GET", "sites/sitef6141", FlexSite(2048, 100))
            .On("PUT", "sites/sitef6141", update.Response("202"));

        var result = await new FunctionAppConfigurationClient(env.Arm()).ApplyAsync(Refs.Site, new FunctionAppConfig(2048, 200), false, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.OperationFailed, result.Failure?.Kind);
        Assert.Contains("over quota", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Single(env.Transport.Sent("PUT", "sites"));
    }
}
