namespace Optimize.Azure.Alerts;

/// <summary>
/// Puts resource ids from alert payloads (often lower-cased: <c>/resourcegroups/…/microsoft.compute/virtualmachines/…</c>) into the
/// ARM spelling Optimize uses: fixed segments, and provider namespaces and types Optimize knows. Names are kept as sent.
/// </summary>
internal static class ArmIdNormalizer
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["subscriptions"] = "subscriptions",
        ["resourcegroups"] = "resourceGroups",
        ["providers"] = "providers",
        ["microsoft.compute"] = "Microsoft.Compute",
        ["virtualmachines"] = "virtualMachines",
        ["virtualmachinescalesets"] = "virtualMachineScaleSets",
        ["microsoft.web"] = "Microsoft.Web",
        ["sites"] = "sites",
        ["serverfarms"] = "serverfarms",
        ["microsoft.insights"] = "Microsoft.Insights",
        ["autoscalesettings"] = "autoscalesettings",
        ["microsoft.storage"] = "Microsoft.Storage",
        ["storageaccounts"] = "storageAccounts",
    };

    /// <summary>The normalized id, or null when <paramref name="id"/> is not an ARM resource id.</summary>
    public static string? Normalize(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var parts = id.Trim().Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 8 || !parts[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase)
            || !parts[2].Equals("resourcegroups", StringComparison.OrdinalIgnoreCase) || !parts[4].Equals("providers", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            // Even positions from 4 on are namespaces/types (…/providers/{ns}/{type}/{name}/{childType}/{childName}); odd positions before are values.
            var isKeyword = i is 0 or 2 or 4 || (i >= 5 && (i == 5 || (i - 6) % 2 == 0));
            if (isKeyword && Known.TryGetValue(parts[i], out var spelled))
            {
                parts[i] = spelled;
            }
        }

        return "/" + string.Join('/', parts);
    }
}
