using Optimize.Recommendations;

namespace Optimize.Engine;

/// <summary>
/// Monthly savings shown net: what the downsizes save minus what the upsizes cost, with both parts kept so a report
/// can show the upsize cost on its own line. A retune with a zero saving counts in neither part.
/// </summary>
/// <param name="Downsizes">Sum of the positive savings (currency per month).</param>
/// <param name="UpsizeCost">Sum of the cost increases: minus the negative savings, so never negative.</param>
/// <param name="Currency">Currency of both.</param>
public sealed record SavingsSummary(decimal Downsizes, decimal UpsizeCost, string Currency)
{
    /// <summary>Downsizes minus upsize cost; negative when the upsizes cost more than the downsizes save.</summary>
    public decimal Net => Downsizes - UpsizeCost;

    /// <summary>Splits <paramref name="savings"/> (positive: saves, negative: costs) into the two parts.</summary>
    public static SavingsSummary Of(IEnumerable<decimal> savings, string currency)
    {
        ArgumentNullException.ThrowIfNull(savings);
        var (down, up) = (0m, 0m);
        foreach (var saving in savings)
        {
            if (saving > 0)
            {
                down += saving;
            }
            else
            {
                up -= saving;
            }
        }

        return new SavingsSummary(down, up, currency);
    }

    /// <summary>The summary over the recommendations among <paramref name="advices"/>.</summary>
    public static SavingsSummary Of(IEnumerable<Advice> advices, string currency) =>
        Of(advices.Where(a => a.IsRecommendation).Select(a => a.Recommendation!.EstimatedMonthlySavings), currency);
}
