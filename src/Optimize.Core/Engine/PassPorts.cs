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
    IChangeJournal Changes)
{
    /// <summary>Where the pass reads each resource's past changes, to convert metrics recorded on an earlier
    /// configuration (see <see cref="Metrics.History.JournalTimeline"/>). Defaults to <see cref="Changes"/> when it
    /// also reads history (the in-memory and Table journals do); null assumes every resource had its current
    /// configuration over the whole lookback.</summary>
    public IJournalReader? History { get; init; } = Changes as IJournalReader;
}
