using System.Runtime.CompilerServices;
using Optimize.Azure.Http;
using Optimize.Catalog;
using Optimize.Changes;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Ports;

namespace Optimize.Azure.Metrics;

/// <summary>
/// Reads Azure Monitor platform metrics. Batch mode (default): POST
/// <c>https://{region}.metrics.monitor.azure.com/subscriptions/{sub}/metrics:getBatch?api-version=2024-02-01</c> with ≤ 50 resource ids
/// of one (subscription, region, namespace) per call and every needed metric in that call, token audience
/// <c>https://metrics.monitor.azure.com/.default</c>. Single mode: GET <c>{resourceId}/providers/Microsoft.Insights/metrics?api-version=2024-02-01</c>.
/// An App Service plan's latency and errors are read from the sites hosted on it (<see cref="ResourceRef.HostedSites"/>) in
/// separate calls of the sites namespace, batched the same way, and aggregated per point (<see cref="MetricMap.HostedSitesFor"/>).
/// Calls run with bounded concurrency. Would be replaced by Azure.Monitor.Query (<c>MetricsClient.QueryResourcesAsync</c> for the batch,
/// <c>MetricsQueryClient.QueryResourceAsync</c> for one resource). Action: <see cref="ArmActions.MetricsRead"/> (Monitoring Reader).
/// </summary>
public sealed partial class MonitorMetricsClient : IMetricsReader
{
    /// <summary>Metrics api-version (ARM and data plane).</summary>
    public const string ApiVersion = "2024-02-01";

    /// <summary>Largest number of resource ids per batch call.</summary>
    public const int BatchSize = 50;

    private readonly AzureHttp _arm;
    private readonly AzureHttp _dataPlane;
    private readonly int _concurrency;
    private readonly bool _batch;
    private readonly Action<string>? _skipped;

    /// <param name="arm">ARM pipeline (single-resource reads).</param>
    /// <param name="dataPlane">Monitor data-plane pipeline (batch reads).</param>
    /// <param name="options">Concurrency and mode.</param>
    /// <param name="skipped">Receives one message per call dropped after a throttled or transient failure; may be null.</param>
    internal MonitorMetricsClient(AzureHttp arm, AzureHttp dataPlane, AzureAdapterOptions options, Action<string>? skipped = null)
    {
        _skipped = skipped;
        _arm = arm;
        _dataPlane = dataPlane;
        _concurrency = options.MetricsConcurrency;
        _batch = options.UseMetricsBatch;
    }

    /// <summary>
    /// The data-plane endpoint of a region. Tests override it; the default is <c>https://{region}.metrics.monitor.azure.com</c>.
    /// </summary>
    internal Func<string, Uri> RegionEndpoint { get; init; } = RegionalEndpoint;

    /// <summary>
    /// Memory (GB) of a VM size, for a scale set's memory percentage; null when unknown. <see cref="AzureAdapters.Create"/> serves it
    /// from the Resource SKU list the adapters loaded, the built-in catalog until then.
    /// </summary>
    internal Func<string, double?> SkuMemoryGb { get; init; } = sku => BuiltInCatalog.Default.Find(ResourceKind.VirtualMachine, sku)?.MemoryGb;

    /// <summary>The public cloud's data-plane endpoint of <paramref name="region"/>.</summary>
    internal static Uri RegionalEndpoint(string region) => new($"https://{region}.metrics.monitor.azure.com");

    /// <inheritdoc />
    /// <remarks>
    /// A call that is still throttled or failing transiently after the pipeline's retries drops only its resources: the other calls'
    /// series are yielded and the drop is reported to the <c>skipped</c> callback (a plan one of whose hosted sites was dropped gets no
    /// site-derived series rather than an aggregate over some of its sites). Any other failure (403, 400, malformed response) throws,
    /// and so does a read in which every call failed, so an outage never looks like "no data". A plan hosting no site has no latency
    /// or error series.
    /// </remarks>
    public async IAsyncEnumerable<MetricSeries> ReadAsync(MetricQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Interval <= TimeSpan.Zero)
        {
            throw new ArgumentException("The interval must be positive.", nameof(query));
        }

        var calls = Plan(query);
        var resources = query.Resources.DistinctBy(r => r.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);
        var sites = new Dictionary<string, Dictionary<string, double[]>>(StringComparer.OrdinalIgnoreCase);
        var droppedSites = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var gate = new SemaphoreSlim(_concurrency);
        var tasks = calls.Select(c => RunAsync(c, query, gate, cancellationToken)).ToList();
        var dropped = 0;
        AzureCallException? lastDrop = null;
        try
        {
            for (var i = 0; i < tasks.Count; i++)
            {
                List<(string Id, Dictionary<string, double[]> Grids)> read;
                try
                {
                    read = await tasks[i].ConfigureAwait(false);
                }
                catch (AzureCallException ex) when (ex.Failure.Kind is ChangeFailureKinds.Throttled or ChangeFailureKinds.Transient)
                {
                    dropped++;
                    lastDrop = ex;
                    if (calls[i].ForHostedSites)
                    {
                        droppedSites.UnionWith(calls[i].Ids);
                    }

                    _skipped?.Invoke(DropMessage(calls[i], i, calls.Count, ex));
                    continue;
                }

                foreach (var (id, grids) in read)
                {
                    if (calls[i].ForHostedSites)
                    {
                        sites[id] = grids;
                    }
                    else if (resources.TryGetValue(id, out var resource))
                    {
                        foreach (var series in MetricSeriesBuilder.Direct(resource, grids, calls[i].Mappings, query, SkuMemoryGb))
                        {
                            yield return series;
                        }
                    }
                }
            }

            foreach (var resource in resources.Values)
            {
                var mappings = MetricMap.HostedSitesFor(resource.Kind, query.Metrics);
                if (mappings.Count > 0 && !resource.HostedSites.Any(droppedSites.Contains))
                {
                    foreach (var series in MetricSeriesBuilder.FromHostedSites(resource, sites, mappings, query))
                    {
                        yield return series;
                    }
                }
            }
        }
        finally
        {
            // Observe every task so none faults unobserved when the consumer stops early or one call fails.
            await Task.WhenAll(tasks.Select(t => t.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default))).ConfigureAwait(false);
        }

        if (lastDrop is not null && dropped == calls.Count)
        {
            throw new AzureCallException(
                new ChangeFailure(lastDrop.Failure.Kind, $"Every metrics call failed ({dropped} of {calls.Count}), so no resource has data; the last: {lastDrop.Failure.Message}"),
                lastDrop.Status,
                lastDrop);
        }
    }

    /// <summary>One line naming the dropped call (index, scope), how many and which resources, and the failure (status and Azure's error code).</summary>
    private static string DropMessage(MetricCall call, int index, int total, AzureCallException ex)
    {
        const int Shown = 5;
        var ids = string.Join(", ", call.Ids.Take(Shown));
        var more = call.Ids.Count > Shown ? $" and {call.Ids.Count - Shown} more" : string.Empty;
        var status = ex.Status > 0 ? $"HTTP {ex.Status}" : "no response";
        var what = call.ForHostedSites ? "hosted site(s) (their plans' latency and errors are not read)" : "resource(s)";
        return $"Metrics skipped for {call.Ids.Count} {what}: call {index + 1} of {total} "
            + $"(subscription {call.Subscription}, region {call.Region}, namespace {call.Namespace}) failed ({ex.Failure.Kind}, {status}): "
            + $"{ex.Failure.Message} Resources: {ids}{more}.";
    }

    /// <summary>
    /// The calls a query needs: per (subscription, region, namespace), chunks of ≤ 50 resources (1 in single mode); then the hosted
    /// sites of the plans whose latency or errors are asked for, per (the site's subscription, the plan's region: App Service keeps a
    /// site in its plan's region) in the sites namespace, chunked the same way.
    /// </summary>
    internal IReadOnlyList<MetricCall> Plan(MetricQuery query)
    {
        var calls = new List<MetricCall>();
        var size = _batch ? BatchSize : 1;
        var resources = query.Resources.DistinctBy(r => r.Id, StringComparer.OrdinalIgnoreCase).ToArray();
        foreach (var group in resources.GroupBy(r => (Sub: r.SubscriptionId.ToLowerInvariant(), Region: ResourceIds.Region(r.Location), r.Kind)))
        {
            var mappings = MetricMap.For(group.Key.Kind, query.Metrics);
            if (mappings.Count == 0)
            {
                continue;
            }

            // Metrics read whole share a call; a metric split by a dimension gets its own (its filter names that dimension).
            foreach (var split in mappings.GroupBy(m => m.Inputs.Select(i => i.SplitBy).FirstOrDefault(d => d is not null)))
            {
                var inputs = split.SelectMany(m => m.Inputs).Distinct().ToArray();
                foreach (var chunk in group.Chunk(size))
                {
                    calls.Add(new MetricCall(group.Key.Sub, group.Key.Region, MetricMap.Namespace(group.Key.Kind), [.. chunk.Select(r => r.Id)], inputs)
                    {
                        Mappings = [.. split],
                        Filter = split.Key is null ? null : $"{split.Key} eq '*'",
                        Sources = split.Key is null ? Empty : chunk.ToDictionary(r => r.Id, r => r.CpuRuleSource, StringComparer.OrdinalIgnoreCase),
                    });
                }
            }
        }

        var hosted = resources
            .Select(r => (Resource: r, Mappings: MetricMap.HostedSitesFor(r.Kind, query.Metrics)))
            .Where(x => x.Mappings.Count > 0)
            .SelectMany(x => x.Resource.HostedSites.Select(site => (Site: site, Region: ResourceIds.Region(x.Resource.Location), x.Mappings)))
            .Where(x => SubscriptionOf(x.Site) is not null)
            .DistinctBy(x => x.Site, StringComparer.OrdinalIgnoreCase)
            .ToArray();
        foreach (var group in hosted.GroupBy(x => (Sub: SubscriptionOf(x.Site)!, x.Region)))
        {
            var inputs = group.SelectMany(x => x.Mappings).SelectMany(m => m.Inputs).Distinct().ToArray();
            foreach (var chunk in group.Chunk(size))
            {
                calls.Add(new MetricCall(group.Key.Sub, group.Key.Region, MetricMap.SitesNamespace, [.. chunk.Select(x => x.Site)], inputs) { ForHostedSites = true });
            }
        }

        return calls;
    }

    /// <summary>No per-resource sources.</summary>
    internal static readonly IReadOnlyDictionary<string, string?> Empty = new Dictionary<string, string?>();

    /// <summary>The subscription segment of an ARM id (lower case), or null when it is not one.</summary>
    private static string? SubscriptionOf(string id)
    {
        var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) ? parts[1].ToLowerInvariant() : null;
    }
}

/// <summary>One planned metrics call.</summary>
/// <param name="Subscription">Subscription of every id.</param>
/// <param name="Region">Region of every id.</param>
/// <param name="Namespace">Metric namespace of every id.</param>
/// <param name="Ids">The resource ids read.</param>
/// <param name="Inputs">The Azure metrics read.</param>
internal sealed record MetricCall(string Subscription, string Region, string Namespace, IReadOnlyList<string> Ids, IReadOnlyList<AzureMetric> Inputs)
{
    /// <summary>The engine metrics computed from the resources' own metrics (empty for a hosted-sites call).</summary>
    public IReadOnlyList<MetricMapping> Mappings { get; init; } = [];

    /// <summary>True for a read of sites hosted on plans: their grids feed the plans' aggregates.</summary>
    public bool ForHostedSites { get; init; }

    /// <summary>The dimension filter of the call (<c>MetricTriggerSource eq '*'</c>: one series per source), or null.</summary>
    public string? Filter { get; init; }

    /// <summary>With <see cref="Filter"/>: the dimension value to keep per resource id (null keeps every series).</summary>
    public IReadOnlyDictionary<string, string?> Sources { get; init; } = MonitorMetricsClient.Empty;
}
