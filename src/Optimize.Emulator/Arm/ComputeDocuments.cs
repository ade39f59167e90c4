using System.Text.Json.Nodes;
using Optimize.Model;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Workloads;

namespace Optimize.Emulator.Arm;

/// <summary>
/// The ARM document of a virtual machine (specs/Microsoft.Compute.virtualMachines.2023-07-01.json, <c>VirtualMachine</c>):
/// the properties the simulator does not model are fixed at first sight; <c>hardwareProfile.vmSize</c> is the size in effect.
/// </summary>
internal sealed class VmDocumentShape : IDocumentShape
{
    /// <inheritdoc />
    public JsonObject Create(SimulatedResource resource, ResourceConfig config)
    {
        var r = resource.Resource;
        var document = ComputeDocuments.Envelope(resource, "Microsoft.Compute/virtualMachines");
        document["properties"] = new JsonObject
        {
            ["vmId"] = ComputeDocuments.UniqueId(resource),
            ["hardwareProfile"] = new JsonObject { ["vmSize"] = ((VmConfig)config).Size },
            ["storageProfile"] = ComputeDocuments.StorageProfile(resource, $"{r.Name}_OsDisk"),
            ["osProfile"] = new JsonObject { ["computerName"] = r.Name, ["adminUsername"] = "azureuser" },
            ["networkProfile"] = new JsonObject
            {
                ["networkInterfaces"] = new JsonArray(new JsonObject
                {
                    ["id"] = $"/subscriptions/{r.SubscriptionId}/resourceGroups/{r.ResourceGroup}/providers/Microsoft.Network/networkInterfaces/{r.Name}-nic",
                }),
            },
            ["provisioningState"] = "Succeeded",
            ["timeCreated"] = "2026-01-05T09:00:00Z",
        };
        return document;
    }

    /// <inheritdoc />
    public void Project(JsonObject document, SimulatedResource resource, ResourceConfig config) =>
        ComputeDocuments.Child(ComputeDocuments.Child(document, "properties"), "hardwareProfile")["vmSize"] = ((VmConfig)config).Size;
}

/// <summary>
/// The ARM document of a Uniform scale set (specs/Microsoft.Compute.virtualMachineScaleSets.2023-07-01.json,
/// <c>VirtualMachineScaleSet</c>): <c>sku</c> is the model (the pending SKU while a Manual upgrade is incomplete), its
/// capacity the fleet's; <c>upgradePolicy.mode</c> from <see cref="ComputeState.ModeOf"/>.
/// </summary>
internal sealed class ScaleSetDocumentShape(ComputeState state) : IDocumentShape
{
    /// <inheritdoc />
    public JsonObject Create(SimulatedResource resource, ResourceConfig config)
    {
        var ss = (ScaleSetConfig)config;
        var document = ComputeDocuments.Envelope(resource, "Microsoft.Compute/virtualMachineScaleSets");
        document["sku"] = new JsonObject { ["name"] = ss.Sku, ["tier"] = "Standard", ["capacity"] = ss.Capacity };
        document["properties"] = new JsonObject
        {
            ["upgradePolicy"] = new JsonObject { ["mode"] = state.ModeOf(resource).ToString() },
            ["orchestrationMode"] = "Uniform",
            ["singlePlacementGroup"] = true,
            ["overprovision"] = false,
            ["uniqueId"] = ComputeDocuments.UniqueId(resource),
            ["virtualMachineProfile"] = new JsonObject
            {
                ["storageProfile"] = ComputeDocuments.StorageProfile(resource, null),
                ["osProfile"] = new JsonObject { ["computerNamePrefix"] = resource.Resource.Name, ["adminUsername"] = "azureuser" },
            },
            ["provisioningState"] = "Succeeded",
            ["timeCreated"] = "2026-01-05T09:00:00Z",
        };
        return document;
    }

    /// <inheritdoc />
    public void Project(JsonObject document, SimulatedResource resource, ResourceConfig config)
    {
        var ss = (ScaleSetConfig)config;
        var sku = ComputeDocuments.Child(document, "sku");
        sku["name"] = state.PendingSku(resource) ?? ss.Sku;
        sku["capacity"] = ss.Capacity;
    }
}

/// <summary>Pieces both compute documents share.</summary>
internal static class ComputeDocuments
{
    /// <summary>id, name, type, location and tags of <paramref name="resource"/>.</summary>
    public static JsonObject Envelope(SimulatedResource resource, string type)
    {
        var r = resource.Resource;
        var tags = new JsonObject();
        foreach (var (key, value) in r.Tags)
        {
            tags[key] = value;
        }

        return new JsonObject { ["id"] = r.Id, ["name"] = r.Name, ["type"] = type, ["location"] = r.Location, ["tags"] = tags };
    }

    /// <summary>A stable GUID for the resource (vmId, uniqueId), from the fleet's index.</summary>
    public static string UniqueId(SimulatedResource resource)
    {
        var a = DeterministicRandom.Hash(0x0e1u, resource.Index);
        var b = DeterministicRandom.Hash(0x0e2u, resource.Index);
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, a);
        BitConverter.TryWriteBytes(bytes[8..], b);
        return new Guid(bytes).ToString();
    }

    /// <summary>A managed OS disk of the resource's OS.</summary>
    public static JsonObject StorageProfile(SimulatedResource resource, string? diskName)
    {
        var osDisk = new JsonObject
        {
            ["osType"] = resource.Resource.Os == OsFamily.Windows ? "Windows" : "Linux",
            ["createOption"] = "FromImage",
            ["caching"] = "ReadWrite",
            ["managedDisk"] = new JsonObject { ["storageAccountType"] = "Premium_LRS" },
            ["diskSizeGB"] = 30,
        };
        if (diskName is not null)
        {
            osDisk["name"] = diskName;
        }

        return new JsonObject { ["osDisk"] = osDisk };
    }

    /// <summary>The object member <paramref name="name"/> of <paramref name="parent"/>, created (or replacing a non-object) when missing.</summary>
    public static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject child)
        {
            return child;
        }

        var created = new JsonObject();
        parent[name] = created;
        return created;
    }
}
