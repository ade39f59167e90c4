namespace Optimize.Pricing;

/// <summary>
/// The currencies the Azure Retail Prices API publishes (<c>currencyCode</c>, "Supported currencies" in the API
/// reference): ISO 4217 codes, upper case.
/// </summary>
public static class PriceCurrencies
{
    /// <summary>Every supported code.</summary>
    public static IReadOnlyList<string> Supported { get; } =
        ["USD", "AUD", "BRL", "CAD", "CHF", "CNY", "DKK", "EUR", "GBP", "INR", "JPY", "KRW", "NOK", "NZD", "RUB", "SEK", "TWD"];

    /// <summary>True when <paramref name="currency"/> is one of <see cref="Supported"/> (exact, upper case).</summary>
    public static bool IsSupported(string? currency) => currency is not null && Supported.Contains(currency, StringComparer.Ordinal);

    /// <summary>Refuses a code the Retail Prices API does not publish.</summary>
    /// <exception cref="PriceCurrencyException">The code is not supported (the message lists the supported ones).</exception>
    public static void EnsureSupported(string? currency)
    {
        if (!IsSupported(currency))
        {
            var hint = currency is not null && IsSupported(currency.Trim().ToUpperInvariant()) ? $" (write it upper case: '{currency.Trim().ToUpperInvariant()}')" : string.Empty;
            throw new PriceCurrencyException(
                $"savings.currency '{currency}' is not a currency the Azure Retail Prices API publishes{hint}; use one of {string.Join(", ", Supported)}.");
        }
    }
}

/// <summary>A price book cannot price in the requested currency: the pass stops rather than mislabel prices.</summary>
public sealed class PriceCurrencyException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public PriceCurrencyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PriceCurrencyException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PriceCurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
