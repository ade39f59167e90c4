using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Tests.Arm;

/// <summary>
/// The Microsoft.Compute surface at the HTTP level, held to specs/Microsoft.Compute.virtualMachines.2023-07-01.json,
/// specs/Microsoft.Compute.virtualMachineScaleSets.2023-07-01.json and NOTES.md (d) of ../shared/azure-contract.
/// </summary>
public sealed class ComputeEndpointsTests
{
    private const string Api = "?api-version=2023-07-01";

    internal static SimulatedResource First(EmulatorWorld world, ResourceKind kind, Func<SimulatedResource, bool>? where = null) =>
        world.Fleet.Resources.First(r => r.Resource.Kind == kind && (where?.Invoke(r) ?? true));

    [Fact]
    public async Task VmGet_CarriesTheSizeInEffect_AndUnknownVmIs404ResourceNotFound()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var vm = First(emulator.World, ResourceKind.VirtualMachine);

        var (status, json) = await emulator.GetAsync(vm.Resource.Id + Api);
        var (missing, error) = await emulator.GetAsync(vm.Resource.Id + "-nope" + Api);
        var (noVersion, versionError) = await emulator.GetAsync(vm.Resource.Id);

        Assert.Equal(200, status);
        Assert.Equal(((VmConfig)vm.InitialConfig).Size, json!["properties"]!["hardwareProfile"]!["vmSize"]!.GetValue<string>());
        Assert.Equal(vm.Resource.Id, json["id"]!.GetValue<string>());
        Assert.Equal(404, missing);
        Assert.Equal("ResourceNotFound", error!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(400, noVersion);
        Assert.Equal("MissingApiVersionParameter", versionError!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upsize_OfARunningVm_Is409UntilDeallocated_ThenTakesEffectInTheFleet()
    {
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Faults = new EmulatorFaults { ResizeNeedsDeallocation = true } });
        var world = emulator.World;
        var vm = First(world, ResourceKind.VirtualMachine, r => world.Fleet.SpecOf(r, r.InitialConfig) is not null);
        var own = world.Fleet.SpecOf(vm, vm.InitialConfig)!;
        var bigger = world.Fleet.Catalog.Candidates(ResourceKind.VirtualMachine, vm.Resource.Location).First(s => s.VCpus > own.VCpus && s.Family == own.Family);
        var patch = new JsonObject { ["properties"] = new JsonObject { ["hardwareProfile"] = new JsonObject { ["vmSize"] = bigger.Name } } };

        using var refused = await emulator.Client.PatchAsJsonAsync(vm.Resource.Id + Api, patch, TestContext.Current.CancellationToken);
        var (_, sizes) = await emulator.GetAsync(vm.Resource.Id + "/vmSizes" + Api);
        using var deallocate = await emulator.Client.PostAsync(new Uri(vm.Resource.Id + "/deallocate" + Api, UriKind.Relative), null, TestContext.Current.CancellationToken);
        var (_, view) = await emulator.GetAsync(vm.Resource.Id + "/instanceView" + Api);
        using var accepted = await emulator.Client.PatchAsJsonAsync(vm.Resource.Id + Api, patch, TestContext.Current.CancellationToken);
        var (pollStatus, poll) = await emulator.GetAsync(accepted.Headers.GetValues("Azure-AsyncOperation").Single());

        Assert.Equal(409, (int)refused.StatusCode);
        Assert.Contains("OperationNotAllowed", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain(sizes!["value"]!.AsArray(), s => s!["name"]!.GetValue<string>() == bigger.Name);
        Assert.Equal(202, (int)deallocate.StatusCode);
        Assert.Contains(view!["statuses"]!.AsArray(), s => s!["code"]!.GetValue<string>() == "PowerState/deallocated");
        Assert.Equal(200, (int)accepted.StatusCode);
        Assert.Equal(200, pollStatus);
        Assert.Equal("Succeeded", poll!["status"]!.GetValue<string>());
        Assert.Equal(new VmConfig(bigger.Name), world.Fleet.ConfigAt(vm, world.Time.GetUtcNow()));
    }

    [Fact]
    public async Task VmPatch_ToASizeTheRegionDoesNotOffer_Is400InvalidParameter_AndChangesNothing()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var vm = First(emulator.World, ResourceKind.VirtualMachine);
        var patch = new JsonObject { ["properties"] = new JsonObject { ["hardwareProfile"] = new JsonObject { ["vmSize"] = "Standard_Nope_v9" } } };

        using var response = await emulator.Client.PatchAsJsonAsync(vm.Resource.Id + Api, patch, TestContext.Current.CancellationToken);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("InvalidParameter", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(vm.InitialConfig, emulator.World.Fleet.ConfigAt(vm, emulator.World.Time.GetUtcNow()));
    }

    [Fact]
    public async Task ScaleSetSkuChange_UnderManual_RunsTheOldSizeUntilTheLastInstanceIsUpgraded()
    {
        // NOTES (d): under Manual, "existing VMs keep the old size and latestModelApplied=false until manualUpgrade".
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Fleet = new FleetOptions { ResourceCount = 200 } });
        var world = emulator.World;
        var ss = First(world, ResourceKind.ScaleSet, r => ((ScaleSetConfig)r.InitialConfig).Capacity >= 2 && world.Fleet.SpecOf(r, r.InitialConfig) is not null);
        var (_, before) = await emulator.GetAsync(ss.Resource.Id + Api);
        Assert.SkipWhen(before!["properties"]!["upgradePolicy"]!["mode"]!.GetValue<string>() != "Manual", "the first scale set of this fleet is not Manual");
        var initial = (ScaleSetConfig)ss.InitialConfig;
        var own = world.Fleet.SpecOf(ss, initial)!;
        var other = world.Fleet.Catalog.Candidates(ResourceKind.VirtualMachine, ss.Resource.Location).First(s => s.Family == own.Family && s.Name != own.Name);

        using var patch = await emulator.Client.PatchAsJsonAsync(ss.Resource.Id + Api, new JsonObject { ["sku"] = new JsonObject { ["name"] = other.Name } }, TestContext.Current.CancellationToken);
        var (_, model) = await emulator.GetAsync(ss.Resource.Id + Api);
        var (_, stale) = await emulator.GetAsync(ss.Resource.Id + "/virtualMachines" + Api + "&$filter=properties/latestModelApplied eq false");
        var ids = stale!["value"]!.AsArray().Select(v => v!["instanceId"]!.GetValue<string>()).ToArray();
        var runningAfterPatch = world.Fleet.ConfigAt(ss, world.Time.GetUtcNow());
        using var first = await emulator.Client.PostAsJsonAsync(ss.Resource.Id + "/manualupgrade" + Api, new JsonObject { ["instanceIds"] = new JsonArray(ids[0]) }, TestContext.Current.CancellationToken);
        var runningAfterOne = world.Fleet.ConfigAt(ss, world.Time.GetUtcNow());
        using var rest = await emulator.Client.PostAsJsonAsync(ss.Resource.Id + "/manualupgrade" + Api,
            new JsonObject { ["instanceIds"] = new JsonArray([.. ids.Skip(1).Select(i => (JsonNode)i)]) }, TestContext.Current.CancellationToken);
        using var unknown = await emulator.Client.PostAsJsonAsync(ss.Resource.Id + "/manualupgrade" + Api, new JsonObject { ["instanceIds"] = new JsonArray("9999") }, TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)patch.StatusCode);
        Assert.Equal(other.Name, model!["sku"]!["name"]!.GetValue<string>());
        Assert.Equal(initial.Capacity, ids.Length);
        Assert.Equal(initial, runningAfterPatch);
        Assert.Equal(202, (int)first.StatusCode);
        Assert.Equal(initial, runningAfterOne);
        Assert.Equal(202, (int)rest.StatusCode);
        Assert.Equal(initial with { Sku = other.Name }, world.Fleet.ConfigAt(ss, world.Time.GetUtcNow()));
        Assert.Equal(400, (int)unknown.StatusCode);
    }

    [Fact]
    public async Task ResourceSkus_ListTheCatalogOfTheFilteredRegion_InTheShapeTheSkuCatalogReads()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var sub = emulator.World.Fleet.Subscriptions[0];

        var (status, json) = await emulator.GetAsync($"/subscriptions/{sub}/providers/Microsoft.Compute/skus?api-version=2021-07-01&$filter=location eq 'westeurope'");
        var (badStatus, _) = await emulator.GetAsync($"/subscriptions/{sub}/providers/Microsoft.Compute/skus?api-version=2021-07-01&$filter=name eq 'x'");

        var expected = emulator.World.Fleet.Catalog.Candidates(ResourceKind.VirtualMachine, "westeurope");
        Assert.Equal(200, status);
        Assert.Equal(expected.Select(s => s.Name), json!["value"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()));
        Assert.All(json["value"]!.AsArray(), v => Assert.Equal("westeurope", v!["locations"]![0]!.GetValue<string>()));
        Assert.Equal(400, badStatus);
    }

    [Fact]
    public async Task NoCapacity_FailsARunningResizeInItsOperation_AndADeallocatedVmAtStart()
    {
        var probe = await EmulatorFixture.StartAsync();
        var vm = First(probe.World, ResourceKind.VirtualMachine, r => probe.World.Fleet.SpecOf(r, r.InitialConfig) is not null);
        var own = probe.World.Fleet.SpecOf(vm, vm.InitialConfig)!;
        var bigger = probe.World.Fleet.Catalog.Candidates(ResourceKind.VirtualMachine, vm.Resource.Location).First(s => s.VCpus > own.VCpus && s.Family == own.Family);
        await probe.DisposeAsync();
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Faults = new EmulatorFaults { AllocationFailures = [bigger.Name] } });
        var world = emulator.World;
        var patch = new JsonObject { ["properties"] = new JsonObject { ["hardwareProfile"] = new JsonObject { ["vmSize"] = bigger.Name } } };
        var ct = TestContext.Current.CancellationToken;

        using var running = await emulator.Client.PatchAsJsonAsync(vm.Resource.Id + Api, patch, ct);
        var (_, runningPoll) = await emulator.GetAsync(running.Headers.GetValues("Azure-AsyncOperation").Single());
        var afterRunning = world.Fleet.ConfigAt(vm, world.Time.GetUtcNow());
        using var deallocate = await emulator.Client.PostAsync(new Uri(vm.Resource.Id + "/deallocate" + Api, UriKind.Relative), null, ct);
        using var deallocated = await emulator.Client.PatchAsJsonAsync(vm.Resource.Id + Api, patch, ct);
        var (_, deallocatedPoll) = await emulator.GetAsync(deallocated.Headers.GetValues("Azure-AsyncOperation").Single());
        using var start = await emulator.Client.PostAsync(new Uri(vm.Resource.Id + "/start" + Api, UriKind.Relative), null, ct);
        var (_, startPoll) = await emulator.GetAsync(start.Headers.GetValues("Azure-AsyncOperation").Single());
        var (_, view) = await emulator.GetAsync(vm.Resource.Id + "/instanceView" + Api);

        Assert.Equal("Failed", runningPoll!["status"]!.GetValue<string>());
        Assert.Equal("AllocationFailed", runningPoll["error"]!["code"]!.GetValue<string>());
        Assert.Equal(vm.InitialConfig, afterRunning);
        Assert.Equal("Succeeded", deallocatedPoll!["status"]!.GetValue<string>());
        Assert.Equal(new VmConfig(bigger.Name), world.Fleet.ConfigAt(vm, world.Time.GetUtcNow()));
        Assert.Equal("Failed", startPoll!["status"]!.GetValue<string>());
        Assert.Equal("AllocationFailed", startPoll["error"]!["code"]!.GetValue<string>());
        Assert.Contains(view!["statuses"]!.AsArray(), s => s!["code"]!.GetValue<string>() == "PowerState/deallocated");
    }
}
