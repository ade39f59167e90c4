using Optimize.Catalog;
using Optimize.Ports;
using Optimize.Pricing;

namespace Optimize.Azure;

/// <summary>The engine's ports implemented on Azure (see <see cref="AzureAdapters.Create"/>).</summary>
public sealed class AzureEngine
{
    private readonly Func<string, IEnumerable<string>, ISkuCatalog, CancellationToken, Task<ISkuCatalog>> _loadCatalog;

    internal AzureEngine(
        IInventory inventory,
        IMetricsReader metrics,
        IConfigurationClient configuration,
        IPriceBook prices,
        Func<string, IEnumerable<string>, ISkuCatalog, CancellationToken, Task<ISkuCatalog>> loadCatalog)
    {
        Inventory = inventory;
        Metrics = metrics;
        Configuration = configuration;
        Prices = prices;
        _loadCatalog = loadCatalog;
    }

    /// <summary>Resource Graph inventory, falling back to ARM list calls on 403.</summary>
    public IInventory Inventory { get; }

    /// <summary>Azure Monitor metrics (batch API, 50 resources per call).</summary>
    public IMetricsReader Metrics { get; }

    /// <summary>Per-kind configuration clients behind one router.</summary>
    public IConfigurationClient Configuration { get; }

    /// <summary>Retail Prices API, cached per (region, service).</summary>
    public IPriceBook Prices { get; }

    /// <summary>
    /// Loads the VM sizes of <paramref name="regions"/> from Microsoft.Compute/skus for <paramref name="subscriptionId"/>, falling back to
    /// <paramref name="fallback"/> (the built-in catalog) for other kinds and sizes Azure does not list.
    /// </summary>
    /// <exception cref="Http.AzureCallException">The SKU list failed beyond its retries.</exception>
    public Task<ISkuCatalog> LoadCatalogAsync(string subscriptionId, IEnumerable<string> regions, ISkuCatalog fallback, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriptionId);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(fallback);
        return _loadCatalog(subscriptionId, regions, fallback, cancellationToken);
    }
}
