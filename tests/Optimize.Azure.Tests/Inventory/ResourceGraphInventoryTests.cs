using System.Text.Json.Nodes;
using Optimize.Azure.Configuration;
using Optimize.Azure.Http;
using Optimize.Azure.Inventory;
using Optimize.Azure.Tests.Http;
using Optimize.Model;
using Optimize.Ports;

namespace Optimize.Azure.Tests.Inventory;

public sealed class ResourceGraphInventoryTests
{
    private static readonly InventoryScope Scope = new(["sub1", "sub2"], [], []);

    private static CannedResponse Page(string? skipToken, params JsonNode[] rows)
    {
        var body = new JsonObject { ["totalRecords"] = rows.Length, ["count"] = rows.Length, ["data"] = new JsonArray(rows), ["resultTruncated"] = "false" };
        if (skipToken is not null)
        {
            body["$skipToken"] = skipToken;
        }

        return new CannedResponse(200, body.ToJsonString());
    }

    private static (ResourceGraphInventory Inventory, TestEnv Env) Create()
    {
        var env = new TestEnv();
        var http = env.Arm();
        var configuration = new ConfigurationRouter(new Dictionary<ResourceKind, IConfigurationClient> { [ResourceKind.FunctionApp] = new FunctionAppConfigurationClient(http) });
        return (new ResourceGraphInventory(http, configuration), env);
    }

    [Fact]
    public async Task ListAsync_TwoPages_FollowsSkipTokenAndProjectsEveryKind()
    {
        var (inventory, env) = Create();
        var web = InventoryRows.WebApp();
        web["properties"]!["serverFarmId"] = InventoryRows.Plan()["id"]!.GetValue<string>().ToUpperInvariant();
        // An enabled setting targets the scale set (id case differs: compared case-insensitively); a disabled one the plan.
        var setting = InventoryRows.Autoscale();
        setting["properties"]!["targetResourceUri"] = InventoryRows.ScaleSet()["id"]!.GetValue<string>().ToUpperInvariant();
        var disabled = InventoryRows.Autoscale();
        disabled["id"] = disabled["id"]!.GetValue<string>() + "-off";
        disabled["properties"]!["enabled"] = false;
        disabled["properties"]!["targetResourceUri"] = InventoryRows.Plan()["id"]!.GetValue<string>();
        env.Transport
            .On(r => r.Body.Contains("isnotnull(properties.serverFarmId)", StringComparison.Ordinal), _ => Page(null, web))
            .On(r => r.Body.Contains(AutoscaleTargets.Query.Replace("'", "\\u0027", StringComparison.Ordinal), StringComparison.Ordinal), _ => Page(null, setting, disabled))
            .On("POST", "Microsoft.ResourceGraph/resources",
            Page("token-2", InventoryRows.Vm(), InventoryRows.Plan(), InventoryRows.FlexSite()),
            Page(null, InventoryRows.Autoscale(), InventoryRows.ScaleSet(), InventoryRows.WebApp()));

        var items = await inventory.ListAsync(Scope, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            [new VmConfig("Standard_DS3_v2"), new AppServicePlanConfig("P1", 1), new FunctionAppConfig(2048, 100), items[3].Config, new ScaleSetConfig("Standard_D2s_v5", 3)],
            items.Select(i => i.Config));
        Assert.IsType<AutoscaleConfig>(items[3].Config);
        Assert.Equal("value1", items[3].Resource.Tags["key1"]);
        Assert.Equal("eastus", items[1].Resource.Location);
        // The plan carries the site whose serverFarmId names it (ids compared case-insensitively); the others carry none.
        Assert.Equal([web["id"]!.GetValue<string>()], items[1].Resource.HostedSites);
        Assert.All(items.Where(i => i.Resource.Kind != ResourceKind.AppServicePlan), i => Assert.Empty(i.Resource.HostedSites));
        var sites = Assert.Single(env.Transport.Sent("POST", "Microsoft.ResourceGraph/resources"), r => r.Body.Contains("serverFarmId", StringComparison.Ordinal));
        Assert.Equal(
            "resources | where type =~ 'microsoft.web/sites' | where isnotnull(properties.serverFarmId) | project id, properties",
            JsonNode.Parse(sites.Body)!["query"]!.GetValue<string>());
        Assert.Equal(setting["id"]!.GetValue<string>(), items[4].Resource.AutoscaledBy);
        Assert.All(items.Take(4), i => Assert.Null(i.Resource.AutoscaledBy));
        var settings = Assert.Single(env.Transport.Sent("POST", "Microsoft.ResourceGraph/resources"), r => r.Body.Contains("| project id, properties", StringComparison.Ordinal) && r != sites);
        Assert.Equal(AutoscaleTargets.Query, JsonNode.Parse(settings.Body)!["query"]!.GetValue<string>());
        var sent = env.Transport.Sent("POST", "Microsoft.ResourceGraph/resources").Where(r => r != sites && r != settings).ToList();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, r => Assert.Equal("2022-10-01", r.Query("api-version")));
        var first = JsonNode.Parse(sent[0].Body)!;
        var second = JsonNode.Parse(sent[1].Body)!;
        Assert.Equal(["sub1", "sub2"], first["subscriptions"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(1000, first["options"]!["$top"]!.GetValue<int>());
        Assert.Null(first["options"]!["$skipToken"]);
        Assert.Equal("token-2", second["options"]!["$skipToken"]!.GetValue<string>());
        var query = first["query"]!.GetValue<string>();
        foreach (var type in new[] { "microsoft.web/sites", "microsoft.web/serverfarms", "microsoft.compute/virtualmachines", "microsoft.compute/virtualmachinescalesets", "microsoft.insights/autoscalesettings" })
        {
            Assert.Contains($"'{type}'", query, StringComparison.Ordinal);
        }

        Assert.Contains("tags", query, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_KindsAndGroups_NarrowsTypesAndResourceGroups()
    {
        var query = ResourceGraphInventory.Query(new InventoryScope(["s"], ["rg-a", "rg-b"], [ResourceKind.VirtualMachine]));

        Assert.Contains("type in~ ('microsoft.compute/virtualmachines')", query, StringComparison.Ordinal);
        Assert.Contains("resourceGroup in~ ('rg-a','rg-b')", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_FlexRowWithoutScaleSettings_ReadsTheSiteDirectly()
    {
        var (inventory, env) = Create();
        var row = InventoryRows.FlexSite();
        row["properties"]!["functionAppConfig"]!.AsObject().Remove("scaleAndConcurrency");
        env.Transport
            .On("POST", "Microsoft.ResourceGraph/resources", Page(null, row))
            .On("GET", "sites/sitef6141", ArmExample.Load("Microsoft.Web/2026-07-15/CreateOrUpdateFunctionAppFlexConsumption.json").Response());

        var items = await inventory.ListAsync(Scope, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new FunctionAppConfig(2048, 100), Assert.Single(items).Config);
        Assert.Single(env.Transport.Sent("GET", "sites/sitef6141"));
    }

    [Fact]
    public async Task ListAsync_403_ThrowsNamingResourceGraphRead()
    {
        var (inventory, env) = Create();
        env.Transport.On("POST", "Microsoft.ResourceGraph/resources", new CannedResponse(403, "{\"error\":{\"code\":\"AuthorizationFailed\"}}"));

        var ex = await Assert.ThrowsAsync<AzureCallException>(async () => await inventory.ListAsync(Scope, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));

        Assert.Contains(ArmActions.ResourceGraphRead, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FallbackInventory_ResourceGraph403_ListsWithArmCallsFollowingNextLink()
    {
        var env = new TestEnv();
        var http = env.Arm();
        var configuration = new ConfigurationRouter(new Dictionary<ResourceKind, IConfigurationClient>());
        var inventory = new FallbackInventory(new ResourceGraphInventory(http, configuration), new ArmListInventory(http, configuration));
        var next = "https://management.azure.com/subscriptions/sub1/providers/Microsoft.Compute/virtualMachines?api-version=2024-07-01&$skiptoken=p2";
        env.Transport
            .On("POST", "Microsoft.ResourceGraph/resources", new CannedResponse(403, "{}"))
            .On(r => r.Uri.AbsoluteUri == next, _ => new CannedResponse(200, new JsonObject { ["value"] = new JsonArray(InventoryRows.Vm()) }.ToJsonString()))
            .On("GET", "/providers/Microsoft.Compute/virtualMachines?", new CannedResponse(200, new JsonObject { ["value"] = new JsonArray(InventoryRows.Vm()), ["nextLink"] = next }.ToJsonString()))
            .On("GET", "/providers/", new CannedResponse(200, "{\"value\":[]}"));

        var items = await inventory.ListAsync(new InventoryScope(["sub1"], [], [ResourceKind.VirtualMachine, ResourceKind.AppServicePlan]), TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, items.Count);
        Assert.Equal(
            // With plans in scope the sites are listed first (each plan carries the sites hosted on it).
            // Plans in scope: the subscription's autoscale settings first (which plans autoscale controls).
            ["POST /providers/Microsoft.ResourceGraph/resources", "GET /subscriptions/sub1/providers/Microsoft.Insights/autoscalesettings", "GET /subscriptions/sub1/providers/Microsoft.Web/sites", "GET /subscriptions/sub1/providers/Microsoft.Compute/virtualMachines", "GET /subscriptions/sub1/providers/Microsoft.Compute/virtualMachines", "GET /subscriptions/sub1/providers/Microsoft.Web/serverfarms"],
            env.Transport.Requests.Select(r => $"{r.Method} {r.Uri.AbsolutePath}"));
    }

    [Fact]
    public async Task ArmListInventory_PlansAndFlexApps_SitesListedOnceAndEachPlanCarriesItsSites()
    {
        var env = new TestEnv();
        var http = env.Arm();
        var inventory = new ArmListInventory(http, new ConfigurationRouter(new Dictionary<ResourceKind, IConfigurationClient>()));
        var plan = InventoryRows.Plan();
        var web = InventoryRows.WebApp();
        web["properties"]!["serverFarmId"] = plan["id"]!.GetValue<string>();
        var flex = InventoryRows.FlexSite();
        var setting = InventoryRows.Autoscale(); // enabled, in another group than the plan
        setting["properties"]!["targetResourceUri"] = plan["id"]!.GetValue<string>();
        env.Transport
            .On("GET", "/providers/Microsoft.Web/sites?", new CannedResponse(200, new JsonObject { ["value"] = new JsonArray(web, flex) }.ToJsonString()))
            .On("GET", "/providers/Microsoft.Web/serverfarms?", new CannedResponse(200, new JsonObject { ["value"] = new JsonArray(plan) }.ToJsonString()))
            .On("GET", "/providers/Microsoft.Insights/autoscalesettings?", new CannedResponse(200, new JsonObject { ["value"] = new JsonArray(setting) }.ToJsonString()));

        var items = await inventory.ListAsync(new InventoryScope(["sub1"], [], [ResourceKind.FunctionApp, ResourceKind.AppServicePlan]), TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        // The web app is not a Flex app (not listed itself) but is hosted on the plan; the Flex app is listed.
        Assert.Equal([ResourceKind.FunctionApp, ResourceKind.AppServicePlan], items.Select(i => i.Resource.Kind));
        Assert.Equal([web["id"]!.GetValue<string>()], items[1].Resource.HostedSites);
        Assert.Single(env.Transport.Sent("GET", "/providers/Microsoft.Web/sites?"));
        Assert.Equal(setting["id"]!.GetValue<string>(), items[1].Resource.AutoscaledBy);
        Assert.Null(items[0].Resource.AutoscaledBy); // a Flex app is not a capacity target of this rule
    }
}
