using Optimize.Metrics;

namespace Optimize.Ports;

/// <summary>Port: reads metric series. The Azure adapter batches resources (50 per call) and bounds concurrency.</summary>
public interface IMetricsReader
{
    /// <summary>
    /// Streams one series per (resource, metric) of <paramref name="query"/> that has any data, aligned to the query's grid;
    /// missing points are NaN. A (resource, metric) pair with no data may be omitted: the consumer counts it as zero coverage.
    /// Series buffers may be reused once the consumer asks for the next item.
    /// </summary>
    /// <remarks>Throws <see cref="InvalidOperationException"/> when the metrics service fails beyond its retries.</remarks>
    IAsyncEnumerable<MetricSeries> ReadAsync(MetricQuery query, CancellationToken cancellationToken = default);
}
