using Optimize.Catalog;
using Optimize.Journal;
using Optimize.Ports;
using Optimize.Pricing;

namespace Optimize.Engine;

/// <summary>The ports one pass uses. The simulator and the Azure adapters each provide a full set.</summary>
/// <param name="Inventory">Lists resources.</param>
/// <param name="Metrics">Reads metric series.</param>
/// <param name="Catalog">Sizes and SKUs.</param>
/// <param name="Prices">Retail prices.</param>
/// <param name="Passes">Pass journal.</param>
/// <param name="Changes">Change journal.</param>
public sealed record PassPorts(
    IInventory Inventory,
    IMetricsReader Metrics,
    ISkuCatalog Catalog,
    IPriceBook Prices,
    IPassJournal Passes,
    IChangeJournal Changes);
