using Optimize.Metrics;
using Optimize.Recommendations;

namespace Optimize.Advisors.Estimation;

/// <summary>The data checks every advisor makes before deciding.</summary>
public static class DataGate
{
    /// <summary><see cref="SkipReasons.NoData"/> for the first required metric with no observed point, else null.</summary>
    public static SkipReason? NoData(ResourceSummary summary, IReadOnlyList<string> required)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(required);
        foreach (var metric in required)
        {
            if (!summary.Get(metric).HasData)
            {
                return SkipReasons.NoData(metric);
            }
        }

        return null;
    }

    /// <summary>
    /// <see cref="SkipReasons.Coverage"/> for the first required metric whose coverage is below
    /// <paramref name="minimumCoverage"/>, else null. A scale-up passes half the policy minimum (fast up, slow down).
    /// </summary>
    public static SkipReason? Coverage(ResourceSummary summary, IReadOnlyList<string> required, double minimumCoverage)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(required);
        foreach (var metric in required)
        {
            var coverage = summary.Get(metric).Coverage;
            if (coverage + 1e-12 < minimumCoverage)
            {
                return SkipReasons.Coverage(metric, coverage, minimumCoverage);
            }
        }

        return null;
    }

    /// <summary>The shortest observed history among <paramref name="required"/> (coverage × lookback).</summary>
    public static TimeSpan ShortestHistory(ResourceSummary summary, IReadOnlyList<string> required)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(required);
        var shortest = summary.Range.Duration;
        foreach (var metric in required)
        {
            var h = DemandEstimator.ObservedHistory(summary.Get(metric), summary.Range);
            if (h < shortest)
            {
                shortest = h;
            }
        }

        return shortest;
    }
}
