using Optimize.Catalog;
using Optimize.Model;

namespace Optimize.Metrics.History;

/// <summary>
/// Rewrites each relative series (CPU %, memory %) of a resource so every point reads as a percentage of the
/// resource's <em>current</em> configuration, using the configuration in effect when the point was recorded
/// (<see cref="Capacity.Convert"/>). A point whose configuration is unknown, or changed within the point, becomes NaN:
/// it is missing evidence, and coverage shows it. Resources without a timeline, or whose timeline is the current
/// configuration throughout, pass through untouched. Used by <see cref="SummaryBuilder"/>, the one summarizer, so no
/// advisor ever sees unconverted hours. Not thread-safe (one reused buffer).
/// </summary>
public sealed class HistoryNormalizer
{
    private readonly ISkuCatalog _catalog;
    private readonly Dictionary<string, (ResourceConfig Current, ConfigurationTimeline Timeline)> _resources = new(StringComparer.OrdinalIgnoreCase);
    private double[] _buffer = [];

    /// <summary>Creates a normalizer over <paramref name="catalog"/>'s sizes.</summary>
    public HistoryNormalizer(ISkuCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
    }

    /// <summary>Registers the current configuration and timeline of a resource.</summary>
    public HistoryNormalizer Add(string resourceId, ResourceConfig current, ConfigurationTimeline timeline)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceId);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(timeline);
        _resources[resourceId] = (current, timeline);
        return this;
    }

    /// <summary>The series as seen on the current configuration; the same instance when nothing changes. The returned
    /// values may live in a buffer reused by the next call.</summary>
    public MetricSeries Normalize(MetricSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (!Capacity.IsRelative(series.Metric)
            || !_resources.TryGetValue(series.ResourceId, out var r)
            || r.Current is AutoscaleConfig
            || r.Timeline.IsConstant(r.Current))
        {
            return series;
        }

        var values = series.Values.Span;
        if (_buffer.Length < values.Length)
        {
            _buffer = new double[values.Length];
        }

        for (var i = 0; i < values.Length; i++)
        {
            var start = series.Start + (series.Interval * i);
            var recorded = r.Timeline.Over(start, start + series.Interval);
            _buffer[i] = recorded is null ? double.NaN : Capacity.Convert(_catalog, series.Metric, values[i], recorded, r.Current);
        }

        return series with { Values = _buffer.AsMemory(0, values.Length) };
    }
}
