using System.Text.Json.Nodes;
using Optimize.Azure.Configuration;
using Optimize.Azure.Inventory;
using Optimize.Azure.Tests.Http;
using Optimize.Model;
using Optimize.Ports;

namespace Optimize.Azure.Tests.Inventory;

/// <summary>Resources another resource owns (AKS node pools, Flexible scale set instances, …) are skipped by the inventory with a reason (<see cref="ServiceManaged"/>).</summary>
public sealed class ServiceManagedTests
{
    private const string Aks = "/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/aks1";

    [Theory]
    [InlineData("managedBy", "managedBy " + Aks + " (ARM managedBy)")] // resource-api-reference.md: managedBy
    [InlineData("aksTag", "tag 'aks-managed-poolName' marks an AKS node pool (heuristic)")]
    [InlineData("mcGroup", "resource group 'MC_rg1_aks1_westeurope' is named like an AKS node resource group")]
    public void Project_ServiceManagedScaleSet_IsSkippedWithItsReason(string variant, string reason)
    {
        var row = Variant(variant);

        var (resource, config, skipped) = InventoryProjection.Project(row);

        Assert.Null(resource);
        Assert.Null(config);
        Assert.Contains(reason, skipped, StringComparison.Ordinal);
        Assert.StartsWith(row["id"]!.GetValue<string>() + " is service-managed", skipped, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("emptyManagedBy")] // Resource Graph's managedBy column is "" for an unmanaged resource
    [InlineData("otherTag")]
    public void Project_OwnScaleSet_IsKept(string variant)
    {
        var (resource, config, skipped) = InventoryProjection.Project(Variant(variant));

        Assert.Null(skipped);
        Assert.NotNull(resource);
        Assert.Equal(new ScaleSetConfig("Standard_D2s_v5", 3), config);
    }

    [Fact]
    public void Project_FlexibleScaleSetInstance_IsSkipped_ByItsManagedBy()
    {
        // VirtualMachine_Get.json (2025-04-01) is an instance of a Flexible scale set: its managedBy names the set.
        var row = InventoryRows.FlexMemberVm();

        var (resource, _, skipped) = InventoryProjection.Project(row);

        Assert.Null(resource);
        Assert.Contains("managedBy /subscriptions/subscription-id/resourceGroups/myResourceGroup/providers/Microsoft.Compute/virtualMachineScaleSets/MyVmss (ARM managedBy)", skipped, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_VmCreatedInAScaleSet_IsSkipped_ByItsVirtualMachineScaleSetProperty()
    {
        // virtualMachines 2023-07-01, properties.virtualMachineScaleSet: "a VM can only be added to virtual machine scale set at creation time".
        var row = InventoryRows.Vm();
        row["properties"]!["virtualMachineScaleSet"] = new JsonObject { ["id"] = "/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachineScaleSets/flex1" };

        var (resource, _, skipped) = InventoryProjection.Project(row);

        Assert.Null(resource);
        Assert.Contains("is an instance of scale set /subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachineScaleSets/flex1", skipped, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_StandaloneVm_IsKept()
    {
        var (resource, config, skipped) = InventoryProjection.Project(InventoryRows.Vm());

        Assert.Null(skipped);
        Assert.NotNull(resource);
        Assert.IsType<VmConfig>(config);
    }

    [Fact]
    public async Task ResourceGraph_ProjectsManagedBy_AndReportsTheSkip()
    {
        var env = new TestEnv();
        var http = env.Arm();
        var skipped = new List<string>();
        var inventory = new ResourceGraphInventory(http, new ConfigurationRouter(new Dictionary<ResourceKind, IConfigurationClient>()), skipped.Add);
        var page = new JsonObject { ["data"] = new JsonArray(Variant("aksTag"), Variant("plain").DeepClone()) };
        env.Transport.On("POST", "Microsoft.ResourceGraph/resources", new CannedResponse(200, page.ToJsonString()));

        var items = await inventory.ListAsync(new InventoryScope(["sub1"], [], [ResourceKind.ScaleSet]), TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Single(items);
        Assert.Contains("aks-managed-poolName", Assert.Single(skipped), StringComparison.Ordinal);
        var query = JsonNode.Parse(Assert.Single(env.Transport.Sent("POST", "Microsoft.ResourceGraph/resources"), r => r.Body.Contains("type in~", StringComparison.Ordinal)).Body)!["query"]!.GetValue<string>();
        Assert.EndsWith("| project id, type, kind, location, tags, sku, properties, managedBy", query, StringComparison.Ordinal);
    }

    private static JsonNode Variant(string variant)
    {
        var row = InventoryRows.ScaleSet();
        switch (variant)
        {
            case "managedBy":
                row["managedBy"] = Aks;
                break;
            case "emptyManagedBy":
                row["managedBy"] = string.Empty;
                break;
            case "aksTag":
                row["id"] = "/subscriptions/sub1/resourceGroups/nodes/providers/Microsoft.Compute/virtualMachineScaleSets/aks-pool1-123";
                row["tags"] = new JsonObject { ["aks-managed-poolName"] = "pool1", ["aks-managed-orchestrator"] = "Kubernetes:1.30" };
                break;
            case "mcGroup":
                row["id"] = "/subscriptions/sub1/resourceGroups/MC_rg1_aks1_westeurope/providers/Microsoft.Compute/virtualMachineScaleSets/vmss1";
                break;
            case "otherTag":
                row["tags"] = new JsonObject { ["managed"] = "yes", ["team"] = "aks" };
                break;
        }

        return JsonNode.Parse(row.ToJsonString())!; // as parsed from a response (numbers as JSON elements)
    }
}
