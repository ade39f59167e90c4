using Optimize.Catalog;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Pricing;

namespace Optimize.Advisors;

/// <summary>What every advisor of one pass shares: catalog, prices, policy and the inventory (by id).</summary>
/// <param name="Catalog">The SKUs that may be chosen.</param>
/// <param name="Prices">The prices loaded for the pass.</param>
/// <param name="Policy">The policy (advisors read <see cref="OptimizePolicy.Kinds"/>, <see cref="OptimizePolicy.Data"/> and the currency).</param>
/// <param name="Inventory">Every inventory item of the pass by ARM id, case-insensitive (the autoscale advisor prices its target from it).</param>
public sealed record AdvisorContext(
    ISkuCatalog Catalog,
    PriceSheet Prices,
    OptimizePolicy Policy,
    IReadOnlyDictionary<string, InventoryItem> Inventory)
{
    /// <summary>A context whose inventory is indexed from <paramref name="items"/> (case-insensitive ids).</summary>
    /// <exception cref="ArgumentException">Two items share an id.</exception>
    public static AdvisorContext Create(ISkuCatalog catalog, PriceSheet prices, OptimizePolicy policy, IEnumerable<InventoryItem> items)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(items);
        var byId = new Dictionary<string, InventoryItem>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            if (!byId.TryAdd(item.Resource.Id, item))
            {
                throw new ArgumentException($"Inventory lists {item.Resource.Id} twice.", nameof(items));
            }
        }

        return new AdvisorContext(catalog, prices, policy, byId);
    }
}
