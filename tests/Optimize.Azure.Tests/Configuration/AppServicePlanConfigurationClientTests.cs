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
    public async Task ApplyAsync_SkuChange_PutsNameTierAndCapacityWithoutReadOnlyProperties()
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
        // The GET example's properties: geoRegion, isSpot, maximumNumberOfWorkers, numberOfSites, numberOfWorkers, provisioningState,
        // reserved, status, targetWorkerCount, targetWorkerSizeId; the read-only ones (specs/NOTES.md (c)) are dropped, the rest kept.
        var sentProperties = body["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["isSpot", "reserved", "targetWorkerCount", "targetWorkerSizeId"], sentProperties);
        // The published GET carries no ETag (header or body): the PUT is unconditional.
        Assert.False(Assert.Single(env.Transport.Sent("PUT", "serverfarms")).Headers.ContainsKey("If-Match"));
    }

    [Fact]
    public void PutBody_PublishedPlan_KeepsLocationKindAndDropsReadOnlyProperties()
    {
        var plan = ArmExample.Load("Microsoft.Web/2026-07-15/GetAppServicePlan.json").Body();

        var body = AppServicePlanConfigurationClient.PutBody(plan, new AppServicePlanConfig("P2", 2));

        Assert.Equal("East US", body["location"]!.GetValue<string>());
        Assert.Equal("app", body["kind"]!.GetValue<string>());
        Assert.Equal(2, body["sku"]!["capacity"]!.GetValue<int>());
        // Read-only properties of the example (status, numberOfSites, geoRegion, provisioningState) are not sent back.
        foreach (var readOnly in new[] { "status", "numberOfSites", "geoRegion", "provisioningState", "maximumNumberOfWorkers", "numberOfWorkers" })
        {
            Assert.Null(body["properties"]![readOnly]);
        }

        Assert.Null(body["id"]);
        Assert.Null(body["name"]);
        Assert.Null(body["type"]);
        Assert.False(body["properties"]!["reserved"]!.GetValue<bool>());
    }

    [Fact]
    public void PutBody_PlanWithAsyncScalingAndExtendedLocation_BothSurvive()
    {
        // specs/NOTES.md (c): asyncScalingEnabled (AppServicePlan.properties, CommonDefinitions.json 2024-11-01) and the top-level
        // extendedLocation are writable and a PUT replaces the resource, so leaving them out would reset them.
        var plan = ArmExample.Load("Microsoft.Web/2026-07-15/GetAppServicePlan.json").Body()!;
        plan["properties"]!["asyncScalingEnabled"] = true;
        plan["properties"]!["zoneRedundant"] = true;
        plan["properties"]!["subscription"] = Refs.Sub;
        plan["properties"]!["resourceGroup"] = "testrg123";
        plan["extendedLocation"] = JsonNode.Parse("{\"name\":\"/subscriptions/s/resourceGroups/g/providers/Microsoft.ExtendedLocation/customLocations/cl\",\"type\":\"CustomLocation\"}");
        plan["tags"] = JsonNode.Parse("{\"team\":\"a\"}");
        plan["etag"] = "\"e1\"";

        var body = AppServicePlanConfigurationClient.PutBody(plan, new AppServicePlanConfig("P1v3", 2));

        Assert.True(body["properties"]!["asyncScalingEnabled"]!.GetValue<bool>());
        Assert.True(body["properties"]!["zoneRedundant"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(plan["extendedLocation"], body["extendedLocation"]));
        Assert.Equal("a", body["tags"]!["team"]!.GetValue<string>());
        Assert.Null(body["properties"]!["subscription"]);
        Assert.Null(body["properties"]!["resourceGroup"]);
        Assert.Null(body["etag"]);
        Assert.Equal(["location", "kind", "tags", "extendedLocation", "sku", "properties"], body.Select(p => p.Key));
    }

    [Theory]
    [InlineData(true, false, "\"header\"")]
    [InlineData(false, true, "\"body\"")]
    [InlineData(true, true, "\"header\"")]
    [InlineData(false, false, null)]
    public async Task ApplyAsync_IfMatchOnlyWhenAnETagWasRead(bool header, bool bodyETag, string? expected)
    {
        var plan = ArmExample.Load("Microsoft.Web/2026-07-15/GetAppServicePlan.json").Body()!;
        if (bodyETag)
        {
            plan["etag"] = "\"body\"";
        }

        var headers = header ? new Dictionary<string, string> { ["ETag"] = "\"header\"" } : null;
        var env = new TestEnv();
        env.Transport
            .On("GET", "serverfarms/testsf6141", new CannedResponse(200, plan.ToJsonString(), headers))
            .On("PUT", "serverfarms/testsf6141", new CannedResponse(412, "{\"error\":{\"code\":\"PreconditionFailed\"}}"));

        var result = await new AppServicePlanConfigurationClient(env.Arm()).ApplyAsync(Refs.Plan, new AppServicePlanConfig("P1", 2), false, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.Conflict, result.Failure?.Kind);
        var sent = Assert.Single(env.Transport.Sent("PUT", "serverfarms"));
        Assert.Equal(expected, sent.Headers.TryGetValue("If-Match", out var ifMatch) ? ifMatch : null);
    }

    [Fact]
    public void ReadOnlyAndKeptMembers_MatchTheSpec()
    {
        // Microsoft.Web.serverfarms.2024-11-01.json, files.CommonDefinitions.json.definitions: AppServicePlan (allOf Resource).
        var definitions = SpecSchema.Load("Microsoft.Web.serverfarms.2024-11-01.json")["files"]!["CommonDefinitions.json"]!["definitions"]!;
        var plan = definitions["AppServicePlan"]!;

        var (readOnly, _) = SpecSchema.Members(plan["properties"]!["properties"]!);
        Assert.Equal(readOnly, AppServicePlanConfigurationClient.ReadOnlyProperties.Order(StringComparer.Ordinal));

        var (resourceReadOnly, resourceWritable) = SpecSchema.Members(definitions["Resource"]!);
        var (_, planWritable) = SpecSchema.Members(plan);
        Assert.Equal(["id", "name", "type"], resourceReadOnly);
        Assert.Equal(
            resourceWritable.Concat(planWritable).Order(StringComparer.Ordinal),
            AppServicePlanConfigurationClient.KeptTopLevel.Append("properties").Append("sku").Order(StringComparer.Ordinal));
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
