namespace Optimize.Pricing;

/// <summary>Port: retail prices. Implementations cache; the Azure one reads the Retail Prices API.</summary>
public interface IPriceBook
{
    /// <summary>Loads the prices of <paramref name="keys"/>. Keys with no known price are simply absent from the sheet.</summary>
    /// <remarks>Adapters translate transport failures into
    /// <see cref="InvalidOperationException"/> with a message naming the call.</remarks>
    Task<PriceSheet> GetPricesAsync(IReadOnlyCollection<PriceKey> keys, CancellationToken cancellationToken = default);
}
