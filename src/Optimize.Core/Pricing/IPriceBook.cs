namespace Optimize.Pricing;

/// <summary>Port: retail prices. Implementations cache; the Azure one reads the Retail Prices API.</summary>
public interface IPriceBook
{
    /// <summary>Loads the prices of <paramref name="keys"/> in <paramref name="currency"/> (the policy's <c>savings.currency</c>).
    /// Keys with no known price are simply absent from the sheet; the sheet and every price are in <paramref name="currency"/>.</summary>
    /// <remarks>Adapters translate transport failures into <see cref="InvalidOperationException"/> with a message naming the call.
    /// A currency the book cannot price in is refused with <see cref="PriceCurrencyException"/>, never answered in another currency.</remarks>
    Task<PriceSheet> GetPricesAsync(IReadOnlyCollection<PriceKey> keys, string currency, CancellationToken cancellationToken = default);
}
