using Optimize.Metrics;
using Optimize.Model;

namespace Optimize.Advisors.Estimation;

/// <summary>
/// The sizing arithmetic, one small step per function (VPA style): a protected percentile becomes an absolute
/// demand, the demand is inflated when history is short, then projected onto a candidate and compared with the
/// policy target (the headroom: a 70% target leaves 30% spare) and with the peak (never above 100%).
/// </summary>
public static class DemandEstimator
{
    /// <summary>History shorter than this inflates demand by <see cref="ShortHistoryMultiplier"/>.</summary>
    public static readonly TimeSpan ShortHistory = TimeSpan.FromDays(7);

    /// <summary>History shorter than this (but at least <see cref="ShortHistory"/>) inflates demand by <see cref="MediumHistoryMultiplier"/>.</summary>
    public static readonly TimeSpan MediumHistory = TimeSpan.FromDays(14);

    /// <summary>Multiplier for less than 7 days of observed points.</summary>
    public const double ShortHistoryMultiplier = 1.2;

    /// <summary>Multiplier for 7 to 14 days of observed points.</summary>
    public const double MediumHistoryMultiplier = 1.1;

    /// <summary>
    /// Absolute demand: <paramref name="percent"/> of one instance of <paramref name="capacityPerInstance"/> times
    /// <paramref name="instances"/>. p95 cpu 40% of 8 vCPU × 1 = 3.2 vCPU; p95 memory 50% of 16 GB × 3 = 24 GB.
    /// </summary>
    public static double Demand(double percent, double capacityPerInstance, double instances = 1) =>
        percent / 100.0 * capacityPerInstance * instances;

    /// <summary>
    /// How much to inflate demand for a decision to scale down, by the observed history (coverage × lookback):
    /// under 7 days × 1.2, under 14 days × 1.1, else × 1.0. 14-day lookback at 95% coverage = 13.3 days → 1.1;
    /// 30 days at 90% = 27 days → 1.0; 5 days → 1.2.
    /// </summary>
    public static double ConfidenceMultiplier(TimeSpan observedHistory) =>
        observedHistory < ShortHistory ? ShortHistoryMultiplier
        : observedHistory < MediumHistory ? MediumHistoryMultiplier
        : 1.0;

    /// <summary>The time the observed points cover: coverage × lookback. 14 days at 50% coverage = 7 days.</summary>
    public static TimeSpan ObservedHistory(MetricSummary summary, TimeRange lookback)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return lookback.Duration * summary.Coverage;
    }

    /// <summary>
    /// Utilization <paramref name="demand"/> would cause on <paramref name="capacity"/> (same unit), percent.
    /// 3.2 vCPU on 4 vCPU = 80%; on 8 vCPU = 40%. Zero capacity projects to +∞.
    /// </summary>
    public static double Project(double demand, double capacity) =>
        capacity <= 0 ? double.PositiveInfinity : demand / capacity * 100.0;

    /// <summary>
    /// True when the protected demand (already multiplied) projects to at most <paramref name="targetPercent"/> and
    /// the peak demand to at most 100% of <paramref name="capacity"/>. Demand 3.2 vCPU × 1.1 = 3.52 on 8 vCPU =
    /// 44% ≤ 70% and peak 6 vCPU on 8 = 75% ≤ 100% → fits; on 4 vCPU 88% > 70% → does not.
    /// </summary>
    public static bool Fits(double protectedDemand, double peakDemand, double capacity, double targetPercent) =>
        Project(protectedDemand, capacity) <= targetPercent + 1e-9 && Project(peakDemand, capacity) <= 100.0 + 1e-9;
}
