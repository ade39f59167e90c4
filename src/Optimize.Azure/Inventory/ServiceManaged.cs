using System.Text.Json.Nodes;
using Optimize.Model;

namespace Optimize.Azure.Inventory;

/// <summary>
/// Resources that another resource owns: scale sets of AKS node pools, Databricks, Service Fabric, …, anything ARM marks
/// <c>managedBy</c>, and the VMs of a scale set. Their size and capacity belong to the owner, which would undo (or be broken
/// by) a change made here, so the inventory skips them with a reason.
/// </summary>
internal static class ServiceManaged
{
    /// <summary>The prefix of the tags AKS puts on its node pools' scale sets (<c>aks-managed-poolName</c>, …).</summary>
    public const string AksTagPrefix = "aks-managed-";

    /// <summary>The prefix of AKS's default node resource group name (<c>MC_{group}_{cluster}_{region}</c>).</summary>
    public const string AksNodeGroupPrefix = "MC_";

    /// <summary>
    /// Why <paramref name="resource"/> (its inventory <paramref name="row"/>) is managed by another resource, or null. In order:
    /// <list type="number">
    /// <item>any kind — the published contract: the ARM envelope's top-level <c>managedBy</c>, "Indicates if this resource is managed by
    /// another azure resource" (conventions/arm-rpc/resource-api-reference.md, resource envelope field table);</item>
    /// <item>a VM — <c>properties.virtualMachineScaleSet.id</c>, the scale set the VM was created in (virtualMachines 2023-07-01:
    /// "a VM can only be added to virtual machine scale set at creation time"): a Flexible scale set's instance, whose size the
    /// set's model and the scale set advisor own;</item>
    /// <item><b>heuristic</b> (AKS's practice, not in the published contract): a tag key starting with <c>aks-managed-</c>;</item>
    /// <item><b>heuristic</b>: a resource group named <c>MC_*</c>, AKS's default node resource group (a user may name a group so,
    /// and AKS allows a custom node group name, so this can both over- and under-match).</item>
    /// </list>
    /// The heuristics apply to scale sets only.
    /// </summary>
    public static string? Reason(ResourceRef resource, JsonNode row)
    {
        if (row["managedBy"] is JsonValue value && value.TryGetValue<string>(out var owner) && !string.IsNullOrWhiteSpace(owner))
        {
            return $"{resource.Id} is service-managed: managedBy {owner} (ARM managedBy), so its size and capacity are that resource's to change";
        }

        if (resource.Kind == ResourceKind.VirtualMachine
            && row["properties"]?["virtualMachineScaleSet"]?["id"] is JsonValue set && set.TryGetValue<string>(out var setId) && !string.IsNullOrWhiteSpace(setId))
        {
            return $"{resource.Id} is an instance of scale set {setId} (properties.virtualMachineScaleSet), whose model owns its size: change the scale set instead";
        }

        if (resource.Kind != ResourceKind.ScaleSet)
        {
            return null;
        }

        var aksTag = resource.Tags.Keys.FirstOrDefault(k => k.StartsWith(AksTagPrefix, StringComparison.OrdinalIgnoreCase));
        if (aksTag is not null)
        {
            return $"{resource.Id} is service-managed: tag '{aksTag}' marks an AKS node pool (heuristic), whose size and capacity AKS controls";
        }

        return resource.ResourceGroup.StartsWith(AksNodeGroupPrefix, StringComparison.OrdinalIgnoreCase)
            ? $"{resource.Id} is service-managed: resource group '{resource.ResourceGroup}' is named like an AKS node resource group (MC_*, heuristic), whose scale sets AKS controls"
            : null;
    }
}
