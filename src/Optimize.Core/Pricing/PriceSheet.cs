namespace Optimize.Pricing;

/// <summary>An immutable set of prices loaded for one pass; lookups are pure.</summary>
public sealed class PriceSheet
{
    private readonly Dictionary<PriceKey, Price> _prices;

    /// <summary>Creates the sheet; keys compare SKU and region case-insensitively.</summary>
    /// <exception cref="ArgumentException">A price is in another currency than the sheet's.</exception>
    public PriceSheet(IEnumerable<Price> prices, string currency = "USD")
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        Currency = currency;
        _prices = new Dictionary<PriceKey, Price>(PriceKeyComparer.Instance);
        foreach (var p in prices)
        {
            if (!string.Equals(p.Currency, currency, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Price of {p.Key.Sku} in {p.Key.Region} is in {p.Currency}, not in the sheet's {currency}.", nameof(prices));
            }

            _prices[p.Key] = p;
        }
    }

    /// <summary>The currency every price is in.</summary>
    public string Currency { get; }

    /// <summary>Number of prices held.</summary>
    public int Count => _prices.Count;

    /// <summary>The price of <paramref name="key"/>, or null when it is not known.</summary>
    public Price? Find(PriceKey key) => _prices.GetValueOrDefault(key);

    private sealed class PriceKeyComparer : IEqualityComparer<PriceKey>
    {
        public static readonly PriceKeyComparer Instance = new();

        public bool Equals(PriceKey? x, PriceKey? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.Kind == y.Kind && x.Os == y.Os
                && string.Equals(x.Sku, y.Sku, StringComparison.OrdinalIgnoreCase)
                && string.Equals(x.Region, y.Region, StringComparison.OrdinalIgnoreCase));

        public int GetHashCode(PriceKey obj) => HashCode.Combine(
            obj.Kind,
            obj.Os,
            StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Sku),
            StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Region));
    }
}
