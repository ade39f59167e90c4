using Optimize.Model;

namespace Optimize.Metrics;

/// <summary>All metric summaries of one resource over one lookback.</summary>
/// <param name="ResourceId">ARM id.</param>
/// <param name="Range">The lookback.</param>
/// <param name="Metrics">Summaries by metric name (<see cref="MetricNames"/>); a metric never read is absent.</param>
public sealed record ResourceSummary(string ResourceId, TimeRange Range, IReadOnlyDictionary<string, MetricSummary> Metrics)
{
    /// <summary>The summary of <paramref name="metric"/>, or an empty one when it was not read.</summary>
    public MetricSummary Get(string metric) =>
        Metrics.TryGetValue(metric, out var s) ? s : MetricSummary.Empty(metric, 0);
}
