using System.Text.Json.Nodes;
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

    private static TestEnv Env(string before, string after)
    {
        var env = new TestEnv();
        env.Transport
            .On("GET", "virtualMachines/myVM/vmSizes", ArmExample.Load("Microsoft.Compute/2025-04-01/VirtualMachine_ListAvailableVmSizes.json").ResolvedResponse())
            .On("GET", "virtualMachines/myVM?", VmWithSize(before), VmWithSize(after))
            .On("PATCH", "virtualMachines/myVM?", ArmExample.Load("Microsoft.Compute/2025-04-01/VirtualMachine_Update_DetachDataDiskUsingToBeDetachedProperty.json").ResolvedResponse())
            .On("POST", "virtualMachines/myVM/deallocate", new CannedResponse(200))
            .On("POST", "virtualMachines/myVM/start", new CannedResponse(200));
        return env;
    }

    [Fact]
    public async Task ReadAsync_VirtualMachineGetExample_Size()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "virtualMachines/myVM", ArmExample.Load("Microsoft.Compute/2025-04-01/VirtualMachine_Get.json").ResolvedResponse());

        var read = await new VmConfigurationClient(env.ArmClient()).ReadAsync(Refs.Vm, TestContext.Current.CancellationToken);

        Assert.True(read.Config is not null, read.Failure?.ToString() + " | " + string.Join(" ", env.Transport.Requests.Select(r => r.Uri.AbsoluteUri)));
        Assert.Equal(new VmConfig("Standard_DS3_v2"), read.Config);
    }

    [Fact]
    public async Task ReadAsync_WithVmSizePropertiesExample_Size()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "virtualMachines/myVM", ArmExample.Load("Microsoft.Compute/2025-04-01/VirtualMachine_Get_WithVMSizeProperties.json").ResolvedResponse());

        var read = await new VmConfigurationClient(env.ArmClient()).ReadAsync(Refs.Vm, TestContext.Current.CancellationToken);

        Assert.NotNull(read.Config);
    }

    [Fact]
    public async Task ReadAsync_InstanceViewPayloadHasNoHardwareProfile_UnexpectedNotAThrow()
    {
        // The instance view (VirtualMachines_InstanceView) carries power state, not the size: reading config from it must fail cleanly.
        var env = new TestEnv();
        env.Transport.On("GET", "virtualMachines/myVM", ArmExample.Load("Microsoft.Compute/2025-04-01/VirtualMachine_Get_InstanceView.json").ResolvedResponse());

        var read = await new VmConfigurationClient(env.ArmClient()).ReadAsync(Refs.Vm, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.Unexpected, read.Failure?.Kind);
    }

    [Fact]
    public async Task ApplyAsync_TargetAvailable_PatchesOnlyTheSizeWithoutDeallocation()
    {
        var env = Env("Standard_DS3_v2", "Standard_A2_V2");

        var result = await new VmConfigurationClient(env.ArmClient()).ApplyAsync(Refs.Vm, new VmConfig("Standard_A2_V2"), false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        var body = JsonNode.Parse(Assert.Single(env.Transport.Sent("PATCH", "virtualMachines/myVM")).Body)!;
        Assert.Equal("{\"properties\":{\"hardwareProfile\":{\"vmSize\":\"Standard_A2_V2\"}}}", body.ToJsonString());
        Assert.Empty(env.Transport.Sent("POST", "deallocate"));
    }

    [Fact]
    public async Task ApplyAsync_TargetNeedsDeallocationNotAllowed_InvalidTargetWithoutWrite()
    {
        var env = Env("Standard_DS3_v2", "Standard_D4s_v5");

        var result = await new VmConfigurationClient(env.ArmClient()).ApplyAsync(Refs.Vm, new VmConfig("Standard_D4s_v5"), false, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.InvalidTarget, result.Failure?.Kind);
        Assert.StartsWith("Resize to Standard_D4s_v5 needs deallocation", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Empty(env.Transport.Sent("PATCH", "virtualMachines"));
        Assert.Empty(env.Transport.Sent("POST", "virtualMachines"));
    }

    [Fact]
    public async Task ApplyAsync_TargetNeedsDeallocationAllowed_DeallocatesUpdatesStartsInOrder()
    {
        var env = Env("Standard_DS3_v2", "Standard_D4s_v5");

        var result = await new VmConfigurationClient(env.ArmClient()).ApplyAsync(Refs.Vm, new VmConfig("Standard_D4s_v5"), true, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        var writes = env.Transport.Requests.Where(r => r.Method != "GET").Select(r => $"{r.Method} {r.Uri.AbsolutePath[(r.Uri.AbsolutePath.LastIndexOf('/') + 1)..]}").ToArray();
        Assert.Equal(["POST deallocate", "PATCH myVM", "POST start"], writes);
    }

    [Fact]
    public async Task ApplyAsync_403OnPatch_ForbiddenNamingVmWrite()
    {
        var env = new TestEnv();
        env.Transport
            .On("GET", "virtualMachines/myVM/vmSizes", ArmExample.Load("Microsoft.Compute/2025-04-01/VirtualMachine_ListAvailableVmSizes.json").ResolvedResponse())
            .On("GET", "virtualMachines/myVM?", VmWithSize("Standard_DS3_v2"))
            .On("PATCH", "virtualMachines/myVM?", new CannedResponse(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"denied\"}}"));

        var result = await new VmConfigurationClient(env.ArmClient()).ApplyAsync(Refs.Vm, new VmConfig("Standard_A1_V2"), false, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.Forbidden, result.Failure?.Kind);
        Assert.Contains(ArmActions.VirtualMachineWrite, result.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(new VmConfig("Standard_DS3_v2"), result.Observed);
    }
}
