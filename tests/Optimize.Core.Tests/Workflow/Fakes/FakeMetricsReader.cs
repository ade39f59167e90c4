using System.Runtime.CompilerServices;
using Optimize.Metrics;
using Optimize.Ports;

namespace Optimize.Tests.Workflow.Fakes;

/// <summary>Guard metrics scripted as functions of time: point i of a query is <c>metric(start + i·interval)</c>
/// (NaN for a gap); a metric without a script is omitted, as a reader omits series with no data.</summary>
internal sealed class FakeMetricsReader : IMetricsReader
{
    public Dictionary<string, Func<DateTimeOffset, double>> Scripts { get; } = new(StringComparer.Ordinal);

    /// <summary>When set and it returns an exception for the query's range, the read throws it.</summary>
    public Func<MetricQuery, Exception?>? Fail { get; set; }

    public int Reads { get; private set; }

    /// <summary>Every query read, in order.</summary>
    public List<MetricQuery> Queries { get; } = [];

    public async IAsyncEnumerable<MetricSeries> ReadAsync(MetricQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Reads++;
        Queries.Add(query);
        if (Fail?.Invoke(query) is { } ex)
        {
            throw ex;
        }

        foreach (var resource in query.Resources)
        {
            foreach (var metric in query.Metrics)
            {
                if (!Scripts.TryGetValue(metric, out var script))
                {
                    continue;
                }

                var values = new double[query.ExpectedPoints];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = script(query.Range.Start + (query.Interval * i));
                }

                yield return new MetricSeries(resource.Id, metric, query.Range.Start, query.Interval, values);
            }
        }

        await Task.CompletedTask;
    }
}
