using Optimize.Model;

namespace Optimize.Metrics;

/// <summary>What to read: these metrics of these resources over this range at this grain.</summary>
/// <param name="Resources">Resources to read; adapters batch them (the Monitor batch API takes 50 ids per call).</param>
/// <param name="Metrics">Engine metric names (<see cref="MetricNames"/>).</param>
/// <param name="Range">Time range, half-open.</param>
/// <param name="Interval">Grain, for example one hour.</param>
public sealed record MetricQuery(IReadOnlyList<ResourceRef> Resources, IReadOnlyList<string> Metrics, TimeRange Range, TimeSpan Interval)
{
    /// <summary>Number of grid points in <see cref="Range"/> at <see cref="Interval"/>.</summary>
    public int ExpectedPoints => (int)Math.Ceiling(Range.Duration / Interval);
}
