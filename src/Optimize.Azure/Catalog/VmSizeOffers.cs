using System.Collections.Concurrent;
using Optimize.Azure.Http;
using Optimize.Catalog;
using Optimize.Model;

namespace Optimize.Azure.Catalog;

/// <summary>
/// Which VM sizes a subscription may deploy in a region, from the <c>Microsoft.Compute/skus</c> catalog: reuses what
/// <see cref="AzureEngine.LoadCatalogAsync"/> loaded (<see cref="Remember"/>), otherwise loads the one region through
/// <see cref="ResourceSkuCatalog.LoadAsync"/> on first use and keeps it for the process. Failed loads are not kept.
/// Used before a deallocating resize so a VM is never deallocated for a size that cannot be applied. Action: <see cref="ArmActions.ComputeSkusRead"/>.
/// </summary>
internal sealed class VmSizeOffers(AzureHttp arm)
{
    private readonly ConcurrentDictionary<(string Subscription, string Region), IReadOnlySet<string>> _sizes = new();

    /// <summary>Keeps the regions of a catalog loaded for <paramref name="subscriptionId"/>.</summary>
    public void Remember(string subscriptionId, ResourceSkuCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var region in catalog.LoadedRegions)
        {
            _sizes[(subscriptionId.ToLowerInvariant(), region)] = catalog.SizesIn(region)!;
        }
    }

    /// <summary>Whether <paramref name="size"/> is listed and not location-restricted in <paramref name="region"/>.</summary>
    /// <exception cref="AzureCallException">The SKU list failed beyond its retries (403 names <see cref="ArmActions.ComputeSkusRead"/>).</exception>
    public async Task<bool> IsOfferedAsync(string subscriptionId, string region, string size, CancellationToken cancellationToken)
    {
        var key = (subscriptionId.ToLowerInvariant(), ResourceIds.Region(region));
        if (!_sizes.TryGetValue(key, out var sizes))
        {
            var catalog = await ResourceSkuCatalog.LoadAsync(arm, subscriptionId, [region], NoFallback.Instance, cancellationToken).ConfigureAwait(false);
            sizes = _sizes.GetOrAdd(key, catalog.SizesIn(key.Item2)!);
        }

        return sizes.Contains(size);
    }

    /// <summary>An empty fallback: only the loaded SKU names are consulted here.</summary>
    private sealed class NoFallback : ISkuCatalog
    {
        public static readonly NoFallback Instance = new();

        public SkuSpec? Find(ResourceKind kind, string name) => null;

        public IReadOnlyList<SkuSpec> Candidates(ResourceKind kind, string region) => [];
    }
}
