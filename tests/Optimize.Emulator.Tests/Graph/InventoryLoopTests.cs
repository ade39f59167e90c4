using Optimize.Emulator.Tests.Contract;
using Optimize.Ports;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Tests.Graph;

/// <summary>The production Resource Graph inventory against the emulator: it must list exactly the fleet's resources.</summary>
public sealed class InventoryLoopTests
{
    [Fact]
    public async Task ProductionInventory_Over2500Resources_ListsEveryFleetResourceOnce()
    {
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Fleet = new FleetOptions { ResourceCount = 2500 } });
        var world = emulator.World;
        var skipped = new List<string>();
        var azure = EmulatedAzure.Create(emulator, skipped.Add);
        var ids = new List<string>();
        var hosted = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var autoscaledBy = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

        await foreach (var item in azure.Inventory.ListAsync(new InventoryScope([.. world.Fleet.Subscriptions], [], []), TestContext.Current.CancellationToken))
        {
            ids.Add(item.Resource.Id);
            hosted[item.Resource.Id] = item.Resource.HostedSites;
            autoscaledBy[item.Resource.Id] = item.Resource.AutoscaledBy;
        }

        Assert.Empty(skipped);
        Assert.Equal(world.Fleet.Resources.Select(r => r.Resource.Id).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        // Every plan carries the sites hosted on it, as the fleet's HostedSites lists them (the sites query over the
        // emulator's rows, properties.serverFarmId); other kinds carry none.
        var plans = world.Fleet.Resources.Where(r => r.Resource.Kind == Model.ResourceKind.AppServicePlan).ToList();
        Assert.NotEmpty(plans);
        Assert.All(world.Fleet.Resources, r => Assert.Equal(world.Fleet.HostedSites(r), hosted[r.Resource.Id]));
        // Every fleet autoscale setting is enabled (AutoscaleDocument) and its target, a scale set or plan, carries its id.
        var settings = world.Fleet.Resources.Where(r => r.Resource.Kind == Model.ResourceKind.AutoscaleSetting).ToList();
        Assert.NotEmpty(settings);
        var targets = settings.ToDictionary(s => ((Model.AutoscaleConfig)s.InitialConfig).TargetResourceId, s => s.Resource.Id, StringComparer.OrdinalIgnoreCase);
        Assert.All(world.Fleet.Resources, r => Assert.Equal(
            r.Resource.Kind is Model.ResourceKind.ScaleSet or Model.ResourceKind.AppServicePlan && targets.TryGetValue(r.Resource.Id, out var s) ? s : null,
            autoscaledBy[r.Resource.Id]));
        // 2,500 rows at the adapter's default page size of 1,000: pages of 1,000, 1,000 and 500; before them the sites query,
        // one page per 1,000 site rows (the hosted sites; the fleet's Flex apps have no plan in the fleet but do have a serverFarmId),
        // and the autoscale settings query, one page per 1,000 settings.
        var siteRows = plans.Sum(p => world.Fleet.HostedSites(p).Count) + world.Fleet.Resources.Count(r => r.Resource.Kind == Model.ResourceKind.FunctionApp);
        Assert.Equal(3 + (int)Math.Ceiling(siteRows / 1000.0) + (int)Math.Ceiling(settings.Count / 1000.0), world.Log.ByOperation["Resources"]);
        ContractKit.AssertNoViolations(emulator.World, "Resources");
    }
}

/// <summary>Subscription batching of the production inventory (the emulator refuses more than 1,000 in one request).</summary>
public sealed class InventoryBatchLoopTests
{
    [Fact]
    public async Task ProductionInventory_With2003Subscriptions_BatchesThemInThousands_AndListsTheFleet()
    {
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Fleet = new FleetOptions { ResourceCount = 120 } });
        var world = emulator.World;
        var azure = EmulatedAzure.Create(emulator);
        var subscriptions = Enumerable.Range(0, 2000).Select(i => $"{i:D8}-0000-4000-8000-000000000000").Concat(world.Fleet.Subscriptions).ToList();
        var ids = new List<string>();

        await foreach (var item in azure.Inventory.ListAsync(new InventoryScope(subscriptions, [], []), TestContext.Current.CancellationToken))
        {
            ids.Add(item.Resource.Id);
        }

        Assert.Equal(world.Fleet.Resources.Select(r => r.Resource.Id).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        // 2,003 subscriptions: batches of 1,000, 1,000 and 3, one page each (120 rows < 1,000), each after its sites query
        // and its autoscale settings query.
        Assert.Equal(9, world.Log.ByOperation["Resources"]);
        Assert.False(world.Log.ByStatus.ContainsKey(400));
        ContractKit.AssertNoViolations(emulator.World, "Resources");
    }
}
