using Optimize.Model;
using Optimize.Ports;
using Optimize.Simulator.Fleet;

namespace Optimize.Simulator.Tests.Ports;

public sealed class SimulatedInventoryTests
{
    [Fact]
    public async Task ListAsync_AllSubscriptions_ListsEveryResourceWithItsConfig()
    {
        var t = new TestFleet();

        var items = await List(t, new InventoryScope(t.Fleet.Subscriptions, [], []));

        Assert.Equal(t.Fleet.Count, items.Count);
        Assert.All(items, i => Assert.Equal(t.Fleet.Find(i.Resource.Id)!.InitialConfig, i.Config));
    }

    [Fact]
    public async Task ListAsync_NarrowedScope_HonoursSubscriptionGroupAndKind()
    {
        var t = new TestFleet();
        var sub = t.Fleet.Subscriptions[0];
        var all = await List(t, new InventoryScope([sub], [], []));
        var group = all[0].Resource.ResourceGroup;

        var narrowed = await List(t, new InventoryScope([sub.ToUpperInvariant()], [group], [ResourceKind.VirtualMachine]));

        Assert.All(all, i => Assert.Equal(sub, i.Resource.SubscriptionId));
        Assert.NotEmpty(narrowed);
        Assert.All(narrowed, i =>
        {
            Assert.Equal(group, i.Resource.ResourceGroup);
            Assert.Equal(ResourceKind.VirtualMachine, i.Resource.Kind);
        });
        Assert.Equal(all.Count(i => i.Resource.ResourceGroup == group && i.Resource.Kind == ResourceKind.VirtualMachine), narrowed.Count);
    }

    [Fact]
    public async Task ListAsync_AfterAWrite_ShowsTheNewConfig()
    {
        var t = new TestFleet();
        var vm = t.First(FleetScenario.OverProvisioned, ResourceKind.VirtualMachine);
        var smaller = new VmConfig(((VmConfig)vm.InitialConfig).Size.Contains('E', StringComparison.Ordinal) ? "Standard_E2s_v5" : "Standard_D2s_v5");
        await t.Config.ApplyAsync(vm.Resource, smaller, false, TestContext.Current.CancellationToken);

        var items = await List(t, new InventoryScope(t.Fleet.Subscriptions, [], [ResourceKind.VirtualMachine]));

        Assert.Equal(smaller, items.Single(i => i.Resource.Id == vm.Resource.Id).Config);
    }

    [Fact]
    public void ListAsync_NoSubscription_Throws()
    {
        var t = new TestFleet();

        Assert.Throws<ArgumentException>(() => t.Inventory.ListAsync(new InventoryScope([], [], []), TestContext.Current.CancellationToken));
    }

    private static async Task<List<InventoryItem>> List(TestFleet t, InventoryScope scope)
    {
        var items = new List<InventoryItem>();
        await foreach (var item in t.Inventory.ListAsync(scope, TestContext.Current.CancellationToken))
        {
            items.Add(item);
        }

        return items;
    }
}
