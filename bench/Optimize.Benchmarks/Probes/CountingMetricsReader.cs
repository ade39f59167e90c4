using System.Runtime.CompilerServices;
using Optimize.Metrics;
using Optimize.Ports;

namespace Optimize.Benchmarks.Probes;

/// <summary>An <see cref="IMetricsReader"/> that counts what flows through it: queries, series, points and the
/// distinct metric names read, so a probe reports what was actually read rather than what was asked for.</summary>
/// <param name="inner">The reader to count.</param>
internal sealed class CountingMetricsReader(IMetricsReader inner) : IMetricsReader
{
    private string? _lastResource;
    private readonly HashSet<string> _metrics = new(StringComparer.Ordinal);

    /// <summary>Queries issued (one per chunk of one kind).</summary>
    public int Queries { get; private set; }

    /// <summary>Series returned (one per resource and metric with data).</summary>
    public long Series { get; private set; }

    /// <summary>Points in every series returned, gaps included.</summary>
    public long Points { get; private set; }

    /// <summary>Resources with at least one series, counted as changes of resource id between consecutive series (the
    /// simulator yields a resource's series together); ids are not kept, so counting retains nothing per resource.</summary>
    public int Resources { get; private set; }

    /// <summary>Distinct metric names read, in the order first seen.</summary>
    public IReadOnlyCollection<string> Metrics => _metrics;

    /// <inheritdoc />
    public IAsyncEnumerable<MetricSeries> ReadAsync(MetricQuery query, CancellationToken cancellationToken = default)
    {
        Queries++;
        return Count(inner.ReadAsync(query, cancellationToken), cancellationToken);
    }

    private async IAsyncEnumerable<MetricSeries> Count(IAsyncEnumerable<MetricSeries> series, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var s in series.WithCancellation(ct))
        {
            Series++;
            Points += s.Values.Length;
            if (!string.Equals(s.ResourceId, _lastResource, StringComparison.OrdinalIgnoreCase))
            {
                Resources++;
                _lastResource = s.ResourceId;
            }

            _metrics.Add(s.Metric);
            yield return s;
        }
    }
}
