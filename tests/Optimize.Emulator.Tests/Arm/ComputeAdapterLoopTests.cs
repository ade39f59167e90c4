using Optimize.Changes;
using Optimize.Emulator.Tests.Contract;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Tests.Arm;

/// <summary>
/// The production VM and scale set adapters (Azure.ResourceManager.Compute over Optimize.Azure's pipeline) against the
/// emulator's Microsoft.Compute surface: what they send must be what the published contract accepts, and the fleet behind
/// the emulator must end where the adapter says it did.
/// </summary>
public sealed class ComputeAdapterLoopTests
{
    [Fact]
    public async Task VmUpsize_NeedingDeallocation_DeallocatesResizesAndStarts_WhenTheStageAllowsIt()
    {
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Faults = new EmulatorFaults { ResizeNeedsDeallocation = true } });
        var world = emulator.World;
        var vm = ComputeEndpointsTests.First(world, ResourceKind.VirtualMachine, r => world.Fleet.SpecOf(r, r.InitialConfig) is not null);
        var own = world.Fleet.SpecOf(vm, vm.InitialConfig)!;
        var bigger = world.Fleet.Catalog.Candidates(ResourceKind.VirtualMachine, vm.Resource.Location).First(s => s.VCpus > own.VCpus && s.Family == own.Family);
        var azure = EmulatedAzure.Create(emulator);
        var ct = TestContext.Current.CancellationToken;

        var refused = await azure.Configuration.ApplyAsync(vm.Resource, new VmConfig(bigger.Name), allowDeallocation: false, ct);
        var applied = await azure.Configuration.ApplyAsync(vm.Resource, new VmConfig(bigger.Name), allowDeallocation: true, ct);
        var read = await azure.Configuration.ReadAsync(vm.Resource, ct);

        Assert.Equal(ChangeFailureKinds.InvalidTarget, refused.Failure?.Kind);
        Assert.True(applied.Succeeded, applied.Failure?.Message);
        Assert.Equal(new VmConfig(bigger.Name), read.Config);
        Assert.Equal(new VmConfig(bigger.Name), world.Fleet.ConfigAt(vm, world.Time.GetUtcNow()));
        var calls = world.Log.ByOperation;
        Assert.Equal(1, calls["VirtualMachines_Deallocate"]);
        Assert.Equal(1, calls["VirtualMachines_Update"]);
        Assert.Equal(1, calls["VirtualMachines_Start"]);
        Assert.False(calls.ContainsKey("unknown"), "every adapter call is an operation the emulator serves");
        ContractKit.AssertNoViolations(emulator.World, "VirtualMachines_Get", "VirtualMachines_Update", "VirtualMachines_Deallocate", "VirtualMachines_Start", "ResourceSkus_List");
    }

    [Fact]
    public async Task ScaleSetSkuChange_ThroughTheAdapter_LeavesNoInstanceOnTheOldModel()
    {
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Fleet = new FleetOptions { ResourceCount = 200 } });
        var world = emulator.World;
        var ct = TestContext.Current.CancellationToken;
        var azure = EmulatedAzure.Create(emulator);
        var sets = world.Fleet.Resources
            .Where(r => r.Resource.Kind == ResourceKind.ScaleSet && ((ScaleSetConfig)r.InitialConfig).Capacity >= 2 && world.Fleet.SpecOf(r, r.InitialConfig) is not null)
            .Take(6).ToArray();
        Assert.NotEmpty(sets);
        var manual = 0;

        foreach (var ss in sets)
        {
            var initial = (ScaleSetConfig)ss.InitialConfig;
            var own = world.Fleet.SpecOf(ss, initial)!;
            var other = world.Fleet.Catalog.Candidates(ResourceKind.VirtualMachine, ss.Resource.Location).First(s => s.Family == own.Family && s.Name != own.Name);

            var (_, before) = await emulator.GetAsync(ss.Resource.Id + "?api-version=2023-07-01");
            manual += before!["properties"]!["upgradePolicy"]!["mode"]!.GetValue<string>() == "Manual" ? 1 : 0;

            var applied = await azure.Configuration.ApplyAsync(ss.Resource, initial with { Sku = other.Name }, allowDeallocation: false, ct);

            Assert.True(applied.Succeeded, applied.Failure?.Message);
            Assert.Equal(initial with { Sku = other.Name }, world.Fleet.ConfigAt(ss, world.Time.GetUtcNow()));
        }

        // Under Manual the adapter must roll the model out itself (manualupgrade); under Automatic/Rolling it must not need to
        // (it waits for the instances instead: ScaleSetUpgradeLoopTests).
        Assert.InRange(manual, 1, sets.Length - 1);
        Assert.True(world.Log.ByOperation["VirtualMachineScaleSets_UpdateInstances"] >= manual);
        Assert.False(world.Log.ByOperation.ContainsKey("unknown"), "every adapter call is an operation the emulator serves");
        ContractKit.AssertNoViolations(emulator.World, "VirtualMachineScaleSets_Get", "VirtualMachineScaleSets_Update", "VirtualMachineScaleSetVMs_List", "VirtualMachineScaleSets_UpdateInstances");
    }

    [Fact]
    public async Task RunningResize_WhoseOperationFails_IsAFailureAndTheVmKeepsItsSize()
    {
        // The VM PATCH answers 200 and Azure.Core then polls the VM's provisioningState (it ignores the headers of a PATCH 200),
        // so the emulator's failed operation must show as provisioningState Failed for the adapter to see it.
        var probe = await EmulatorFixture.StartAsync();
        var vm = ComputeEndpointsTests.First(probe.World, ResourceKind.VirtualMachine, r => probe.World.Fleet.SpecOf(r, r.InitialConfig) is not null);
        var own = probe.World.Fleet.SpecOf(vm, vm.InitialConfig)!;
        var bigger = probe.World.Fleet.Catalog.Candidates(ResourceKind.VirtualMachine, vm.Resource.Location).First(s => s.VCpus > own.VCpus && s.Family == own.Family);
        await probe.DisposeAsync();
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Faults = new EmulatorFaults { AllocationFailures = [bigger.Name] } });
        var azure = EmulatedAzure.Create(emulator);

        var applied = await azure.Configuration.ApplyAsync(vm.Resource, new VmConfig(bigger.Name), allowDeallocation: true, TestContext.Current.CancellationToken);

        Assert.False(applied.Succeeded);
        Assert.Equal(vm.InitialConfig, applied.Observed);
        Assert.Equal(vm.InitialConfig, emulator.World.Fleet.ConfigAt(vm, emulator.World.Time.GetUtcNow()));
        Assert.False(emulator.World.Log.ByOperation.ContainsKey("VirtualMachines_Deallocate"), "the size was available on the running host");
        ContractKit.AssertNoViolations(emulator.World, "VirtualMachines_Get", "VirtualMachines_Update");
    }

    [Fact]
    public async Task DeallocatedResize_ThatCannotStartOnTheNewSize_IsRestoredAndRunningOnTheOldSize()
    {
        // Resizing a deallocated VM only changes its model; the allocation, and its AllocationFailed, come at start.
        var probe = await EmulatorFixture.StartAsync();
        var vm = ComputeEndpointsTests.First(probe.World, ResourceKind.VirtualMachine, r => probe.World.Fleet.SpecOf(r, r.InitialConfig) is not null);
        var own = probe.World.Fleet.SpecOf(vm, vm.InitialConfig)!;
        var bigger = probe.World.Fleet.Catalog.Candidates(ResourceKind.VirtualMachine, vm.Resource.Location).First(s => s.VCpus > own.VCpus && s.Family == own.Family);
        await probe.DisposeAsync();
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions
        {
            Faults = new EmulatorFaults { ResizeNeedsDeallocation = true, AllocationFailures = [bigger.Name] },
        });
        var azure = EmulatedAzure.Create(emulator);

        var applied = await azure.Configuration.ApplyAsync(vm.Resource, new VmConfig(bigger.Name), allowDeallocation: true, TestContext.Current.CancellationToken);
        var (_, view) = await emulator.GetAsync(vm.Resource.Id + "/instanceView?api-version=2023-07-01");

        Assert.False(applied.Succeeded);
        Assert.Contains("resized back", applied.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(vm.InitialConfig, emulator.World.Fleet.ConfigAt(vm, emulator.World.Time.GetUtcNow()));
        Assert.Equal(2, emulator.World.Log.ByOperation["VirtualMachines_Start"]);
        Assert.Contains(view!["statuses"]!.AsArray(), s => s!["code"]!.GetValue<string>() == "PowerState/running");
        ContractKit.AssertNoViolations(emulator.World, "VirtualMachines_Update", "VirtualMachines_Deallocate", "VirtualMachines_Start", "VirtualMachines_InstanceView");
    }
}
