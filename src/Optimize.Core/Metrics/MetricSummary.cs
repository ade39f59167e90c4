namespace Optimize.Metrics;

/// <summary>
/// A bounded summary of one metric of one resource over a lookback: what advisors and guards decide on.
/// Percentiles come from a fixed-size histogram, so their error is bounded by its bucket width.
/// </summary>
/// <param name="Metric">One of <see cref="MetricNames"/>.</param>
/// <param name="Expected">Grid points the range should hold.</param>
/// <param name="Observed">Points actually present (not NaN).</param>
/// <param name="Mean">Mean of the observed points; NaN when none.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Largest observed point.</param>
/// <param name="Transitions">Times consecutive observed points differed (capacity changes, for flapping).</param>
public sealed record MetricSummary(
    string Metric,
    int Expected,
    int Observed,
    double Mean,
    double P50,
    double P90,
    double P95,
    double P99,
    double Max,
    int Transitions)
{
    /// <summary>Observed / Expected, 0–1 (0 when nothing was expected).</summary>
    public double Coverage => Expected == 0 ? 0 : Math.Min(1.0, (double)Observed / Expected);

    /// <summary>True when at least one point was observed.</summary>
    public bool HasData => Observed > 0;

    /// <summary>A summary with no observed points.</summary>
    public static MetricSummary Empty(string metric, int expected) =>
        new(metric, expected, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);

    /// <summary>The named statistic: <c>mean</c>, <c>p50</c>, <c>p90</c>, <c>p95</c>, <c>p99</c> or <c>max</c>.</summary>
    /// <exception cref="ArgumentException">Unknown statistic name.</exception>
    public double Get(string statistic) => statistic.ToLowerInvariant() switch
    {
        "mean" => Mean,
        "p50" => P50,
        "p90" => P90,
        "p95" => P95,
        "p99" => P99,
        "max" => Max,
        _ => throw new ArgumentException($"Unknown statistic '{statistic}' (mean, p50, p90, p95, p99, max).", nameof(statistic)),
    };
}
