using System.Text.Json.Nodes;
using Optimize.Azure.Configuration;
using Optimize.Azure.Tests.Http;
using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Azure.Tests.Configuration;

public sealed class ScaleSetConfigurationClientTests
{
    /// <summary>The VirtualMachineScaleSets_Update example response (location only) with a sku and an upgrade policy added.</summary>
    private static CannedResponse ScaleSet(string sku, int capacity, string? mode = "Manual", string? orchestration = null)
    {
        var body = ArmExample.Load("Microsoft.Compute/2025-04-01/VirtualMachineScaleSet_Update_MinimumSet_Gen.json").Body()!;
        body["id"] = Refs.Vmss.Id;
        body["name"] = "vmssName";
        body["sku"] = new JsonObject { ["name"] = sku, ["tier"] = "Standard", ["capacity"] = capacity };
        var properties = new JsonObject();
        if (mode is not null)
        {
            properties["upgradePolicy"] = new JsonObject { ["mode"] = mode };
        }

        if (orchestration is not null)
        {
            properties["orchestrationMode"] = orchestration;
        }

        body["properties"] = properties;
        return new CannedResponse(200, body.ToJsonString());
    }

    /// <summary>The VMs list example (instances "1" and "2") with each instance's sku and latestModelApplied set.</summary>
    private static CannedResponse Instances(string sku = "Standard_D4s_v5", bool latest = false)
    {
        var body = ArmExample.Load("Microsoft.Compute/2025-11-01/VirtualMachineScaleSetVM_List_WithResiliencyView.json").Body()!;
        foreach (var vm in body["value"]!.AsArray())
        {
            vm!["properties"]!["latestModelApplied"] = latest;
            vm["sku"] = new JsonObject { ["name"] = sku, ["tier"] = "Standard" };
        }

        return new CannedResponse(200, body.ToJsonString());
    }

    [Fact]
    public async Task ApplyAsync_SkuChangeUnderManualPolicy_PatchesSkuThenUpgradesInstancesInBatches()
    {
        var env = new TestEnv();
        env.Transport
            .On("GET", "vmssName/virtualMachines", Instances(), Instances("Standard_D2s_v5", latest: true))
            .On("GET", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D4s_v5", 2), ScaleSet("Standard_D4s_v5", 2), ScaleSet("Standard_D2s_v5", 2))
            .On("PATCH", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D2s_v5", 2))
            .On("POST", "vmssName/manualupgrade", new CannedResponse(200));

        var result = await new ScaleSetConfigurationClient(env.ArmClient(), 0.5).ApplyAsync(Refs.Vmss, new ScaleSetConfig("Standard_D2s_v5", 2), false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        AssertOnlySku("{\"name\":\"Standard_D2s_v5\"}", Assert.Single(env.Transport.Sent("PATCH", "vmssName")).Body);
        // Two stale instances (ids "1" and "2" in the example), 50% per batch → two calls of one id each.
        var upgrades = env.Transport.Sent("POST", "manualupgrade").Select(r => JsonNode.Parse(r.Body)!["instanceIds"]!.AsArray().Select(i => i!.GetValue<string>()).Single()).ToArray();
        Assert.Equal(["1", "2"], upgrades);
    }

    [Theory]
    [InlineData("Automatic")]
    [InlineData("Rolling")]
    public async Task ApplyAsync_SkuChangeUnderPlatformPolicy_WaitsForEveryInstanceWithoutManualUpgrade(string mode)
    {
        // NOTES (d): under Automatic/Rolling the platform moves the instances; the client polls the VMs list until both
        // instances report latestModelApplied=true and the new sku (third list), then reads back the model and the instances.
        var env = new TestEnv();
        env.Transport
            .On("GET", "vmssName/virtualMachines", Instances(), Instances("Standard_D2s_v5", latest: false), Instances("Standard_D2s_v5", latest: true))
            .On("GET", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D4s_v5", 2, mode), ScaleSet("Standard_D4s_v5", 2, mode), ScaleSet("Standard_D2s_v5", 2, mode))
            .On("PATCH", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D2s_v5", 2, mode));

        var result = await Client(env).ApplyAsync(Refs.Vmss, new ScaleSetConfig("Standard_D2s_v5", 2), false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Empty(env.Transport.Sent("POST", "manualupgrade"));
        Assert.Equal(4, env.Transport.Sent("GET", "vmssName/virtualMachines").Count); // three polls, one read-back
    }

    [Fact]
    public async Task ApplyAsync_AutomaticPolicyWhoseInstancesNeverMove_FailsNamingTheInstances()
    {
        // The model reads D2s_v5 but both instances still run D4s_v5: the change is not in effect, whatever the model says.
        var env = new TestEnv();
        env.Transport
            .On("GET", "vmssName/virtualMachines", Instances())
            .On("GET", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D4s_v5", 2, "Automatic"), ScaleSet("Standard_D4s_v5", 2, "Automatic"), ScaleSet("Standard_D2s_v5", 2, "Automatic"))
            .On("PATCH", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D2s_v5", 2, "Automatic"));

        var result = await Client(env, TimeSpan.Zero).ApplyAsync(Refs.Vmss, new ScaleSetConfig("Standard_D2s_v5", 2), false, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.OperationFailed, result.Failure?.Kind);
        Assert.Contains("2 of 2 instance(s) do not run the model Standard_D2s_v5", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("1 (Standard_D4s_v5, latestModelApplied=false)", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_NoUpgradePolicy_IsManual()
    {
        // set-upgrade-policy doc: "If you don't explicitly set the upgrade policy mode, it defaults to manual."
        var env = new TestEnv();
        env.Transport
            .On("GET", "vmssName/virtualMachines", Instances(), Instances("Standard_D2s_v5", latest: true))
            .On("GET", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D4s_v5", 2, null), ScaleSet("Standard_D4s_v5", 2, null), ScaleSet("Standard_D2s_v5", 2, null))
            .On("PATCH", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D2s_v5", 2, null))
            .On("POST", "vmssName/manualupgrade", new CannedResponse(200));

        var result = await Client(env).ApplyAsync(Refs.Vmss, new ScaleSetConfig("Standard_D2s_v5", 2), false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Single(env.Transport.Sent("POST", "manualupgrade")); // ⌈2 × 1.0⌉ = both ids in one batch
    }

    [Fact]
    public async Task ApplyAsync_FlexibleSkuChange_IsRefusedBeforeAnyWrite()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D4s_v5", 2, "Manual", "Flexible"));

        var result = await Client(env).ApplyAsync(Refs.Vmss, new ScaleSetConfig("Standard_D2s_v5", 2), false, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeFailureKinds.InvalidTarget, result.Failure?.Kind);
        Assert.Contains("Flexible orchestration", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(new ScaleSetConfig("Standard_D4s_v5", 2), result.Observed);
        Assert.Empty(env.Transport.Sent("PATCH", "vmssName"));
    }

    [Fact]
    public async Task ApplyAsync_FlexibleCapacity_IsAppliedAndCountedFromTheList()
    {
        var env = new TestEnv();
        env.Transport
            .On("GET", "vmssName/virtualMachines", Instances())
            .On("GET", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D4s_v5", 3, "Manual", "Flexible"), ScaleSet("Standard_D4s_v5", 2, "Manual", "Flexible"))
            .On("PATCH", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D4s_v5", 2, "Manual", "Flexible"));

        var result = await Client(env).ApplyAsync(Refs.Vmss, new ScaleSetConfig("Standard_D4s_v5", 2), false, TestContext.Current.CancellationToken);

        // The list's two ids make the capacity 2; latestModelApplied=false is not held against a Flexible set.
        Assert.True(result.Succeeded, result.Failure?.ToString());
    }

    [Fact]
    public async Task ApplyAsync_AutoscaledSet_WritesTheSkuAndKeepsAutoscalesCapacity()
    {
        // The plan said D2s_v5 × 2, but autoscale has since moved the set to 3: only sku.name is sent, and the read-back
        // (D2s_v5 × 3, three instances listed) is the success autoscale's count allows.
        var env = new TestEnv();
        var three = Instances("Standard_D2s_v5", latest: true);
        var body = System.Text.Json.Nodes.JsonNode.Parse(three.Body)!;
        body["value"]!.AsArray().Add(body["value"]![0]!.DeepClone());
        env.Transport
            .On("GET", "vmssName/virtualMachines", Instances(), new CannedResponse(200, body.ToJsonString()))
            .On("GET", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D4s_v5", 3), ScaleSet("Standard_D4s_v5", 3), ScaleSet("Standard_D2s_v5", 3))
            .On("PATCH", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D2s_v5", 3))
            .On("POST", "vmssName/manualupgrade", new CannedResponse(200));

        var result = await Client(env).ApplyAsync(Refs.Vmss with { AutoscaledBy = "/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/autoscalesettings/as1" },
            new ScaleSetConfig("Standard_D2s_v5", 2), false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal(new ScaleSetConfig("Standard_D2s_v5", 3), result.Observed);
        AssertOnlySku("{\"name\":\"Standard_D2s_v5\"}", Assert.Single(env.Transport.Sent("PATCH", "vmssName")).Body);
    }

    [Fact]
    public async Task ApplyAsync_ModelAlreadyTargetButInstancesStale_FinishesTheManualRolloutWithoutAPatch()
    {
        // An interrupted rollout: the model reads D2s_v5 × 2, both instances still run D4s_v5 (latestModelApplied=false).
        var env = new TestEnv();
        env.Transport
            .On("GET", "vmssName/virtualMachines", Instances(), Instances(), Instances("Standard_D2s_v5", latest: true))
            .On("GET", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D2s_v5", 2))
            .On("POST", "vmssName/manualupgrade", new CannedResponse(200));

        var result = await Client(env).ApplyAsync(Refs.Vmss, new ScaleSetConfig("Standard_D2s_v5", 2), false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Empty(env.Transport.Sent("PATCH", "vmssName"));
        Assert.Equal(["1", "2"], JsonNode.Parse(Assert.Single(env.Transport.Sent("POST", "manualupgrade")).Body)!["instanceIds"]!.AsArray().Select(i => i!.GetValue<string>()));
    }

    [Fact]
    public async Task ApplyAsync_ModelAndInstancesAlreadyTarget_SendsNoWrite()
    {
        var env = new TestEnv();
        env.Transport
            .On("GET", "vmssName/virtualMachines", Instances("Standard_D2s_v5", latest: true))
            .On("GET", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D2s_v5", 2));

        var result = await Client(env).ApplyAsync(Refs.Vmss, new ScaleSetConfig("Standard_D2s_v5", 2), false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Empty(env.Transport.Sent("PATCH", "vmssName"));
        Assert.Empty(env.Transport.Sent("POST", "manualupgrade"));
    }

    [Fact]
    public async Task ReadAsync_InstancesBehindTheModel_FailsAsAConflictNamingThem()
    {
        // The model reads D2s_v5 × 2 (a rollout under way); both listed instances still run D4s_v5, latestModelApplied=false.
        var env = new TestEnv();
        env.Transport
            .On("GET", "vmssName/virtualMachines", Instances())
            .On("GET", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D2s_v5", 2));

        var read = await Client(env).ReadAsync(Refs.Vmss, TestContext.Current.CancellationToken);

        Assert.Null(read.Config);
        Assert.Equal(ChangeFailureKinds.Conflict, read.Failure!.Kind);
        Assert.Contains("reads Standard_D2s_v5 x 2", read.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("2 of 2 instance(s) do not run the model Standard_D2s_v5", read.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_InstancesOnTheModel_ReadsTheModel()
    {
        var env = new TestEnv();
        env.Transport
            .On("GET", "vmssName/virtualMachines", Instances("Standard_D2s_v5", latest: true))
            .On("GET", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D2s_v5", 2));

        var read = await Client(env).ReadAsync(Refs.Vmss, TestContext.Current.CancellationToken);

        Assert.Null(read.Failure);
        Assert.Equal(new ScaleSetConfig("Standard_D2s_v5", 2), read.Config);
    }

    private static ScaleSetConfigurationClient Client(TestEnv env, TimeSpan? timeout = null) =>
        new(env.ArmClient(), 1.0, new ScaleSetWait(TimeSpan.Zero, timeout ?? TimeSpan.FromSeconds(30), TimeProvider.System));

    [Fact]
    public async Task ApplyAsync_CapacityOnly_PatchesCapacityWithoutUpgrades()
    {
        var env = new TestEnv();
        env.Transport
            .On("GET", "vmssName/virtualMachines", Instances("Standard_D2s_v5", latest: true))
            .On("GET", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D2s_v5", 4), ScaleSet("Standard_D2s_v5", 2))
            .On("PATCH", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D2s_v5", 2));

        var result = await new ScaleSetConfigurationClient(env.ArmClient(), 0.2).ApplyAsync(Refs.Vmss, new ScaleSetConfig("Standard_D2s_v5", 2), false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        AssertOnlySku("{\"capacity\":2}", Assert.Single(env.Transport.Sent("PATCH", "vmssName")).Body);
        Assert.Empty(env.Transport.Sent("POST", "manualupgrade"));
        Assert.Single(env.Transport.Sent("GET", "vmssName/virtualMachines")); // the read-back counts the instances
    }

    /// <summary>The SDK serializes an empty <c>properties</c> object with every patch; nothing else may be sent.</summary>
    private static void AssertOnlySku(string expectedSku, string body)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(expectedSku, json["sku"]!.ToJsonString());
        Assert.All(json.Where(p => p.Key != "sku"), p => Assert.Equal("{}", p.Value!.ToJsonString()));
    }

    [Theory]
    [InlineData(10, 0.2, 5)]
    [InlineData(3, 0.2, 3)]
    [InlineData(4, 1.0, 1)]
    [InlineData(0, 0.2, 0)]
    public void UpgradeBatches_CountAndFraction_Batches(int instances, double fraction, int batches) =>
        Assert.Equal(batches, ScaleSetConfigurationClient.UpgradeBatches([.. Enumerable.Range(0, instances).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))], fraction).Count());
}
