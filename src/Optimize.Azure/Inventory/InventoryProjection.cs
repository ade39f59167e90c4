using System.Text.Json.Nodes;
using Optimize.Azure.Configuration;
using Optimize.Model;

namespace Optimize.Azure.Inventory;

/// <summary>Projects one ARM-shaped resource (from Resource Graph or an ARM list call) into an <see cref="InventoryItem"/>.</summary>
internal static class InventoryProjection
{
    /// <summary>ARM type (lower case) of each kind.</summary>
    public static IReadOnlyDictionary<ResourceKind, string> Types { get; } = new Dictionary<ResourceKind, string>
    {
        [ResourceKind.FunctionApp] = "microsoft.web/sites",
        [ResourceKind.AppServicePlan] = "microsoft.web/serverfarms",
        [ResourceKind.VirtualMachine] = "microsoft.compute/virtualmachines",
        [ResourceKind.ScaleSet] = "microsoft.compute/virtualmachinescalesets",
        [ResourceKind.AutoscaleSetting] = "microsoft.insights/autoscalesettings",
    };

    /// <summary>The kind of an ARM type, or null for other types.</summary>
    public static ResourceKind? KindOf(string? type)
    {
        foreach (var (kind, t) in Types)
        {
            if (string.Equals(t, type, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>
    /// True for a Function App on Flex Consumption: <c>functionAppConfig</c> present (only Flex apps have it), or kind contains
    /// functionapp and <c>properties.sku</c> is FlexConsumption.
    /// </summary>
    public static bool IsFlexFunctionApp(JsonNode row)
    {
        var kind = row["kind"]?.GetValue<string>() ?? string.Empty;
        var properties = row["properties"];
        return properties?["functionAppConfig"] is JsonObject
            || (kind.Contains("functionapp", StringComparison.OrdinalIgnoreCase)
                && string.Equals(properties?["sku"]?.GetValue<string>(), "FlexConsumption", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The item, or null with a reason when the row is not in scope or its configuration is absent (a Flex app whose
    /// functionAppConfig the source omits returns a reference with a null config: the caller reads it directly).
    /// </summary>
    public static (ResourceRef? Resource, ResourceConfig? Config, string? Skipped) Project(JsonNode row)
    {
        var id = row["id"]?.GetValue<string>();
        var kind = KindOf(row["type"]?.GetValue<string>());
        var location = row["location"]?.GetValue<string>();
        if (id is null || kind is null || string.IsNullOrEmpty(location))
        {
            return (null, null, $"row without id, known type or location ({id ?? "?"})");
        }

        if (kind == ResourceKind.FunctionApp && !IsFlexFunctionApp(row))
        {
            return (null, null, $"{id} is not a Flex Consumption function app");
        }

        var tags = (row["tags"] as JsonObject)?
            .Where(t => t.Value is JsonValue)
            .ToDictionary(t => t.Key, t => t.Value!.ToString(), StringComparer.OrdinalIgnoreCase) ?? [];
        var resource = new ResourceRef(id, kind.Value, location.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant(), tags);
        try
        {
            ResourceConfig? config = kind switch
            {
                ResourceKind.FunctionApp => FunctionAppConfigurationClient.Project(row),
                ResourceKind.AppServicePlan => AppServicePlanConfigurationClient.Project(row),
                ResourceKind.VirtualMachine => new VmConfig(row["properties"]?["hardwareProfile"]?["vmSize"]?.GetValue<string>()
                    ?? throw new FormatException("no properties.hardwareProfile.vmSize")),
                ResourceKind.ScaleSet => new ScaleSetConfig(
                    row["sku"]?["name"]?.GetValue<string>() ?? throw new FormatException("no sku.name"),
                    (int)(row["sku"]?["capacity"]?.GetValue<long>() ?? 0)),
                _ => AutoscaleConfigurationClient.Project(row),
            };
            return (resource, config, null);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException)
        {
            return (null, null, $"{id}: configuration unreadable ({ex.Message})");
        }
    }
}
