namespace Optimize.Guards;

/// <summary>The verdict on one guard, with the evidence: "latencyMs p95 412 > 300 (limit)".</summary>
/// <param name="Metric">The guard's metric.</param>
/// <param name="Kind">The verdict.</param>
/// <param name="Message">The sentence with the numbers.</param>
/// <param name="Observed">The observed statistic, when measured.</param>
/// <param name="Baseline">The baseline statistic, when known.</param>
public sealed record GuardVerdict(string Metric, VerdictKind Kind, string Message, double? Observed = null, double? Baseline = null);
