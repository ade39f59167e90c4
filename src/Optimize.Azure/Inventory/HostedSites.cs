using System.Text.Json.Nodes;
using Optimize.Model;

namespace Optimize.Azure.Inventory;

/// <summary>
/// Which sites each App Service plan hosts, from site rows (Resource Graph or ARM list): a site's <c>properties.serverFarmId</c> names
/// its plan. Filled onto the plan's <see cref="ResourceRef.HostedSites"/>, so the metrics reader reads the plan's latency and errors
/// from its sites with nothing remembered in process.
/// </summary>
internal sealed class HostedSites
{
    private readonly Dictionary<string, List<string>> _byPlan = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds a site row; rows without an id or a <c>serverFarmId</c> are ignored.</summary>
    public void Add(JsonNode row)
    {
        var id = Text(row["id"]);
        var plan = Text(row["properties"]?["serverFarmId"]);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(plan))
        {
            return;
        }

        if (!_byPlan.TryGetValue(plan, out var sites))
        {
            _byPlan[plan] = sites = [];
        }

        if (!sites.Contains(id, StringComparer.OrdinalIgnoreCase))
        {
            sites.Add(id);
        }
    }

    /// <summary>The item with its plan's hosted sites set (other kinds unchanged).</summary>
    public InventoryItem Apply(InventoryItem item) =>
        item.Resource.Kind == ResourceKind.AppServicePlan
            ? new InventoryItem(item.Resource with { HostedSites = _byPlan.TryGetValue(item.Resource.Id, out var sites) ? [.. sites] : [] }, item.Config)
            : item;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
