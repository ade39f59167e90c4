using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Optimize.Emulator.Tests.Contract;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Tests.Arm;

/// <summary>
/// The production Flex, App Service plan and autoscale adapters against the emulator's Microsoft.Web and
/// microsoft.insights surfaces, held to ../shared/azure-contract/specs/NOTES.md (a), (b), (c) and item 3.
/// </summary>
public sealed class WebAdapterLoopTests
{
    private static readonly EmulatorOptions Fleet200 = new() { Fleet = new FleetOptions { ResourceCount = 200 } };

    [Fact]
    public async Task FlexMemoryChange_IsAPutOfTheWholeSite_ThatKeepsRuntimeAndDeployment()
    {
        await using var emulator = await EmulatorFixture.StartAsync(Fleet200);
        var world = emulator.World;
        var app = ComputeEndpointsTests.First(world, ResourceKind.FunctionApp);
        var initial = (FunctionAppConfig)app.InitialConfig;
        var target = initial with { InstanceMemoryMb = initial.InstanceMemoryMb == 4096 ? 2048 : 4096 };

        var applied = await EmulatedAzure.Create(emulator).Configuration.ApplyAsync(app.Resource, target, allowDeallocation: false, TestContext.Current.CancellationToken);
        var (_, site) = await emulator.GetAsync(app.Resource.Id + "?api-version=2024-11-01");

        Assert.True(applied.Succeeded, applied.Failure?.Message);
        Assert.Equal(target, world.Fleet.ConfigAt(app, world.Time.GetUtcNow()));
        Assert.Equal(1, world.Log.ByOperation["WebApps_CreateOrUpdate"]);
        Assert.False(world.Log.ByOperation.ContainsKey("WebApps_Update"));
        Assert.Equal("dotnet-isolated", site!["properties"]!["functionAppConfig"]!["runtime"]!["name"]!.GetValue<string>());
        Assert.NotNull(site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]);
        Assert.Equal(app.Resource.Name + ".azurewebsites.net", site["properties"]!["defaultHostName"]!.GetValue<string>());
        ContractKit.AssertNoViolations(world, "WebApps_Get", "WebApps_CreateOrUpdate");
    }

    [Fact]
    public async Task FlexPatchOfFunctionAppConfig_IsOutsideSitePatchResource_400AndAViolation()
    {
        // NOTES (a): SitePatchResource (2024-11-01) has no functionAppConfig; the emulator refuses it rather than ignore it.
        await using var emulator = await EmulatorFixture.StartAsync(Fleet200);
        var app = ComputeEndpointsTests.First(emulator.World, ResourceKind.FunctionApp);
        var body = JsonNode.Parse("""{"properties":{"functionAppConfig":{"scaleAndConcurrency":{"instanceMemoryMB":512}}}}""");

        using var response = await emulator.Client.PatchAsJsonAsync(app.Resource.Id + "?api-version=2024-11-01", body, TestContext.Current.CancellationToken);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(app.InitialConfig, emulator.World.Fleet.ConfigAt(app, emulator.World.Time.GetUtcNow()));
        Assert.Equal("/properties/functionAppConfig", Assert.Single(emulator.World.Log.Violations).Pointer);
    }

    [Fact]
    public async Task PlanSkuChange_IsAPutThatKeepsKindTagsAndWritableProperties()
    {
        await using var emulator = await EmulatorFixture.StartAsync(Fleet200);
        var world = emulator.World;
        var plan = ComputeEndpointsTests.First(world, ResourceKind.AppServicePlan, r => r.Resource.Tags.Count > 0 && world.Fleet.SpecOf(r, r.InitialConfig) is not null);
        var initial = (AppServicePlanConfig)plan.InitialConfig;
        var target = initial with { Workers = initial.Workers == 1 ? 2 : initial.Workers - 1 };
        var (_, before) = await emulator.GetAsync(plan.Resource.Id + "?api-version=2024-11-01");

        var applied = await EmulatedAzure.Create(emulator).Configuration.ApplyAsync(plan.Resource, target, allowDeallocation: false, TestContext.Current.CancellationToken);
        var (_, after) = await emulator.GetAsync(plan.Resource.Id + "?api-version=2024-11-01");

        Assert.True(applied.Succeeded, applied.Failure?.Message);
        Assert.Equal(target, world.Fleet.ConfigAt(plan, world.Time.GetUtcNow()));
        Assert.Equal(target.Workers, after!["properties"]!["numberOfWorkers"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(before!["tags"], after["tags"]));
        Assert.Equal(before["kind"]!.GetValue<string>(), after["kind"]!.GetValue<string>());
        Assert.False(after["properties"]!["asyncScalingEnabled"]!.GetValue<bool>());
        Assert.Equal(before["properties"]!["reserved"]!.GetValue<bool>(), after["properties"]!["reserved"]!.GetValue<bool>());
        ContractKit.AssertNoViolations(emulator.World, "AppServicePlans_Get", "AppServicePlans_CreateOrUpdate");
    }

    [Fact]
    public async Task AutoscaleChange_KeepsEnabledNotificationsAndPredictivePolicy()
    {
        // NOTES (b): an omitted 'enabled' defaults to false; the adapter must send the setting back whole.
        await using var emulator = await EmulatorFixture.StartAsync(Fleet200);
        var world = emulator.World;
        var setting = ComputeEndpointsTests.First(world, ResourceKind.AutoscaleSetting);
        var initial = (AutoscaleConfig)setting.InitialConfig;
        var target = initial with { Maximum = initial.Maximum + 2 };

        var applied = await EmulatedAzure.Create(emulator).Configuration.ApplyAsync(setting.Resource, target, allowDeallocation: false, TestContext.Current.CancellationToken);
        var (_, after) = await emulator.GetAsync(setting.Resource.Id + "?api-version=2022-10-01");

        Assert.True(applied.Succeeded, applied.Failure?.Message);
        Assert.Equal(target, world.Fleet.ConfigAt(setting, world.Time.GetUtcNow()));
        Assert.True(after!["properties"]!["enabled"]!.GetValue<bool>());
        Assert.Equal("platform-oncall@contoso.com", after["properties"]!["notifications"]![0]!["email"]!["customEmails"]![0]!.GetValue<string>());
        Assert.Equal("Disabled", after["properties"]!["predictiveAutoscalePolicy"]!["scaleMode"]!.GetValue<string>());
        ContractKit.AssertNoViolations(emulator.World, "AutoscaleSettings_Get", "AutoscaleSettings_Update");
    }

    [Fact]
    public async Task AutoscalePatch_OfProfilesAlone_DisablesTheSetting_AsThePublishedDefaultSays()
    {
        await using var emulator = await EmulatorFixture.StartAsync(Fleet200);
        var setting = ComputeEndpointsTests.First(emulator.World, ResourceKind.AutoscaleSetting);
        var (_, read) = await emulator.GetAsync(setting.Resource.Id + "?api-version=2022-10-01");
        var body = new JsonObject { ["properties"] = new JsonObject { ["profiles"] = read!["properties"]!["profiles"]!.DeepClone() } };

        using var response = await emulator.Client.PatchAsJsonAsync(setting.Resource.Id + "?api-version=2022-10-01", body, TestContext.Current.CancellationToken);
        var (_, after) = await emulator.GetAsync(setting.Resource.Id + "?api-version=2022-10-01");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.False(after!["properties"]!["enabled"]!.GetValue<bool>());
        Assert.Null(after["properties"]!["notifications"]);
        ContractKit.AssertNoViolations(emulator.World, "AutoscaleSettings_Get", "AutoscaleSettings_Update");
    }
}
