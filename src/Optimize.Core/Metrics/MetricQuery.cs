using Optimize.Metrics.History;
using Optimize.Model;

namespace Optimize.Metrics;

/// <summary>What to read: these metrics of these resources over this range at this grain.</summary>
/// <param name="Resources">Resources to read; adapters batch them (the Monitor batch API takes 50 ids per call).</param>
/// <param name="Metrics">Engine metric names (<see cref="MetricNames"/>).</param>
/// <param name="Range">Time range, half-open.</param>
/// <param name="Interval">Grain, for example one hour.</param>
public sealed record MetricQuery(IReadOnlyList<ResourceRef> Resources, IReadOnlyList<string> Metrics, TimeRange Range, TimeSpan Interval)
{
    private static readonly IReadOnlyDictionary<string, ConfigurationTimeline> NoConfigurations =
        new Dictionary<string, ConfigurationTimeline>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Number of grid points in <see cref="Range"/> at <see cref="Interval"/>.</summary>
    public int ExpectedPoints => (int)Math.Ceiling(Range.Duration / Interval);

    /// <summary>
    /// The configuration in effect over time, by resource id (look-ups are case-insensitive), for the readers that must know it to
    /// compute a metric: a Flex app's memory % is its working set over the instance memory in effect at each point. A point where
    /// the configuration is unknown (no timeline, or <see cref="ConfigurationTimeline.Over"/> is null there) is NaN, never divided by
    /// a guess. Empty by default.
    /// </summary>
    public IReadOnlyDictionary<string, ConfigurationTimeline> Configurations { get; init; } = NoConfigurations;

    /// <summary>The configuration of <paramref name="resourceId"/> in effect over all of [<paramref name="start"/>, <paramref name="end"/>),
    /// or null when the query carries none for it or it is unknown or changed there.</summary>
    public ResourceConfig? ConfigOver(string resourceId, DateTimeOffset start, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        if (Configurations.TryGetValue(resourceId, out var timeline))
        {
            return timeline.Over(start, end);
        }

        // A dictionary built without the case-insensitive comparer: fall back to a scan.
        foreach (var (id, t) in Configurations)
        {
            if (string.Equals(id, resourceId, StringComparison.OrdinalIgnoreCase))
            {
                return t.Over(start, end);
            }
        }

        return null;
    }
}
