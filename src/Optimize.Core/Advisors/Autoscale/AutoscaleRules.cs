namespace Optimize.Advisors.Autoscale;

/// <summary>The autoscale arithmetic, each rule a small pure function with its numbers.</summary>
public static class AutoscaleRules
{
    /// <summary>More capacity changes per day than this is flapping (hourly grain: more than one every 4 hours).</summary>
    public const double FlappingPerDay = 6;

    /// <summary>Points of CPU the retuned scale-in threshold leaves under the scale-out threshold after a scale-in.</summary>
    public const double MarginPercent = 5;

    /// <summary>Share of the month priced as spent at the minimum: instances p50 at the minimum means at least half.</summary>
    public const decimal ShareOfTimeAtMinimum = 0.5m;

    /// <summary>
    /// CPU after removing one of <paramref name="instances"/> at <paramref name="cpuPercent"/>: c·n/(n−1).
    /// 60% on 3 → 90%; 40% on 3 → 60%.
    /// </summary>
    public static double AfterScaleIn(double cpuPercent, int instances) =>
        instances <= 1 ? double.PositiveInfinity : cpuPercent * instances / (instances - 1);

    /// <summary>
    /// Flapping: more than <see cref="FlappingPerDay"/> changes a day AND a scale-in at the scale-in threshold lands
    /// at or above the scale-out threshold. In 60%, out 70%, n = 3: 60 × 3/2 = 90 ≥ 70 → flaps (with 10 changes/day).
    /// </summary>
    public static bool Flaps(double transitionsPerDay, double scaleInPercent, double scaleOutPercent, int typicalInstances) =>
        transitionsPerDay > FlappingPerDay && AfterScaleIn(scaleInPercent, typicalInstances) >= scaleOutPercent;

    /// <summary>
    /// A scale-in threshold that lands <see cref="MarginPercent"/> points under scale-out after a scale-in, rounded down:
    /// out 70%, n = 3: 70 × 2/3 − 5 = 41.67 → 41 (41 × 3/2 = 61.5% &lt; 70%).
    /// </summary>
    public static double RetunedScaleIn(double scaleOutPercent, int typicalInstances) =>
        Math.Floor((scaleOutPercent * (typicalInstances - 1) / typicalInstances) - MarginPercent);

    /// <summary>
    /// The lowest minimum m (1 ≤ m &lt; current) whose projection of the protected cpu stays within target:
    /// cpu × current / m ≤ target; null when none. cpu p95 20% (already × confidence) on a minimum of 4, target 70%:
    /// 20 × 4 / 2 = 40% ≤ 70, 20 × 4 / 1 = 80% > 70 → 2.
    /// </summary>
    public static int? LowerMinimum(int currentMinimum, double cpuPercent, double targetPercent)
    {
        for (var m = 1; m < currentMinimum; m++)
        {
            if (cpuPercent * currentMinimum / m <= targetPercent + 1e-9)
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>
    /// A maximum that carries the protected cpu at target: ⌈cpu × max / target⌉, at least max + 1.
    /// cpu 90% at a maximum of 10, target 70% → ⌈12.86⌉ = 13.
    /// </summary>
    public static int RaisedMaximum(int currentMaximum, double cpuPercent, double targetPercent) =>
        Math.Max(currentMaximum + 1, (int)Math.Ceiling((cpuPercent * currentMaximum / targetPercent) - 1e-9));
}
