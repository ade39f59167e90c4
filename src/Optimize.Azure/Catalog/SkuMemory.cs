using Optimize.Catalog;
using Optimize.Model;

namespace Optimize.Azure.Catalog;

/// <summary>
/// The memory of VM sizes for the metrics reader's scale set memory percentage: reference data about sizes (Resource SKUs'
/// <c>MemoryGB</c>), not per-resource state. Serves the catalog <see cref="AzureEngine.LoadCatalogAsync"/> loaded last, and
/// the built-in catalog before any load. Thread-safe.
/// </summary>
internal sealed class SkuMemory
{
    private volatile ISkuCatalog _catalog = BuiltInCatalog.Default;

    /// <summary>Serves <paramref name="catalog"/> from now on.</summary>
    public void Remember(ISkuCatalog catalog) => _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));

    /// <summary>Memory (GB) of VM size <paramref name="sku"/>; null when neither the loaded nor the built-in catalog knows it.</summary>
    public double? GbOf(string sku) =>
        (_catalog.Find(ResourceKind.VirtualMachine, sku) ?? BuiltInCatalog.Default.Find(ResourceKind.VirtualMachine, sku))?.MemoryGb;
}
