using Optimize.Azure.Http;
using Optimize.Azure.Metrics;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Ports;

namespace Optimize.Benchmarks.Probes;

/// <summary>
/// Passes metric queries through and keeps what they asked for (resources and metric names), so the probe can compare the
/// <c>metrics:getBatch</c> calls the adapters made with the fewest a batch of ≤ 50 ids allows for the same resources.
/// </summary>
/// <param name="inner">The adapters' reader.</param>
internal sealed class RecordingMetricsReader(IMetricsReader inner) : IMetricsReader
{
    private readonly List<(ResourceRef Resource, IReadOnlyList<string> Metrics)> _asked = [];
    private readonly List<int> _callsPerQuery = [];

    /// <summary>Queries issued (the pass issues one per chunk of ≤ 500 resources of one kind).</summary>
    public int Queries => _callsPerQuery.Count;

    /// <summary>Every resource asked for, with the metrics asked.</summary>
    public IReadOnlyList<(ResourceRef Resource, IReadOnlyList<string> Metrics)> Asked => _asked;

    /// <summary>The batch calls the adapter plans for each query (its own grouping), in query order.</summary>
    public IReadOnlyList<int> CallsPerQuery => _callsPerQuery;

    /// <inheritdoc />
    public IAsyncEnumerable<MetricSeries> ReadAsync(MetricQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var asked = query.Resources.Select(r => (r, query.Metrics)).ToList();
        _asked.AddRange(asked);
        _callsPerQuery.Add(MetricsLowerBound.Compute(asked).OneQuery);
        return inner.ReadAsync(query, cancellationToken);
    }
}

/// <summary>The fewest batch calls for a set of metric reads.</summary>
internal static class MetricsLowerBound
{
    /// <summary>
    /// <c>Tight</c>: Σ ⌈n/50⌉ over (subscription, region, namespace) groups of every id read, a plan's hosted sites counted in the
    /// sites namespace together with the function apps (the bound of issue 8: one call per 50 ids of a group, whatever was asked).
    /// <c>OneQuery</c>: the calls the adapter's own planning (<see cref="MonitorMetricsClient"/>: groups per kind, hosted sites
    /// apart) would make if it were handed every resource in one query instead of the pass's chunks.
    /// </summary>
    public static (int Tight, int OneQuery, int Ids) Compute(IReadOnlyList<(ResourceRef Resource, IReadOnlyList<string> Metrics)> asked)
    {
        var direct = asked
            .Where(a => MetricMap.For(a.Resource.Kind, a.Metrics).Count > 0)
            .Select(a => a.Resource)
            .DistinctBy(r => r.Id, StringComparer.OrdinalIgnoreCase)
            .Select(r => (Sub: r.SubscriptionId.ToLowerInvariant(), Region: ResourceIds.Region(r.Location), Ns: MetricMap.Namespace(r.Kind), Kind: r.Kind.ToString(), r.Id))
            .ToList();
        var sites = asked
            .Where(a => MetricMap.HostedSitesFor(a.Resource.Kind, a.Metrics).Count > 0)
            .SelectMany(a => a.Resource.HostedSites.Select(site => (Sub: SubscriptionOf(site), Region: ResourceIds.Region(a.Resource.Location), Ns: MetricMap.SitesNamespace, Kind: "hosted-sites", Id: site)))
            .Where(s => s.Sub.Length > 0)
            .DistinctBy(s => s.Id, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var all = direct.Concat(sites).ToList();
        var tight = all.GroupBy(x => (x.Sub, x.Region, x.Ns)).Sum(g => Calls(g.Count()));
        var oneQuery = all.GroupBy(x => (x.Sub, x.Region, x.Kind)).Sum(g => Calls(g.Count()));
        return (tight, oneQuery, all.Count);
    }

    private static int Calls(int ids) => (ids + MonitorMetricsClient.BatchSize - 1) / MonitorMetricsClient.BatchSize;

    private static string SubscriptionOf(string id)
    {
        var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) ? parts[1].ToLowerInvariant() : string.Empty;
    }
}
