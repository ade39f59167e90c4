using Optimize.Policy;
using Optimize.Recommendations;

namespace Optimize.Planning;

/// <summary>The cost caps on upsizes (<see cref="LimitPolicy.MaxMonthlyCostIncreasePerPass"/> and
/// <see cref="LimitPolicy.MaxMonthlyCostIncreasePerResource"/>) and the urgency that orders upsizes before them.</summary>
public static partial class Planner
{
    /// <summary>The monthly cost a recommendation adds: minus its saving when that is negative, else 0.</summary>
    public static decimal CostIncrease(Recommendation rec)
    {
        ArgumentNullException.ThrowIfNull(rec);
        return rec.EstimatedMonthlySavings < 0 ? -rec.EstimatedMonthlySavings : 0m;
    }

    /// <summary>How saturated the resource an upsize answers is: the highest observed cpu or memory statistic
    /// (<c>cpu.p95</c>, <c>memory.p95</c> …, in %; never the projected or <c>.max</c> figures), else, for a Function App,
    /// the instance peak as a percentage of its maximum instance count; 0 when the evidence holds neither.</summary>
    public static double Urgency(Recommendation rec)
    {
        ArgumentNullException.ThrowIfNull(rec);
        var observed = rec.Evidence
            .Where(e => e.Unit == "%" && (e.Name.StartsWith("cpu.", StringComparison.Ordinal) || e.Name.StartsWith("memory.", StringComparison.Ordinal))
                        && !e.Name.EndsWith(".max", StringComparison.Ordinal) && double.IsFinite(e.Value))
            .Select(e => e.Value)
            .DefaultIfEmpty(double.NaN)
            .Max();
        if (!double.IsNaN(observed))
        {
            return observed;
        }

        var peak = rec.Evidence.FirstOrDefault(e => e.Name == "instances.max")?.Value;
        var maximum = rec.Evidence.FirstOrDefault(e => e.Name == "maximum.instance.count")?.Value;
        return peak is { } p && maximum is > 0 and { } m ? 100 * p / m : 0;
    }

    /// <summary>The cap that holds <paramref name="rec"/> back, given the cost the pass's admitted upsizes already add.</summary>
    private static SkipReason? CostCap(Recommendation rec, decimal plannedIncrease, OptimizePolicy policy)
    {
        var increase = CostIncrease(rec);
        if (increase <= 0)
        {
            return null;
        }

        var limits = policy.Limits;
        var currency = policy.Savings.Currency;
        return limits.MaxMonthlyCostIncreasePerResource is { } perResource && increase > perResource
            ? SkipReasons.ResourceCostCap(increase, perResource, currency)
            : limits.MaxMonthlyCostIncreasePerPass is { } perPass && plannedIncrease + increase > perPass
                ? SkipReasons.PassCostCap(increase, plannedIncrease, perPass, currency)
                : null;
    }
}
