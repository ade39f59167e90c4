using System.Text.Json.Nodes;
using Optimize.Azure.Configuration;
using Optimize.Azure.Tests.Http;
using Optimize.Model;

namespace Optimize.Azure.Tests.Configuration;

public sealed class ScaleSetConfigurationClientTests
{
    /// <summary>The VirtualMachineScaleSets_Update example response (location only) with a sku and an upgrade policy added.</summary>
    private static CannedResponse ScaleSet(string sku, int capacity, string mode = "Manual")
    {
        var body = ArmExample.Load("Microsoft.Compute/2025-04-01/VirtualMachineScaleSet_Update_MinimumSet_Gen.json").Body()!;
        body["id"] = Refs.Vmss.Id;
        body["name"] = "vmssName";
        body["sku"] = new JsonObject { ["name"] = sku, ["tier"] = "Standard", ["capacity"] = capacity };
        body["properties"] = new JsonObject { ["upgradePolicy"] = new JsonObject { ["mode"] = mode } };
        return new CannedResponse(200, body.ToJsonString());
    }

    private static CannedResponse Instances()
    {
        var body = ArmExample.Load("Microsoft.Compute/2025-11-01/VirtualMachineScaleSetVM_List_WithResiliencyView.json").Body()!;
        foreach (var vm in body["value"]!.AsArray())
        {
            vm!["properties"]!["latestModelApplied"] = false;
        }

        return new CannedResponse(200, body.ToJsonString());
    }

    [Fact]
    public async Task ApplyAsync_SkuChangeUnderManualPolicy_PatchesSkuThenUpgradesInstancesInBatches()
    {
        var env = new TestEnv();
        env.Transport
            .On("GET", "vmssName/virtualMachines", Instances())
            .On("GET", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D4s_v5", 2), ScaleSet("Standard_D2s_v5", 2))
            .On("PATCH", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D2s_v5", 2))
            .On("POST", "vmssName/manualupgrade", new CannedResponse(200));

        var result = await new ScaleSetConfigurationClient(env.ArmClient(), 0.5).ApplyAsync(Refs.Vmss, new ScaleSetConfig("Standard_D2s_v5", 2), false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        AssertOnlySku("{\"name\":\"Standard_D2s_v5\"}", Assert.Single(env.Transport.Sent("PATCH", "vmssName")).Body);
        // Two stale instances (ids "1" and "2" in the example), 50% per batch → two calls of one id each.
        var upgrades = env.Transport.Sent("POST", "manualupgrade").Select(r => JsonNode.Parse(r.Body)!["instanceIds"]!.AsArray().Select(i => i!.GetValue<string>()).Single()).ToArray();
        Assert.Equal(["1", "2"], upgrades);
    }

    [Fact]
    public async Task ApplyAsync_CapacityOnly_PatchesCapacityWithoutUpgrades()
    {
        var env = new TestEnv();
        env.Transport
            .On("GET", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D2s_v5", 4), ScaleSet("Standard_D2s_v5", 3))
            .On("PATCH", "virtualMachineScaleSets/vmssName?", ScaleSet("Standard_D2s_v5", 3));

        var result = await new ScaleSetConfigurationClient(env.ArmClient(), 0.2).ApplyAsync(Refs.Vmss, new ScaleSetConfig("Standard_D2s_v5", 3), false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        AssertOnlySku("{\"capacity\":3}", Assert.Single(env.Transport.Sent("PATCH", "vmssName")).Body);
        Assert.Empty(env.Transport.Sent("POST", "manualupgrade"));
        Assert.Empty(env.Transport.Sent("GET", "vmssName/virtualMachines"));
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
