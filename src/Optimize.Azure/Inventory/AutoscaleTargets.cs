using System.Text.Json.Nodes;
using Optimize.Model;

namespace Optimize.Azure.Inventory;

/// <summary>
/// Which resources an enabled autoscale setting controls, from autoscale setting rows (Resource Graph or ARM list): a setting's
/// <c>properties.targetResourceUri</c> names its target, and <c>properties.enabled</c> (published default false, specs/NOTES.md (b))
/// must be true. Filled onto the scale set's or plan's <see cref="ResourceRef.AutoscaledBy"/>, so its advisor leaves the capacity
/// to autoscale.
/// </summary>
internal sealed class AutoscaleTargets
{
    private readonly Dictionary<string, string> _settingByTarget = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The KQL query listing the autoscale settings of the subscriptions (any group: a setting may sit apart from its target).</summary>
    public const string Query = "resources | where type =~ 'microsoft.insights/autoscalesettings' | project id, properties";

    /// <summary>Adds a setting row; disabled settings and rows without an id or target are ignored.</summary>
    public void Add(JsonNode row)
    {
        var id = Text(row["id"]);
        var target = Text(row["properties"]?["targetResourceUri"]);
        var enabled = row["properties"]?["enabled"] is JsonValue v && v.TryGetValue<bool>(out var e) && e;
        if (enabled && !string.IsNullOrEmpty(id) && !string.IsNullOrEmpty(target))
        {
            _settingByTarget.TryAdd(target, id);
        }
    }

    /// <summary>The item with <see cref="ResourceRef.AutoscaledBy"/> set when it is a scale set or plan an enabled setting targets.</summary>
    public InventoryItem Apply(InventoryItem item) =>
        item.Resource.Kind is ResourceKind.ScaleSet or ResourceKind.AppServicePlan && _settingByTarget.TryGetValue(item.Resource.Id, out var setting)
            ? new InventoryItem(item.Resource with { AutoscaledBy = setting }, item.Config)
            : item;

    /// <summary>Whether a scope listing <paramref name="kinds"/> (empty: all) needs the settings.</summary>
    public static bool Needed(IReadOnlyCollection<ResourceKind> kinds) =>
        kinds.Count == 0 || kinds.Contains(ResourceKind.ScaleSet) || kinds.Contains(ResourceKind.AppServicePlan);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
