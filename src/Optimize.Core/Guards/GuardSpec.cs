namespace Optimize.Guards;

/// <summary>
/// One health check a stage must pass while it is observed. A guard fails when the observed statistic is above
/// <see cref="AbsoluteMax"/>, or has regressed against the pre-change baseline by more than
/// <see cref="MaxRegressionPercent"/> (relative) or <see cref="MaxIncrease"/> (absolute).
/// </summary>
/// <param name="Metric">Engine metric name (<see cref="Metrics.MetricNames"/>).</param>
/// <param name="Statistic"><c>mean</c>, <c>p50</c>, <c>p90</c>, <c>p95</c>, <c>p99</c> or <c>max</c>.</param>
/// <param name="AbsoluteMax">SLO limit in the metric's unit, or null.</param>
/// <param name="MaxRegressionPercent">Largest allowed rise over baseline, percent of baseline, or null.</param>
/// <param name="MaxIncrease">Largest allowed rise over baseline in the metric's unit, or null.</param>
/// <param name="MinimumCoverage">Share of expected points that must be present for the check to count (0–1).</param>
public sealed record GuardSpec(
    string Metric,
    string Statistic,
    double? AbsoluteMax = null,
    double? MaxRegressionPercent = null,
    double? MaxIncrease = null,
    double MinimumCoverage = 0.5);
