using Optimize.Model;

namespace Optimize.Metrics.History;

/// <summary>From <see cref="From"/> on (until the next mark) the resource had <see cref="Config"/>; null means unknown
/// (a stage being applied, a rollback in progress or unverified, or a change made outside Optimize).</summary>
/// <param name="From">Start of the span.</param>
/// <param name="Config">The configuration in effect, or null when unknown.</param>
public sealed record ConfigurationMark(DateTimeOffset From, ResourceConfig? Config);

/// <summary>
/// The configuration a resource had over time, so a point recorded as a percentage of one size can be read as
/// demand on another. Before the first mark the configuration is <see cref="Initial"/> (null when unknown).
/// </summary>
/// <param name="Initial">Configuration before the first mark, or null when unknown.</param>
/// <param name="Marks">Marks in time order; a later mark at the same instant wins.</param>
public sealed record ConfigurationTimeline(ResourceConfig? Initial, IReadOnlyList<ConfigurationMark> Marks)
{
    /// <summary>A resource with no recorded change: <paramref name="current"/> over the whole lookback.</summary>
    public static ConfigurationTimeline Unchanged(ResourceConfig current) => new(current, []);

    /// <summary>True when the timeline holds exactly one known configuration, <paramref name="config"/>, throughout.</summary>
    public bool IsConstant(ResourceConfig config) =>
        Initial == config && Marks.All(m => m.Config == config);

    /// <summary>The configuration in effect over all of [<paramref name="start"/>, <paramref name="end"/>), or null
    /// when it is unknown there or changed inside the interval (a point straddling a resize measures neither size).</summary>
    public ResourceConfig? Over(DateTimeOffset start, DateTimeOffset end)
    {
        var config = Initial;
        var i = 0;
        for (; i < Marks.Count && Marks[i].From <= start; i++)
        {
            config = Marks[i].Config;
        }

        for (; i < Marks.Count && Marks[i].From < end; i++)
        {
            if (Marks[i].Config != config)
            {
                return null;
            }
        }

        return config;
    }
}
