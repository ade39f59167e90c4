using System.Text.Json.Nodes;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Graph;

/// <summary>
/// The <c>resources</c> table row of a fleet resource as Resource Graph returns it: the ARM document (as GET returns it, from
/// <see cref="EmulatorWorld.Documents"/>) with <c>type</c> and <c>resourceGroup</c> in lower case and the table's other columns
/// (<c>tenantId</c>, <c>resourceGroup</c>, <c>subscriptionId</c>, <c>managedBy</c>, <c>plan</c>, <c>identity</c>, <c>zones</c>,
/// <c>extendedLocation</c>) added. Every kind's document shape is registered by its ARM endpoints, so a row and a GET agree.
/// </summary>
internal static class GraphRows
{
    /// <summary>The emulator's single tenant.</summary>
    public const string TenantId = "72f988bf-0000-4000-8000-0000e0ee0000";

    /// <summary>The row of <paramref name="resource"/> at the emulator's now.</summary>
    public static JsonObject Row(EmulatorWorld world, SimulatedResource resource)
    {
        var document = world.Documents.Read(resource).Document;

        var r = resource.Resource;
        var row = new JsonObject();
        foreach (var column in GraphQuery.Columns)
        {
            row[column] = column switch
            {
                "type" => (document["type"]?.GetValue<string>() ?? string.Empty).ToLowerInvariant(),
                "tenantId" => TenantId,
                "resourceGroup" => r.ResourceGroup.ToLowerInvariant(),
                "subscriptionId" => r.SubscriptionId,
                "managedBy" => document["managedBy"]?.DeepClone() ?? string.Empty,
                "kind" => document["kind"]?.DeepClone() ?? string.Empty,
                "tags" => document["tags"]?.DeepClone() ?? new JsonObject(),
                _ => document[column]?.DeepClone(),
            };
        }

        return row;
    }
}
