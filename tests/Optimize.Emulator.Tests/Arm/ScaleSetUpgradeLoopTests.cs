using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Optimize.Emulator.Tests.Contract;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Tests.Arm;

/// <summary>
/// The production scale set adapter following each upgrade policy (specs/NOTES.md (d);
/// docs-vmss/virtual-machine-scale-sets-upgrade-policy.md) through the emulator: Rolling moves the instances in batches of
/// ⌈20 %⌉ (rollingUpgradePolicy.maxBatchInstancePercent default), so the adapter must wait for the last batch, verifying the
/// instances, and never call manualupgrade.
/// </summary>
public sealed class ScaleSetUpgradeLoopTests
{
    private const string Api = "?api-version=2023-07-01";

    [Fact]
    public async Task RollingSkuChange_WaitsForEveryBatch_AndTheWorkloadMovesWithTheLast()
    {
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Fleet = new FleetOptions { ResourceCount = 400 } });
        var world = emulator.World;
        var ct = TestContext.Current.CancellationToken;
        var rolling = await FirstRollingAsync(emulator);

        Assert.SkipWhen(rolling is null, "this fleet has no Rolling scale set of 3+ instances");
        var initial = (ScaleSetConfig)rolling.InitialConfig;
        var own = world.Fleet.SpecOf(rolling, initial)!;
        var other = world.Fleet.Catalog.Candidates(ResourceKind.VirtualMachine, rolling.Resource.Location).First(s => s.Family == own.Family && s.Name != own.Name);
        var before = world.Log.ByOperation.GetValueOrDefault("VirtualMachineScaleSetVMs_List");

        var applied = await EmulatedAzure.Create(emulator).Configuration.ApplyAsync(rolling.Resource, initial with { Sku = other.Name }, allowDeallocation: false, ct);

        Assert.True(applied.Succeeded, applied.Failure?.Message);
        Assert.Equal(initial with { Sku = other.Name }, world.Fleet.ConfigAt(rolling, world.Time.GetUtcNow()));
        // Batches of ⌈0.2·n⌉: the PATCH moves the first, each list read one more; the adapter lists until none is stale
        // (⌈n / batch⌉ − 1 reads move the rest) and once more to read back.
        var batch = (int)Math.Ceiling(initial.Capacity * 0.2);
        var reads = (int)Math.Ceiling((double)initial.Capacity / batch) - 1;
        Assert.Equal(reads + 1, world.Log.ByOperation["VirtualMachineScaleSetVMs_List"] - before);
        Assert.False(world.Log.ByOperation.ContainsKey("VirtualMachineScaleSets_UpdateInstances"), "Rolling leaves the instances to the platform");
        ContractKit.AssertNoViolations(world, "VirtualMachineScaleSets_Get", "VirtualMachineScaleSets_Update", "VirtualMachineScaleSetVMs_List");
    }

    [Fact]
    public async Task RollingSkuChange_SeenDirectly_ListsBothSizesUntilTheLastBatch()
    {
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Fleet = new FleetOptions { ResourceCount = 400 } });
        var world = emulator.World;
        var rolling = await FirstRollingAsync(emulator);

        Assert.SkipWhen(rolling is null, "this fleet has no Rolling scale set of 3+ instances");
        var initial = (ScaleSetConfig)rolling.InitialConfig;
        var own = world.Fleet.SpecOf(rolling, initial)!;
        var other = world.Fleet.Catalog.Candidates(ResourceKind.VirtualMachine, rolling.Resource.Location).First(s => s.Family == own.Family && s.Name != own.Name);

        using var patch = await emulator.Client.PatchAsJsonAsync(rolling.Resource.Id + Api, new JsonObject { ["sku"] = new JsonObject { ["name"] = other.Name } }, TestContext.Current.CancellationToken);
        var (_, first) = await emulator.GetAsync(rolling.Resource.Id + "/virtualMachines" + Api);

        // One read moved a second batch: 2·⌈0.2·n⌉ instances on the new size, the rest still on the old one and not yet applied.
        var batch = (int)Math.Ceiling(initial.Capacity * 0.2);
        var onNew = first!["value"]!.AsArray().Count(v => v!["sku"]!["name"]!.GetValue<string>() == other.Name);
        var applied = first["value"]!.AsArray().Count(v => v!["properties"]!["latestModelApplied"]!.GetValue<bool>());
        Assert.Equal(200, (int)patch.StatusCode);
        Assert.Equal(Math.Min(initial.Capacity, 2 * batch), onNew);
        Assert.Equal(onNew, applied);
        Assert.Equal(initial, world.Fleet.ConfigAt(rolling, world.Time.GetUtcNow()));
    }

    [Fact]
    public async Task AutoscaledScaleSet_ThroughInventoryAndAdapter_ChangesTheSkuAndKeepsAutoscalesCapacity()
    {
        // The production inventory marks the sets an enabled autoscale setting targets (targetResourceUri); applying a
        // target whose capacity differs writes the SKU only: the fleet keeps autoscale's count.
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Fleet = new FleetOptions { ResourceCount = 400 } });
        var world = emulator.World;
        var ct = TestContext.Current.CancellationToken;
        var azure = EmulatedAzure.Create(emulator);
        var item = await azure.Inventory.ListAsync(new Ports.InventoryScope([.. world.Fleet.Subscriptions], [], [ResourceKind.ScaleSet]), ct)
            .FirstOrDefaultAsync(i => i.Resource.AutoscaledBy is not null && world.Fleet.SpecOf(world.Fleet.Find(i.Resource.Id)!, i.Config) is not null, ct);
        Assert.SkipWhen(item is null, "no autoscaled scale set on a known size in this fleet");
        var ss = world.Fleet.Find(item.Resource.Id)!;
        var running = (ScaleSetConfig)world.Fleet.ConfigAt(ss, world.Time.GetUtcNow());
        var own = world.Fleet.SpecOf(ss, running)!;
        var other = world.Fleet.Catalog.Candidates(ResourceKind.VirtualMachine, ss.Resource.Location).First(s => s.Family == own.Family && s.Name != own.Name);

        var applied = await azure.Configuration.ApplyAsync(item.Resource, new ScaleSetConfig(other.Name, running.Capacity + 2), allowDeallocation: false, ct);

        Assert.True(applied.Succeeded, applied.Failure?.Message);
        Assert.Equal(new ScaleSetConfig(other.Name, running.Capacity), applied.Observed);
        Assert.Equal(new ScaleSetConfig(other.Name, running.Capacity), world.Fleet.ConfigAt(ss, world.Time.GetUtcNow()));
    }

    /// <summary>The first scale set of 3+ instances on a known size whose GET reports <c>upgradePolicy.mode</c> Rolling, or null.</summary>
    private static async Task<SimulatedResource?> FirstRollingAsync(EmulatorFixture emulator)
    {
        var world = emulator.World;
        foreach (var ss in world.Fleet.Resources.Where(r => r.Resource.Kind == ResourceKind.ScaleSet && ((ScaleSetConfig)r.InitialConfig).Capacity >= 3
                     && world.Fleet.SpecOf(r, r.InitialConfig) is not null))
        {
            var (_, doc) = await emulator.GetAsync(ss.Resource.Id + Api);
            if (doc!["properties"]!["upgradePolicy"]!["mode"]!.GetValue<string>() == "Rolling")
            {
                return ss;
            }
        }

        return null;
    }
}
