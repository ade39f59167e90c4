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
    /// Whose meters price the row. App Service plans: Linux when <c>kind</c> contains <c>linux</c> or <c>properties.reserved</c> is
    /// true, Windows otherwise (ARM's default). VMs (<c>properties</c>) and scale sets (<c>properties.virtualMachineProfile</c>):
    /// Windows when <c>storageProfile.osDisk.osType</c> is Windows (or, without it, an <c>osProfile.windowsConfiguration</c> is
    /// present), unless <c>licenseType</c> is <c>Windows_Server</c>/<c>Windows_Client</c> (Azure Hybrid Benefit: the base, Linux,
    /// rate); Linux otherwise. Flex Consumption apps are Linux only.
    /// </summary>
    public static OsFamily OsOf(ResourceKind kind, JsonNode row)
    {
        var properties = row["properties"];
        switch (kind)
        {
            case ResourceKind.AppServicePlan:
                var linux = (Text(row["kind"]) ?? string.Empty).Contains("linux", StringComparison.OrdinalIgnoreCase)
                    || (properties?["reserved"] is JsonValue r && r.TryGetValue<bool>(out var reserved) && reserved);
                return linux ? OsFamily.Linux : OsFamily.Windows;
            case ResourceKind.VirtualMachine or ResourceKind.ScaleSet:
                var profile = kind == ResourceKind.ScaleSet ? properties?["virtualMachineProfile"] : properties;
                var osType = Text(profile?["storageProfile"]?["osDisk"]?["osType"]);
                var windows = osType is null ? profile?["osProfile"]?["windowsConfiguration"] is JsonObject : osType.Equals("Windows", StringComparison.OrdinalIgnoreCase);
                var hybridBenefit = Text(profile?["licenseType"]) is "Windows_Server" or "Windows_Client";
                return windows && !hybridBenefit ? OsFamily.Windows : OsFamily.Linux;
            default:
                return OsFamily.Linux;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>
    /// The item, or null with a reason when the row is not in scope (including a service-managed scale set,
    /// <see cref="ServiceManaged"/>) or its configuration is absent (a Flex app whose
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
        var resource = new ResourceRef(id, kind.Value, location.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant(), tags)
        {
            Os = OsOf(kind.Value, row),
            CpuRuleSource = kind == ResourceKind.AutoscaleSetting ? AutoscaleConfigurationClient.CpuRuleSource(row) : null,
        };
        if (ServiceManaged.Reason(resource, row) is { } managed)
        {
            return (null, null, managed);
        }

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
