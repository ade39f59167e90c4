using System.Text.Json.Nodes;
using Optimize.Azure.Tests.Http;

namespace Optimize.Azure.Tests.Inventory;

/// <summary>Inventory rows built from the published GET examples (the shape Resource Graph and ARM list calls return).</summary>
internal static class InventoryRows
{
    /// <summary>The published VM, made standalone: the example is a Flexible scale set's instance (its <c>managedBy</c> names the set).</summary>
    public static JsonNode Vm()
    {
        var body = FlexMemberVm();
        body.AsObject().Remove("managedBy");
        return body;
    }

    /// <summary>The published VM as published: <c>managedBy</c> is its Flexible scale set.</summary>
    public static JsonNode FlexMemberVm() => Resolve(ArmExample.Load("Microsoft.Compute/2025-04-01/VirtualMachine_Get.json").Body()!);

    public static JsonNode Plan() => ArmExample.Load("Microsoft.Web/2026-07-15/GetAppServicePlan.json").Body()!;

    public static JsonNode FlexSite() => ArmExample.Load("Microsoft.Web/2026-07-15/CreateOrUpdateFunctionAppFlexConsumption.json").Body()!;

    public static JsonNode WebApp() => ArmExample.Load("Microsoft.Web/2026-09-01/GetWebApp.json").Body()!;

    public static JsonNode Autoscale() => ArmExample.Load("Microsoft.Insights/2022-10-01/getAutoscaleSetting.json").Body()!;

    public static JsonNode ScaleSet()
    {
        var body = ArmExample.Load("Microsoft.Compute/2025-04-01/VirtualMachineScaleSet_Update_MinimumSet_Gen.json").Body()!;
        body["id"] = "/subscriptions/sub1/resourceGroups/rgcompute/providers/Microsoft.Compute/virtualMachineScaleSets/vmss1";
        body["type"] = "Microsoft.Compute/virtualMachineScaleSets";
        body["sku"] = new JsonObject { ["name"] = "Standard_D2s_v5", ["capacity"] = 3 };
        return body;
    }

    private static JsonNode Resolve(JsonNode node) =>
        JsonNode.Parse(System.Text.RegularExpressions.Regex.Replace(node.ToJsonString(), @"\{([A-Za-z0-9-]+)\}", "$1"))!;
}
