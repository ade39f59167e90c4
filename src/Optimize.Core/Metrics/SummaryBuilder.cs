using System.Runtime.CompilerServices;
using Optimize.Metrics.History;
using Optimize.Model;

namespace Optimize.Metrics;

/// <summary>
/// Turns the series of one metrics query into one <see cref="ResourceSummary"/> per resource without keeping raw
/// points: each series is folded into a reused <see cref="MetricAccumulator"/> the moment it arrives and only its
/// <see cref="MetricSummary"/> (a few numbers) is kept, so memory is bounded by resources × metrics, not by points.
/// Series of different resources may arrive interleaved. A resource is complete once every metric of the query
/// has arrived; <see cref="SummarizeAsync"/> yields it then. Metrics that never arrive become
/// <see cref="MetricSummary.Empty"/> (zero coverage), as the <see cref="Ports.IMetricsReader"/> contract says.
/// Given a <see cref="HistoryNormalizer"/>, every relative series is first rewritten onto the resource's current
/// configuration (points recorded on an unknown configuration become gaps), so this is the one place where history
/// recorded before a resize is converted. Not thread-safe.
/// </summary>
public sealed class SummaryBuilder
{
    private readonly MetricQuery _query;
    private readonly MetricAccumulator _accumulator = new();
    private readonly Dictionary<string, Dictionary<string, MetricSummary>> _pending = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _metrics;
    private readonly HashSet<string> _completed = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _expected;
    private readonly HistoryNormalizer? _history;

    /// <summary>Creates a builder for the series of <paramref name="query"/>.</summary>
    /// <param name="query">The query whose series arrive.</param>
    /// <param name="history">Converts relative series onto each resource's current configuration; null reads every
    /// point as recorded on the current configuration.</param>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentException">The query names no metric.</exception>
    public SummaryBuilder(MetricQuery query, HistoryNormalizer? history = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Metrics.Count == 0)
        {
            throw new ArgumentException("The query names no metric.", nameof(query));
        }

        _query = query;
        _history = history;
        _expected = query.ExpectedPoints;
        _metrics = new HashSet<string>(query.Metrics, StringComparer.Ordinal);
    }

    /// <summary>Resources with at least one summarized series not yet returned by <see cref="Build"/>.</summary>
    public int PendingResources => _pending.Count;

    /// <summary>
    /// Folds one series into its resource's summaries and returns the completed <see cref="ResourceSummary"/> when
    /// this was the resource's last missing metric, else null. Series of metrics outside the query are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">The same (resource, metric) arrived twice, or a point is negative or
    /// infinite; the builder is unchanged.</exception>
    public ResourceSummary? Add(MetricSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (!_metrics.Contains(series.Metric))
        {
            return null;
        }

        if ((_pending.TryGetValue(series.ResourceId, out var existing) && existing.ContainsKey(series.Metric))
            || _completed.Contains(series.ResourceId))
        {
            throw new ArgumentException($"Series {series.Metric} of {series.ResourceId} arrived twice; a reader returns one series per (resource, metric).", nameof(series));
        }

        if (_history is not null)
        {
            series = _history.Normalize(series);
        }

        _accumulator.Reset();
        try
        {
            _accumulator.AddRange(series.Values.Span);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new ArgumentException($"Series {series.Metric} of {series.ResourceId}: {ex.Message}", nameof(series), ex);
        }

        var summary = _accumulator.ToSummary(series.Metric, _expected);
        if (existing is null)
        {
            existing = new Dictionary<string, MetricSummary>(_metrics.Count, StringComparer.Ordinal);
            _pending[series.ResourceId] = existing;
        }

        existing[series.Metric] = summary;
        if (existing.Count < _metrics.Count)
        {
            return null;
        }

        _pending.Remove(series.ResourceId);
        _completed.Add(series.ResourceId);
        return new ResourceSummary(series.ResourceId, _query.Range, existing);
    }

    /// <summary>
    /// Completes every resource not yet returned by <see cref="Add"/> or an earlier <see cref="Build"/>: those with
    /// some metrics missing and those of the query that sent nothing, filling missing metrics with empty summaries.
    /// Query resources come first, in query order, then resources the query did not name.
    /// </summary>
    public IReadOnlyList<ResourceSummary> Build()
    {
        var result = new List<ResourceSummary>(_pending.Count + _query.Resources.Count);
        foreach (var resource in _query.Resources)
        {
            if (_completed.Add(resource.Id))
            {
                _pending.Remove(resource.Id, out var partial);
                result.Add(Complete(resource.Id, partial));
            }
        }

        foreach (var (id, partial) in _pending)
        {
            _completed.Add(id);
            result.Add(Complete(id, partial));
        }

        _pending.Clear();
        return result;
    }

    /// <summary>
    /// Summarizes a stream: yields each resource as soon as all its metrics have arrived, then the rest (including
    /// query resources that sent nothing, with empty summaries) once the stream ends.
    /// </summary>
    /// <exception cref="ArgumentException">See <see cref="Add"/>.</exception>
    public static IAsyncEnumerable<ResourceSummary> SummarizeAsync(
        IAsyncEnumerable<MetricSeries> series,
        MetricQuery query,
        CancellationToken cancellationToken = default) =>
        SummarizeAsync(series, query, null, cancellationToken);

    /// <summary>As <see cref="SummarizeAsync(IAsyncEnumerable{MetricSeries}, MetricQuery, CancellationToken)"/>,
    /// converting relative series with <paramref name="history"/> first (see <see cref="SummaryBuilder(MetricQuery, HistoryNormalizer?)"/>).</summary>
    public static async IAsyncEnumerable<ResourceSummary> SummarizeAsync(
        IAsyncEnumerable<MetricSeries> series,
        MetricQuery query,
        HistoryNormalizer? history,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        var builder = new SummaryBuilder(query, history);
        await foreach (var s in series.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (builder.Add(s) is { } done)
            {
                yield return done;
            }
        }

        foreach (var rest in builder.Build())
        {
            yield return rest;
        }
    }

    private ResourceSummary Complete(string id, Dictionary<string, MetricSummary>? partial)
    {
        var metrics = partial ?? new Dictionary<string, MetricSummary>(_metrics.Count, StringComparer.Ordinal);
        foreach (var m in _query.Metrics)
        {
            metrics.TryAdd(m, MetricSummary.Empty(m, _expected));
        }

        return new ResourceSummary(id, _query.Range, metrics);
    }
}
