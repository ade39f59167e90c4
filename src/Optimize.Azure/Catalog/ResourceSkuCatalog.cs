using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Core;
using Optimize.Azure.Http;
using Optimize.Catalog;
using Optimize.Model;

namespace Optimize.Azure.Catalog;

/// <summary>
/// VM sizes per region from <c>GET /subscriptions/{sub}/providers/Microsoft.Compute/skus?api-version=2021-07-01&amp;$filter=location eq '{region}'</c>
/// (ResourceSkus_List), loaded once by <see cref="LoadAsync"/>; sizes restricted for the subscription in a region are not candidates there.
/// Everything it lacks (other kinds, unknown sizes) comes from the fallback catalog. Would be replaced by Azure.ResourceManager.Compute
/// (<c>SubscriptionResource.GetComputeResourceSkusAsync</c>). Action: <see cref="ArmActions.ComputeSkusRead"/>.
/// </summary>
public sealed partial class ResourceSkuCatalog : ISkuCatalog
{
    /// <summary>Resource SKUs api-version.</summary>
    public const string ApiVersion = "2021-07-01";

    private readonly Dictionary<string, SkuSpec> _byName;
    private readonly Dictionary<string, List<SkuSpec>> _byRegion;
    private readonly ISkuCatalog _fallback;
    private readonly HashSet<string> _loadedRegions;

    private ResourceSkuCatalog(Dictionary<string, SkuSpec> byName, Dictionary<string, List<SkuSpec>> byRegion, ISkuCatalog fallback, HashSet<string> loadedRegions)
    {
        _byName = byName;
        _byRegion = byRegion;
        _fallback = fallback;
        _loadedRegions = loadedRegions;
    }

    /// <summary>The regions this catalog was loaded for (normalized, <c>westus</c>).</summary>
    internal IReadOnlyCollection<string> LoadedRegions => _loadedRegions;

    /// <summary>
    /// The VM size names offered (listed and not location-restricted) in <paramref name="region"/>, or null when the region was not
    /// loaded (nothing is known about it). Zone restrictions are not considered.
    /// </summary>
    internal IReadOnlySet<string>? SizesIn(string region)
    {
        var key = ResourceIds.Region(region);
        if (!_loadedRegions.Contains(key))
        {
            return null;
        }

        return _byRegion.TryGetValue(key, out var list)
            ? list.Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Number of VM sizes read from Azure.</summary>
    public int Count => _byName.Count;

    /// <inheritdoc />
    public SkuSpec? Find(ResourceKind kind, string name)
    {
        if (kind is ResourceKind.VirtualMachine or ResourceKind.ScaleSet && _byName.TryGetValue(name, out var spec))
        {
            return spec;
        }

        return _fallback.Find(kind, name);
    }

    /// <inheritdoc />
    public IReadOnlyList<SkuSpec> Candidates(ResourceKind kind, string region)
    {
        var fallback = _fallback.Candidates(kind, region);
        if (kind is not (ResourceKind.VirtualMachine or ResourceKind.ScaleSet) || !_byRegion.TryGetValue(region.ToLowerInvariant(), out var loaded))
        {
            return fallback;
        }

        return [.. loaded.Concat(fallback.Where(f => !_byName.ContainsKey(f.Name)))
            .DistinctBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .OrderBy(s => s.VCpus).ThenBy(s => s.MemoryGb).ThenBy(s => s.Name, StringComparer.Ordinal)];
    }

    /// <summary>Loads the VM sizes of <paramref name="regions"/> (one call per region, following nextLink).</summary>
    /// <exception cref="AzureCallException">The call failed beyond its retries (403 names <see cref="ArmActions.ComputeSkusRead"/>).</exception>
    internal static async Task<ResourceSkuCatalog> LoadAsync(
        AzureHttp http, string subscriptionId, IEnumerable<string> regions, ISkuCatalog fallback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        var byName = new Dictionary<string, SkuSpec>(StringComparer.OrdinalIgnoreCase);
        var byRegion = new Dictionary<string, List<SkuSpec>>(StringComparer.OrdinalIgnoreCase);
        var loaded = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var region in regions.Select(ResourceIds.Region).Distinct())
        {
            var filter = Uri.EscapeDataString($"location eq '{region}'");
            Uri? next = new($"{http.Options.ArmEndpoint.AbsoluteUri.TrimEnd('/')}/subscriptions/{subscriptionId}/providers/Microsoft.Compute/skus?api-version={ApiVersion}&$filter={filter}");
            while (next is not null)
            {
                var response = await http.SendAsync(RequestMethod.Get, next, null, "GET Microsoft.Compute/skus", ArmActions.ComputeSkusRead, cancellationToken).ConfigureAwait(false);
                foreach (var (spec, locations) in Project(response.Json?["value"] as JsonArray ?? []))
                {
                    byName.TryAdd(spec.Name, spec);
                    foreach (var location in locations)
                    {
                        if (!byRegion.TryGetValue(location, out var list))
                        {
                            byRegion[location] = list = [];
                        }

                        list.Add(spec);
                    }
                }

                var link = response.Json?["nextLink"]?.GetValue<string>();
                next = string.IsNullOrEmpty(link) ? null : new Uri(link);
            }

            loaded.Add(region);
        }

        return new ResourceSkuCatalog(byName, byRegion, fallback, loaded);
    }

    /// <summary>VM sizes of a ResourceSkus_List page with the regions where they are not restricted.</summary>
    internal static IEnumerable<(SkuSpec Spec, IReadOnlyList<string> Locations)> Project(JsonArray value)
    {
        foreach (var sku in value.OfType<JsonNode>())
        {
            if (!string.Equals(sku["resourceType"]?.GetValue<string>(), "virtualMachines", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = sku["name"]?.GetValue<string>();
            var caps = (sku["capabilities"] as JsonArray ?? []).OfType<JsonNode>()
                .Where(c => c["name"] is not null)
                .GroupBy(c => c["name"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First()["value"]?.GetValue<string>() ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            if (name is null || !caps.TryGetValue("vCPUs", out var cpus) || !caps.TryGetValue("MemoryGB", out var memory))
            {
                continue;
            }

            var restricted = (sku["restrictions"] as JsonArray ?? []).OfType<JsonNode>()
                .Where(r => r["type"]?.GetValue<string>() == "Location")
                .SelectMany(r => r["values"] as JsonArray ?? []).Select(v => v!.GetValue<string>().ToLowerInvariant()).ToHashSet();
            var locations = (sku["locations"] as JsonArray ?? []).Select(l => l!.GetValue<string>().ToLowerInvariant()).Where(l => !restricted.Contains(l)).ToArray();
            var spec = new SkuSpec(
                name,
                ResourceKind.VirtualMachine,
                FamilyOf(name, sku["family"]?.GetValue<string>()),
                double.Parse(cpus, CultureInfo.InvariantCulture),
                double.Parse(memory, CultureInfo.InvariantCulture),
                Tier: sku["tier"]?.GetValue<string>() ?? string.Empty,
                PremiumIo: Flag(caps, "PremiumIO"),
                AcceleratedNetworking: Flag(caps, "AcceleratedNetworkingEnabled"),
                HyperVGenerations: caps.GetValueOrDefault("HyperVGenerations", "V1"));
            yield return (spec, locations);
        }
    }

    /// <summary>
    /// Compatibility family from the size name: <c>Standard_D4s_v5</c> → <c>Dsv5</c>, <c>Standard_A0</c> → <c>A</c>; else the Azure family.
    /// The series, the hardware-feature letters (a AMD, b block-storage performance, d local disk, i isolated, p Arm, s premium
    /// storage) and the version make the class. The memory-ratio letters (l low memory, m memory intensive, t tiny memory) are
    /// left out: they select less or more memory on the same hardware, which is exactly what right-sizing moves between. Azure's
    /// own quota families agree for the burstable series: <c>Standard_B2s</c> and <c>Standard_B2ms</c> are both <c>standardBSFamily</c>.
    /// </summary>
    internal static string FamilyOf(string name, string? azureFamily)
    {
        var m = SizeName().Match(name);
        if (!m.Success)
        {
            return azureFamily ?? name;
        }

        var features = string.Concat(m.Groups["features"].Value.Where(c => c is not ('l' or 'm' or 't')));
        return $"{m.Groups["series"].Value}{features}{(m.Groups["version"].Success ? "v" + m.Groups["version"].Value : string.Empty)}";
    }

    private static bool Flag(Dictionary<string, string> caps, string name) =>
        caps.TryGetValue(name, out var v) && v.Equals("True", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^(Standard|Basic)_(?<series>[A-Z]+)\d+(-\d+)?(?<features>[a-z]*)(_[A-Za-z]*?v(?<version>\d+))?", RegexOptions.CultureInvariant)]
    private static partial Regex SizeName();
}
