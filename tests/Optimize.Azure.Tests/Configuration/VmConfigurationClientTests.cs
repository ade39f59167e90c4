using System.Text.Json.Nodes;
using Optimize.Azure.Catalog;
using Optimize.Azure.Configuration;
using Optimize.Azure.Tests.Http;
using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Azure.Tests.Configuration;

public sealed class VmConfigurationClientTests
{
    private static CannedResponse VmWithSize(string size)
    {
        var body = ArmExample.Load("Microsoft.Compute/2025-04-01/VirtualMachine_Get.json").Body()!;
        body["properties"]!["hardwareProfile"]!["vmSize"] = size;
        return new CannedResponse(200, System.Text.RegularExpressions.Regex.Replace(body.ToJsonString(), @"\{([A-Za-z0-9-]+)\}", "$1"));
    }

    private static readonly string[] DeallocatingOrder = ["POST deallocate", "PATCH myVM", "POST start"];

    private static VmConfigurationClient Client(TestEnv env) => new(env.ArmClient(), new VmSizeOffers(env.Arm()));

    /// <summary>The non-GET requests, as "METHOD last-path-segment".</summary>
    private static string[] Writes(TestEnv env) =>
        [.. env.Transport.Requests.Where(r => r.Method != "GET").Select(r => $"{r.Method} {r.Uri.AbsolutePath[(r.Uri.AbsolutePath.LastIndexOf('/') + 1)..]}")];

    /// <summary>
    /// Published ResourceSkus_List for westus (Microsoft.Compute/2021-07-01/ListAvailableResourceSkusForARegion.json): it offers
    /// Standard_A0 and Standard_A1 only; Standard_A1 is not in the running VM's vmSizes example (Standard_A1_V2, Standard_A2_V2), so
    /// it is the target that needs a deallocation and can be applied.
    /// </summary>
    private static CannedResponse Skus(bool restrictA1 = false)
    {
        var body = ArmExample.Load("Microsoft.Compute/2021-07-01/ListAvailableResourceSkusForARegion.json").Body()!;
        if (restrictA1)
        {
            var a1 = body["value"]!.AsArray().First(s => s!["name"]!.GetValue<string>() == "Standard_A1")!;
            a1["restrictions"] = JsonNode.Parse("[{\"type\":\"Location\",\"values\":[\"westus\"],\"reasonCode\":\"NotAvailableForSubscription\"}]");
        }

        return new CannedResponse(200, body.ToJsonString());
    }

    private static TestEnv Env(string before, string after, CannedResponse? patch = null, CannedResponse? start = null, CannedResponse? skus = null)
    {
        var env = new TestEnv();
        env.Transport
            .On("GET", "providers/Microsoft.Compute/skus", skus ?? Skus())
            .On("GET", "virtualMachines/myVM/vmSizes", ArmExample.Load("Microsoft.Compute/2025-04-01/VirtualMachine_ListAvailableVmSizes.json").ResolvedResponse())
            .On("GET", "virtualMachines/myVM?", VmWithSize(before), VmWithSize(after))
            .On("PATCH", "virtualMachines/myVM?", patch ?? ArmExample.Load("Microsoft.Compute/2025-04-01/VirtualMachine_Update_DetachDataDiskUsingToBeDetachedProperty.json").ResolvedResponse())
            .On("POST", "virtualMachines/myVM/deallocate", new CannedResponse(200))
            .On("POST", "virtualMachines/myVM/start", start ?? new CannedResponse(200));
        return env;
    }

    [Fact]
    public async Task ReadAsync_VirtualMachineGetExample_Size()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "virtualMachines/myVM", ArmExample.Load("Microsoft.Compute/2025-04-01/VirtualMachine_Get.json").ResolvedResponse());

        var read = await Client(env).ReadAsync(Refs.Vm, TestContext.Current.CancellationToken);

        Assert.True(read.Config is not null, read.Failure?.ToString() + " | " + string.Join(" ", env.Transport.Requests.Select(r => r.Uri.AbsoluteUri)));
        Assert.Equal(new VmConfig("Standard_DS3_v2"), read.Config);
    }

    [Fact]
    public async Task ReadAsync_WithVmSizePropertiesExample_Size()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "virtualMachines/myVM", ArmExample.Load("Microsoft.Compute/2025-04-01/VirtualMachine_Get_WithVMSizeProperties.json").ResolvedResponse());

        var read = await Client(env).ReadAsync(Refs.Vm, TestContext.Current.CancellationToken);

        Assert.NotNull(read.Config);
    }

    [Fact]
    public async Task ReadAsync_InstanceViewPayloadHasNoHardwareProfile_UnexpectedNotAThrow()
    {
        // The instance view (VirtualMachines_InstanceView) carries power state, not the size: reading config from it must fail cleanly.
        var env = new TestEnv();
        env.Transport.On("GET", "virtualMachines/myVM", ArmExample.Load("Microsoft.Compute/2025-04-01/VirtualMachine_Get_InstanceView.json").ResolvedResponse());

        var read = await Client(env).ReadAsync(Refs.Vm, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.Unexpected, read.Failure?.Kind);
    }

    [Fact]
    public async Task ApplyAsync_TargetAvailable_PatchesOnlyTheSizeWithoutDeallocation()
    {
        var env = Env("Standard_DS3_v2", "Standard_A2_V2");

        var result = await Client(env).ApplyAsync(Refs.Vm, new VmConfig("Standard_A2_V2"), false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        var body = JsonNode.Parse(Assert.Single(env.Transport.Sent("PATCH", "virtualMachines/myVM")).Body)!;
        Assert.Equal("{\"properties\":{\"hardwareProfile\":{\"vmSize\":\"Standard_A2_V2\"}}}", body.ToJsonString());
        Assert.Empty(env.Transport.Sent("POST", "deallocate"));
    }

    [Fact]
    public async Task ApplyAsync_TargetNeedsDeallocationNotAllowed_InvalidTargetWithoutWrite()
    {
        var env = Env("Standard_DS3_v2", "Standard_D4s_v5");

        var result = await Client(env).ApplyAsync(Refs.Vm, new VmConfig("Standard_D4s_v5"), false, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.InvalidTarget, result.Failure?.Kind);
        Assert.StartsWith("Resize to Standard_D4s_v5 needs deallocation", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Empty(env.Transport.Sent("PATCH", "virtualMachines"));
        Assert.Empty(env.Transport.Sent("POST", "virtualMachines"));
    }

    [Fact]
    public async Task ApplyAsync_TargetNeedsDeallocationAllowed_DeallocatesUpdatesStartsInOrder()
    {
        var env = Env("Standard_DS3_v2", "Standard_A1");

        var result = await Client(env).ApplyAsync(Refs.Vm, new VmConfig("Standard_A1"), true, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal(new VmConfig("Standard_A1"), result.Observed);
        Assert.Equal(DeallocatingOrder, Writes(env));
        var skus = Assert.Single(env.Transport.Sent("GET", "Microsoft.Compute/skus"));
        Assert.Equal("location eq 'westus'", skus.Query("$filter"));
        Assert.Equal("{\"properties\":{\"hardwareProfile\":{\"vmSize\":\"Standard_A1\"}}}", JsonNode.Parse(Assert.Single(env.Transport.Sent("PATCH", "virtualMachines/myVM")).Body)!.ToJsonString());
    }

    [Fact]
    public async Task ApplyAsync_TargetNotOfferedInRegion_RefusedWithoutDeallocating()
    {
        // Standard_D4s_v5 is neither in the running VM's vmSizes nor in the westus SKU list: deallocating for it would strand the VM.
        var env = Env("Standard_DS3_v2", "Standard_DS3_v2");

        var result = await Client(env).ApplyAsync(Refs.Vm, new VmConfig("Standard_D4s_v5"), true, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.InvalidTarget, result.Failure?.Kind);
        Assert.Contains("refused before deallocating myVM", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("westus", result.Failure.Message, StringComparison.Ordinal);
        Assert.Empty(Writes(env));
        Assert.Equal(new VmConfig("Standard_DS3_v2"), result.Observed);
    }

    [Fact]
    public async Task ApplyAsync_TargetLocationRestrictedForSubscription_RefusedWithoutDeallocating()
    {
        // ResourceSkus_List: a restriction of type Location lists the regions where the subscription cannot deploy the size.
        var env = Env("Standard_DS3_v2", "Standard_DS3_v2", skus: Skus(restrictA1: true));

        var result = await Client(env).ApplyAsync(Refs.Vm, new VmConfig("Standard_A1"), true, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.InvalidTarget, result.Failure?.Kind);
        Assert.Empty(Writes(env));
    }

    [Fact]
    public async Task ApplyAsync_SkuListForbidden_ForbiddenNamingSkusReadWithoutDeallocating()
    {
        var env = Env("Standard_DS3_v2", "Standard_DS3_v2", skus: new CannedResponse(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"denied\"}}"));

        var result = await Client(env).ApplyAsync(Refs.Vm, new VmConfig("Standard_A1"), true, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.Forbidden, result.Failure?.Kind);
        Assert.Contains(ArmActions.ComputeSkusRead, result.Failure!.Message, StringComparison.Ordinal);
        Assert.Empty(Writes(env));
    }

    [Fact]
    public async Task ApplyAsync_ResizeRejectedAfterDeallocation_StartsAgainAndReturnsTheResizeFailure()
    {
        var env = Env("Standard_DS3_v2", "Standard_DS3_v2",
            patch: new CannedResponse(409, "{\"error\":{\"code\":\"OperationNotAllowed\",\"message\":\"The requested size is not available in the current zone.\"}}"));

        var result = await Client(env).ApplyAsync(Refs.Vm, new VmConfig("Standard_A1"), true, TestContext.Current.CancellationToken);

        Assert.Equal(DeallocatingOrder, Writes(env));
        Assert.Equal(ChangeFailureKinds.Conflict, result.Failure?.Kind);
        Assert.Contains("OperationNotAllowed", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("started again on its old size Standard_DS3_v2", result.Failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("DEALLOCATED", result.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(new VmConfig("Standard_DS3_v2"), result.Observed);
    }

    [Fact]
    public async Task ApplyAsync_ResizeAndStartBothFail_FailureSaysLeftDeallocatedOnOldSize()
    {
        var env = Env("Standard_DS3_v2", "Standard_DS3_v2",
            patch: new CannedResponse(409, "{\"error\":{\"code\":\"OperationNotAllowed\",\"message\":\"size not offered\"}}"),
            start: new CannedResponse(409, "{\"error\":{\"code\":\"AllocationFailed\",\"message\":\"no capacity\"}}"));

        var result = await Client(env).ApplyAsync(Refs.Vm, new VmConfig("Standard_A1"), true, TestContext.Current.CancellationToken);

        Assert.Equal(DeallocatingOrder, Writes(env));
        Assert.Equal(ChangeFailureKinds.OperationFailed, result.Failure?.Kind);
        Assert.StartsWith("myVM was left DEALLOCATED on size Standard_DS3_v2", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("OperationNotAllowed", result.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("AllocationFailed", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_ResizeSucceedsEveryStartFails_ResizedBack_FailureSaysLeftDeallocatedOnOldSize()
    {
        // The start on the new size fails (AllocationFailed); the client resizes back to the old size and starts again, which fails too.
        var env = Env("Standard_DS3_v2", "Standard_A1", start: new CannedResponse(409, "{\"error\":{\"code\":\"AllocationFailed\",\"message\":\"no capacity\"}}"));

        var result = await Client(env).ApplyAsync(Refs.Vm, new VmConfig("Standard_A1"), true, TestContext.Current.CancellationToken);

        Assert.Equal([.. DeallocatingOrder, "PATCH myVM", "POST start"], Writes(env));
        Assert.Equal(ChangeFailureKinds.OperationFailed, result.Failure?.Kind);
        Assert.StartsWith("myVM was left DEALLOCATED on size Standard_DS3_v2: the resize to Standard_A1 succeeded", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("resizing back to Standard_DS3_v2 and starting again failed too", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_RegionAlreadyLoadedByTheCatalog_NoSecondSkuCall()
    {
        var env = Env("Standard_DS3_v2", "Standard_A1");
        var offers = new VmSizeOffers(env.Arm());
        offers.Remember(Refs.Sub, await ResourceSkuCatalog.LoadAsync(env.Arm(), Refs.Sub, ["West US"], Optimize.Catalog.BuiltInCatalog.Default, TestContext.Current.CancellationToken));

        var result = await new VmConfigurationClient(env.ArmClient(), offers).ApplyAsync(Refs.Vm, new VmConfig("Standard_A1"), true, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Single(env.Transport.Sent("GET", "Microsoft.Compute/skus"));
    }

    [Fact]
    public async Task ApplyAsync_403OnPatch_ForbiddenNamingVmWrite()
    {
        var env = new TestEnv();
        env.Transport
            .On("GET", "virtualMachines/myVM/vmSizes", ArmExample.Load("Microsoft.Compute/2025-04-01/VirtualMachine_ListAvailableVmSizes.json").ResolvedResponse())
            .On("GET", "virtualMachines/myVM?", VmWithSize("Standard_DS3_v2"))
            .On("PATCH", "virtualMachines/myVM?", new CannedResponse(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"denied\"}}"));

        var result = await Client(env).ApplyAsync(Refs.Vm, new VmConfig("Standard_A1_V2"), false, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.Forbidden, result.Failure?.Kind);
        Assert.Contains(ArmActions.VirtualMachineWrite, result.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(new VmConfig("Standard_DS3_v2"), result.Observed);
    }
}
