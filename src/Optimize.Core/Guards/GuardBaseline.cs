namespace Optimize.Guards;

/// <summary>The pre-change value of each guard's statistic, by metric name; a metric with no data is absent.</summary>
/// <param name="Values">Statistic values by metric.</param>
/// <param name="Message">Summary for the journal: "latencyMs p95 120; errorPercent mean 0.1".</param>
public sealed record GuardBaseline(IReadOnlyDictionary<string, double> Values, string Message)
{
    /// <summary>Set when the metrics could not be read at all (the workflow retries); null when they were.</summary>
    public string? Failure { get; init; }
}
