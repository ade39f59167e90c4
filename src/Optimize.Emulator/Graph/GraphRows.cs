using System.Text.Json.Nodes;
using Optimize.Emulator.Arm;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Graph;

/// <summary>
/// The <c>resources</c> table row of a fleet resource as Resource Graph returns it: the ARM document (as GET returns it, from
/// <see cref="EmulatorWorld.Documents"/>) with <c>type</c> and <c>resourceGroup</c> in lower case and the table's other columns
/// (<c>tenantId</c>, <c>resourceGroup</c>, <c>subscriptionId</c>, <c>managedBy</c>, <c>plan</c>, <c>identity</c>, <c>zones</c>,
/// <c>extendedLocation</c>) added. Every kind's document shape is registered by its ARM endpoints, so a row and a GET agree. The web
/// apps hosted on the fleet's plans (not fleet resources) have rows too, so a sites query sees each plan's sites.
/// </summary>
internal static class GraphRows
{
    /// <summary>The emulator's single tenant.</summary>
    public const string TenantId = "72f988bf-0000-4000-8000-0000e0ee0000";

    /// <summary>The row of <paramref name="resource"/> at the emulator's now.</summary>
    public static JsonObject Row(EmulatorWorld world, SimulatedResource resource) =>
        RowOf(world.Documents.Read(resource).Document, resource.Resource);

    /// <summary>The rows of the sites hosted on <paramref name="resource"/> when it is a plan (<see cref="SimulatedFleet.HostedSites"/>;
    /// <see cref="HostedSiteDocument"/>), none otherwise.</summary>
    public static IEnumerable<JsonObject> HostedSiteRows(EmulatorWorld world, SimulatedResource resource) =>
        world.Fleet.HostedSites(resource).Select(id => RowOf(HostedSiteDocument.Create(resource, id), resource.Resource));

    /// <summary>The table row of an ARM document; <paramref name="scope"/> gives its subscription and resource group.</summary>
    private static JsonObject RowOf(JsonObject document, ResourceRef scope)
    {
        var row = new JsonObject();
        foreach (var column in GraphQuery.Columns)
        {
            row[column] = column switch
            {
                "type" => (document["type"]?.GetValue<string>() ?? string.Empty).ToLowerInvariant(),
                "tenantId" => TenantId,
                "resourceGroup" => scope.ResourceGroup.ToLowerInvariant(),
                "subscriptionId" => scope.SubscriptionId,
                "managedBy" => document["managedBy"]?.DeepClone() ?? string.Empty,
                "kind" => document["kind"]?.DeepClone() ?? string.Empty,
                "tags" => document["tags"]?.DeepClone() ?? new JsonObject(),
                _ => document[column]?.DeepClone(),
            };
        }

        return row;
    }
}
