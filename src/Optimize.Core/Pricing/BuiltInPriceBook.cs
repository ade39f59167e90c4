using Optimize.Model;

namespace Optimize.Pricing;

/// <summary>
/// Illustrative USD Linux pay-as-you-go list prices for every SKU of <see cref="Catalog.BuiltInCatalog.Default"/>,
/// for the demo, the simulator and tests. They are approximate eastus list prices scaled by a small per-region
/// multiplier (unknown regions price as eastus): defaults, NOT a quote. Real passes use the Azure retail adapter.
/// Scale sets price from the VM meter of their size; a <see cref="ResourceKind.ScaleSet"/> key is answered with the
/// same price. Flex Consumption is one meter per region: <see cref="PriceSkus.FlexConsumptionGbSecond"/>, per GB-second.
/// USD only: a request in any other currency is refused with <see cref="PriceCurrencyException"/> (no exchange rate is
/// guessed, no USD number is labelled as another currency). Linux meters only: a Windows key is absent from the sheet.
/// </summary>
public sealed class BuiltInPriceBook : IPriceBook
{
    /// <summary>The shared instance.</summary>
    public static BuiltInPriceBook Default { get; } = new();

    /// <inheritdoc />
    /// <exception cref="PriceCurrencyException"><paramref name="currency"/> is not USD.</exception>
    public Task<PriceSheet> GetPricesAsync(IReadOnlyCollection<PriceKey> keys, string currency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        if (!string.Equals(currency, Currency, StringComparison.Ordinal))
        {
            throw new PriceCurrencyException(
                $"The built-in (offline) price book has USD prices only, but savings.currency is '{currency}'. "
                + "Set savings.currency to USD to use it, or price with the Azure Retail Prices API (optimize plan, the Function App).");
        }

        var prices = new List<Price>(keys.Count);
        foreach (var key in keys)
        {
            if (Find(key) is { } price)
            {
                prices.Add(price);
            }
        }

        return Task.FromResult(new PriceSheet(prices, Currency));
    }

    /// <summary>Currency of every built-in price.</summary>
    public const string Currency = "USD";

    /// <summary>The price of <paramref name="key"/>, or null when the SKU has no built-in price (every Windows key).</summary>
    public static Price? Find(PriceKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Os == OsFamily.Windows && key.Kind != ResourceKind.FunctionApp)
        {
            return null;
        }

        var multiplier = BuiltInPrices.RegionMultiplier(key.Region);
        switch (key.Kind)
        {
            case ResourceKind.FunctionApp when string.Equals(key.Sku, PriceSkus.FlexConsumptionGbSecond, StringComparison.OrdinalIgnoreCase):
                return new Price(key, Round(BuiltInPrices.FlexPerGbSecond * multiplier, 9), PriceSkus.GbSecondUnit, Currency, "builtin/flex/on-demand-gb-s");
            case ResourceKind.VirtualMachine or ResourceKind.ScaleSet when BuiltInPrices.VmHourly.TryGetValue(key.Sku, out var vm):
                return new Price(key, Round(vm * multiplier, 4), PriceSkus.HourUnit, Currency, $"builtin/vm/{key.Sku.ToLowerInvariant()}");
            case ResourceKind.AppServicePlan when BuiltInPrices.PlanHourly.TryGetValue(key.Sku, out var plan):
                return new Price(key, Round(plan * multiplier, 4), PriceSkus.HourUnit, Currency, $"builtin/plan/{key.Sku.ToLowerInvariant()}");
            default:
                return null;
        }
    }

    private static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}
