using System.Text.Json.Nodes;
using Optimize.Azure.Configuration;
using Optimize.Azure.Tests.Http;
using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Azure.Tests.Configuration;

public sealed class AppServicePlanConfigurationClientTests
{
    private static CannedResponse PlanWith(string sku, int capacity)
    {
        var body = ArmExample.Load("Microsoft.Web/2026-07-15/GetAppServicePlan.json").Body()!;
        body["sku"]!["name"] = sku;
        body["sku"]!["capacity"] = capacity;
        return new CannedResponse(200, body.ToJsonString());
    }

    [Fact]
    public async Task ReadAsync_GetAppServicePlanExample_SkuAndWorkers()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "serverfarms/testsf6141", ArmExample.Load("Microsoft.Web/2026-07-15/GetAppServicePlan.json").Response());

        var read = await new AppServicePlanConfigurationClient(env.Arm()).ReadAsync(Refs.Plan, TestContext.Current.CancellationToken);

        Assert.Equal(new AppServicePlanConfig("P1", 1), read.Config);
        Assert.Equal("2024-11-01", Assert.Single(env.Transport.Requests).Query("api-version"));
    }

    [Fact]
    public async Task ReadAsync_MalformedJson_UnexpectedWithClearMessage()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "serverfarms/testsf6141", new CannedResponse(200, "{\"sku\":"));

        var read = await new AppServicePlanConfigurationClient(env.Arm()).ReadAsync(Refs.Plan, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.Unexpected, read.Failure?.Kind);
        Assert.StartsWith("GET Microsoft.Web/serverfarms returned malformed JSON", read.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_JsonWithoutSku_UnexpectedShape()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "serverfarms/testsf6141", new CannedResponse(200, "{\"properties\":{}}"));

        var read = await new AppServicePlanConfigurationClient(env.Arm()).ReadAsync(Refs.Plan, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.Unexpected, read.Failure?.Kind);
    }

    [Fact]
    public async Task ReadAsync_404_NotFound()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "serverfarms/testsf6141", new CannedResponse(404, string.Empty));

        var read = await new AppServicePlanConfigurationClient(env.Arm()).ReadAsync(Refs.Plan, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.NotFound, read.Failure?.Kind);
    }

    [Fact]
    public async Task ApplyAsync_WorkersOnly_PutsTheSkuWithCapacityPollsAsyncOperationAndReadsBack()
    {
        // The published PUT example answers 202 with azure-asyncoperation and location headers.
        var create = ArmExample.Load("Microsoft.Web/2026-03-15/CreateOrUpdateAppServicePlan.json");
        var env = new TestEnv();
        env.Transport
            .On("GET", "/operationresults/", new CannedResponse(200, "{\"status\":\"Succeeded\"}"))
            .On("GET", "serverfarms/testsf6141", PlanWith("P1", 1), PlanWith("P1", 1), PlanWith("P1", 3))
            .On("PUT", "serverfarms/testsf6141", create.Response("202"));

        var result = await new AppServicePlanConfigurationClient(env.Arm()).ApplyAsync(Refs.Plan, new AppServicePlanConfig("P1", 3), false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal(new AppServicePlanConfig("P1", 3), result.Observed);
        var body = JsonNode.Parse(Assert.Single(env.Transport.Sent("PUT", "serverfarms")).Body)!;
        Assert.Equal("{\"name\":\"P1\",\"tier\":\"Premium\",\"capacity\":3}", body["sku"]!.ToJsonString());
        Assert.NotNull(body["location"]);
        // PATCH cannot change the sku: nothing is patched.
        Assert.Empty(env.Transport.Sent("PATCH", "serverfarms"));
        Assert.Single(env.Transport.Sent("GET", "/operationresults/"));
    }

    [Fact]
    public async Task ApplyAsync_SkuChange_PutsNameTierAndCapacityWithOnlyWritableProperties()
    {
        var create = ArmExample.Load("Microsoft.Web/2026-03-15/CreateOrUpdateAppServicePlan.json");
        var env = new TestEnv();
        env.Transport
            .On("GET", "/operationresults/", new CannedResponse(200, "{\"status\":\"Succeeded\"}"))
            .On("GET", "serverfarms/testsf6141", PlanWith("P1", 1), PlanWith("P1", 1), PlanWith("P1v3", 1))
            .On("PUT", "serverfarms/testsf6141", create.Response("202"));

        var result = await new AppServicePlanConfigurationClient(env.Arm()).ApplyAsync(Refs.Plan, new AppServicePlanConfig("P1v3", 1), false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        var body = JsonNode.Parse(Assert.Single(env.Transport.Sent("PUT", "serverfarms")).Body)!;
        Assert.Equal("{\"name\":\"P1v3\",\"tier\":\"PremiumV3\",\"capacity\":1}", body["sku"]!.ToJsonString());
        var sentProperties = body["properties"]!.AsObject().Select(p => p.Key).ToList();
        Assert.All(sentProperties, p => Assert.Contains(p, AppServicePlanConfigurationClient.WritableProperties));
    }

    [Fact]
    public void PutBody_PublishedPlan_KeepsLocationKindAndWritablePropertiesOnly()
    {
        var plan = ArmExample.Load("Microsoft.Web/2026-07-15/GetAppServicePlan.json").Body();

        var body = AppServicePlanConfigurationClient.PutBody(plan, new AppServicePlanConfig("P2", 2));

        Assert.Equal("East US", body["location"]!.GetValue<string>());
        Assert.Equal("app", body["kind"]!.GetValue<string>());
        Assert.Equal(2, body["sku"]!["capacity"]!.GetValue<int>());
        // Read-only properties of the example (status, numberOfSites, geoRegion, provisioningState) are not sent back.
        foreach (var readOnly in new[] { "status", "numberOfSites", "geoRegion", "provisioningState", "maximumNumberOfWorkers" })
        {
            Assert.Null(body["properties"]![readOnly]);
        }
    }

    [Fact]
    public async Task ApplyAsync_AlreadyThere_NoWrite()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "serverfarms/testsf6141", PlanWith("P1", 1));

        var result = await new AppServicePlanConfigurationClient(env.Arm()).ApplyAsync(Refs.Plan, new AppServicePlanConfig("P1", 1), false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Empty(env.Transport.Sent("PUT", "serverfarms"));
    }

    [Fact]
    public async Task ApplyAsync_ReadBackDiffers_OperationFailedWithObserved()
    {
        var env = new TestEnv();
        env.Transport
            .On("GET", "serverfarms/testsf6141", PlanWith("P1", 1))
            .On("PUT", "serverfarms/testsf6141", ArmExample.Load("Microsoft.Web/2026-03-15/CreateOrUpdateAppServicePlan.json").Response("200"));

        var result = await new AppServicePlanConfigurationClient(env.Arm()).ApplyAsync(Refs.Plan, new AppServicePlanConfig("P1", 2), false, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.OperationFailed, result.Failure?.Kind);
        Assert.Equal(new AppServicePlanConfig("P1", 1), result.Observed);
    }

    [Fact]
    public async Task ApplyAsync_409_ConflictAndCurrentObserved()
    {
        var env = new TestEnv();
        env.Transport
            .On("GET", "serverfarms/testsf6141", PlanWith("P1", 1))
            .On("PUT", "serverfarms/testsf6141", new CannedResponse(409, "{\"error\":{\"code\":\"Conflict\",\"message\":\"operation in progress\"}}"));

        var result = await new AppServicePlanConfigurationClient(env.Arm()).ApplyAsync(Refs.Plan, new AppServicePlanConfig("P1", 2), false, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.Conflict, result.Failure?.Kind);
        Assert.Equal(new AppServicePlanConfig("P1", 1), result.Observed);
        Assert.Single(env.Transport.Sent("PUT", "serverfarms"));
    }

    [Fact]
    public async Task ApplyAsync_403OnPut_ForbiddenNamingServerFarmWrite()
    {
        var env = new TestEnv();
        env.Transport
            .On("GET", "serverfarms/testsf6141", PlanWith("P1", 1))
            .On("PUT", "serverfarms/testsf6141", new CannedResponse(403, "{\"error\":{\"code\":\"AuthorizationFailed\"}}"));

        var result = await new AppServicePlanConfigurationClient(env.Arm()).ApplyAsync(Refs.Plan, new AppServicePlanConfig("P1", 2), false, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.Forbidden, result.Failure?.Kind);
        Assert.Contains(ArmActions.ServerFarmWrite, result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_WrongConfigType_InvalidTargetWithoutCalls()
    {
        var env = new TestEnv();

        var result = await new AppServicePlanConfigurationClient(env.Arm()).ApplyAsync(Refs.Plan, new VmConfig("Standard_D2s_v5"), false, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.InvalidTarget, result.Failure?.Kind);
        Assert.Empty(env.Transport.Requests);
    }

    [Theory]
    [InlineData("P1v3", "PremiumV3")]
    [InlineData("P1mv3", "PremiumMV3")]
    [InlineData("P2v2", "PremiumV2")]
    [InlineData("S1", "Standard")]
    [InlineData("B2", "Basic")]
    [InlineData("EP1", "ElasticPremium")]
    [InlineData("I1v2", "IsolatedV2")]
    public void TierOf_Sku_Tier(string sku, string tier) => Assert.Equal(tier, AppServiceTiers.TierOf(sku));
}
