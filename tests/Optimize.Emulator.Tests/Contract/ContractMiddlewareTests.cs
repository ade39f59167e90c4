using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Tests.Contract;

/// <summary>
/// The contract check in the emulator's middleware: requests the published schema refuses are answered 400 in ARM's error shape
/// (conventions/arm-rpc/common-api-details.md "Error response content") and recorded; valid requests pass untouched.
/// </summary>
public sealed class ContractMiddlewareTests
{
    private static readonly EmulatorOptions Fleet200 = new() { Fleet = new FleetOptions { ResourceCount = 200 } };

    [Fact]
    public async Task VmPatch_WithAPropertyVirtualMachineUpdateDoesNotHave_Is400AndAViolation_AndChangesNothing()
    {
        // specs/Microsoft.Compute.virtualMachines.2023-07-01.json: VirtualMachines_Update body VirtualMachineUpdate →
        // VirtualMachineProperties has hardwareProfile, no 'turboMode'.
        await using var emulator = await EmulatorFixture.StartAsync(Fleet200 with { ContractDirectory = ContractKit.Pack() });
        var vm = ContractKit.First(emulator.World, ResourceKind.VirtualMachine);
        var patch = JsonNode.Parse("""{"properties":{"hardwareProfile":{"vmSize":"Standard_D4s_v5"},"turboMode":true}}""");

        using var response = await emulator.Client.PatchAsJsonAsync(vm.Resource.Id + "?api-version=2023-07-01", patch, TestContext.Current.CancellationToken);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["error"]!;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("InvalidRequestContent", error["code"]!.GetValue<string>());
        Assert.Equal("properties.turboMode", error["target"]!.GetValue<string>());
        Assert.Contains("'properties.turboMode' is not a property of VirtualMachineProperties", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var violation = Assert.Single(emulator.World.Log.Violations);
        Assert.Equal(new[] { "VirtualMachines_Update", "request", "/properties/turboMode" }, new[] { violation.Operation, violation.Direction, violation.Pointer });
        Assert.Equal(vm.InitialConfig, emulator.World.Fleet.ConfigAt(vm, emulator.World.Time.GetUtcNow()));
        Assert.False(emulator.World.Log.ByStatus.ContainsKey(200));
    }

    [Fact]
    public async Task ServerfarmPut_CarryingReadOnlyProvisioningState_Is400AndAViolation()
    {
        // NOTES (c): AppServicePlan.properties.provisioningState is readOnly (server-set).
        await using var emulator = await EmulatorFixture.StartAsync(Fleet200 with { ContractDirectory = ContractKit.Pack() });
        var plan = ContractKit.First(emulator.World, ResourceKind.AppServicePlan);
        var (_, read) = await emulator.GetAsync(plan.Resource.Id + "?api-version=2024-11-01");
        var body = new JsonObject
        {
            ["location"] = read!["location"]!.DeepClone(),
            ["sku"] = read["sku"]!.DeepClone(),
            ["properties"] = new JsonObject { ["perSiteScaling"] = false, ["provisioningState"] = "Succeeded" },
        };

        using var response = await emulator.Client.PutAsJsonAsync(plan.Resource.Id + "?api-version=2024-11-01", body, TestContext.Current.CancellationToken);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["error"]!;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("properties.provisioningState", error["target"]!.GetValue<string>());
        Assert.Contains("read-only", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("/properties/provisioningState", Assert.Single(emulator.World.Log.Violations).Pointer);
        Assert.Equal(plan.InitialConfig, emulator.World.Fleet.ConfigAt(plan, emulator.World.Time.GetUtcNow()));
    }

    [Fact]
    public async Task AutoscalePatch_OfTheSettingAsRead_LessReadOnlyMembers_PassesAndTheResponseConforms()
    {
        // specs/whole/monitor.resource-manager.autoscale_API.2022-10-01.json: AutoscaleSettingResourcePatch {tags, properties:
        // AutoscaleSetting (required: profiles)}; 200 → AutoscaleSettingResource.
        await using var emulator = await EmulatorFixture.StartAsync(Fleet200 with { ContractDirectory = ContractKit.Pack() });
        var setting = ContractKit.First(emulator.World, ResourceKind.AutoscaleSetting);
        var (_, read) = await emulator.GetAsync(setting.Resource.Id + "?api-version=2022-10-01");
        var properties = read!["properties"]!.DeepClone().AsObject();
        properties["profiles"]![0]!["capacity"]!["maximum"] = "7";
        var body = new JsonObject { ["tags"] = read["tags"]?.DeepClone(), ["properties"] = properties };

        using var response = await emulator.Client.PatchAsJsonAsync(setting.Resource.Id + "?api-version=2022-10-01", body, TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(2, emulator.World.Log.ByOperation.Values.Sum());
        ContractKit.AssertNoViolations(emulator.World, "AutoscaleSettings_Get", "AutoscaleSettings_Update");
        Assert.Equal(7, ((AutoscaleConfig)emulator.World.Fleet.ConfigAt(setting, emulator.World.Time.GetUtcNow())).Maximum);
    }

    [Fact]
    public async Task ARequestAtAnotherApiVersion_IsNotHeldToThisPacksSpec()
    {
        // The pack pins VirtualMachines_Update at 2023-07-01 (NOTES §0); a 2024-07-01 body is not judged by it.
        var check = ContractKit.Check();
        var path = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";

        Assert.Equal("VirtualMachines_Update", check.OperationOf("PATCH", path, "2023-07-01"));
        Assert.Null(check.OperationOf("PATCH", path, "2024-07-01"));
        Assert.Null(check.OperationOf("PUT", path, "2023-07-01"));
    }
}
