using Optimize.Pricing;

namespace Optimize.Advisors.Estimation;

/// <summary>Monthly cost arithmetic; before and after must come from the same kind of meter.</summary>
public static class Savings
{
    /// <summary>Seconds in an average month (730 h × 3600 s).</summary>
    public const decimal SecondsPerMonth = Price.HoursPerMonth * 3600m;

    /// <summary>
    /// Monthly cost of <paramref name="instances"/> instances on an hourly meter: 0.192 USD/h × 3 × 730 = 420.48 USD.
    /// </summary>
    /// <exception cref="ArgumentException">The price is not hourly.</exception>
    public static decimal MonthlyHourly(Price price, double instances)
    {
        ArgumentNullException.ThrowIfNull(price);
        if (!string.Equals(price.Unit, PriceSkus.HourUnit, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Price {price.MeterId} is per '{price.Unit}', not per '{PriceSkus.HourUnit}'.", nameof(price));
        }

        return price.UnitPrice * (decimal)instances * Price.HoursPerMonth;
    }

    /// <summary>
    /// Monthly on-demand cost of Flex instances of <paramref name="instanceGb"/> GB running <paramref name="meanInstances"/>
    /// on average all month: 2 GB × 1.5 × 2,628,000 s × 0.000026 USD = 204.98 USD. An upper bound: Flex bills
    /// execution time only, so the true figure is lower when instances idle.
    /// </summary>
    /// <exception cref="ArgumentException">The price is not per GB-second.</exception>
    public static decimal MonthlyGbSeconds(Price price, double instanceGb, double meanInstances)
    {
        ArgumentNullException.ThrowIfNull(price);
        if (!string.Equals(price.Unit, PriceSkus.GbSecondUnit, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Price {price.MeterId} is per '{price.Unit}', not per '{PriceSkus.GbSecondUnit}'.", nameof(price));
        }

        return price.UnitPrice * (decimal)instanceGb * (decimal)meanInstances * SecondsPerMonth;
    }

    /// <summary>Rounds a monthly amount to cents.</summary>
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
