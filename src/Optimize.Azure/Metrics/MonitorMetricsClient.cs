using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Xml;
using Azure.Core;
using Optimize.Azure.Http;
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
/// Calls run with bounded concurrency. Would be replaced by Azure.Monitor.Query (<c>MetricsClient.QueryResourcesAsync</c> for the batch,
/// <c>MetricsQueryClient.QueryResourceAsync</c> for one resource). Action: <see cref="ArmActions.MetricsRead"/> (Monitoring Reader).
/// </summary>
public sealed class MonitorMetricsClient : IMetricsReader
{
    /// <summary>Metrics api-version (ARM and data plane).</summary>
    public const string ApiVersion = "2024-02-01";

    /// <summary>Largest number of resource ids per batch call.</summary>
    public const int BatchSize = 50;

    private readonly AzureHttp _arm;
    private readonly AzureHttp _dataPlane;
    private readonly int _concurrency;
    private readonly bool _batch;
    private readonly Func<string, int?> _instanceMemoryMb;
    private readonly Action<string>? _skipped;

    /// <param name="arm">ARM pipeline (single-resource reads).</param>
    /// <param name="dataPlane">Monitor data-plane pipeline (batch reads).</param>
    /// <param name="options">Concurrency and mode.</param>
    /// <param name="instanceMemoryMb">Instance memory (MB) of a Flex app by resource id, for memory%; null when unknown.</param>
    /// <param name="skipped">Receives one message per call dropped after a throttled or transient failure; may be null.</param>
    internal MonitorMetricsClient(
        AzureHttp arm, AzureHttp dataPlane, AzureAdapterOptions options, Func<string, int?>? instanceMemoryMb = null, Action<string>? skipped = null)
    {
        _instanceMemoryMb = instanceMemoryMb ?? (_ => null);
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

    /// <summary>The public cloud's data-plane endpoint of <paramref name="region"/>.</summary>
    internal static Uri RegionalEndpoint(string region) => new($"https://{region}.metrics.monitor.azure.com");

    /// <inheritdoc />
    /// <remarks>
    /// A call that is still throttled or failing transiently after the pipeline's retries drops only its resources: the other calls'
    /// series are yielded and the drop is reported to the <c>skipped</c> callback. Any other failure (403, 400, malformed response) throws,
    /// and so does a read in which every call failed, so an outage never looks like "no data".
    /// </remarks>
    public async IAsyncEnumerable<MetricSeries> ReadAsync(MetricQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Interval <= TimeSpan.Zero)
        {
            throw new ArgumentException("The interval must be positive.", nameof(query));
        }

        var calls = Plan(query);
        using var gate = new SemaphoreSlim(_concurrency);
        var tasks = calls.Select(c => RunAsync(c, query, gate, cancellationToken)).ToList();
        var dropped = 0;
        AzureCallException? lastDrop = null;
        try
        {
            for (var i = 0; i < tasks.Count; i++)
            {
                List<MetricSeries> batch;
                try
                {
                    batch = await tasks[i].ConfigureAwait(false);
                }
                catch (AzureCallException ex) when (ex.Failure.Kind is ChangeFailureKinds.Throttled or ChangeFailureKinds.Transient)
                {
                    dropped++;
                    lastDrop = ex;
                    _skipped?.Invoke(DropMessage(calls[i], i, calls.Count, ex));
                    continue;
                }

                foreach (var series in batch)
                {
                    yield return series;
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
        var ids = string.Join(", ", call.Resources.Take(Shown).Select(r => r.Id));
        var more = call.Resources.Count > Shown ? $" and {call.Resources.Count - Shown} more" : string.Empty;
        var status = ex.Status > 0 ? $"HTTP {ex.Status}" : "no response";
        return $"Metrics skipped for {call.Resources.Count} resource(s): call {index + 1} of {total} "
            + $"(subscription {call.Subscription}, region {call.Region}, namespace {call.Namespace}) failed ({ex.Failure.Kind}, {status}): "
            + $"{ex.Failure.Message} Resources: {ids}{more}.";
    }

    /// <summary>The calls a query needs: per (subscription, region, namespace), chunks of ≤ 50 resources (1 in single mode).</summary>
    internal IReadOnlyList<MetricCall> Plan(MetricQuery query)
    {
        var calls = new List<MetricCall>();
        var groups = query.Resources
            .DistinctBy(r => r.Id, StringComparer.OrdinalIgnoreCase)
            .GroupBy(r => (Sub: r.SubscriptionId.ToLowerInvariant(), Region: ResourceIds.Region(r.Location), r.Kind));
        foreach (var group in groups)
        {
            var mappings = MetricMap.For(group.Key.Kind, query.Metrics);
            if (mappings.Count == 0)
            {
                continue;
            }

            var inputs = mappings.SelectMany(m => m.Inputs).Distinct().ToArray();
            foreach (var chunk in group.Chunk(_batch ? BatchSize : 1))
            {
                calls.Add(new MetricCall(group.Key.Sub, group.Key.Region, MetricMap.Namespace(group.Key.Kind), chunk, mappings, inputs));
            }
        }

        return calls;
    }

    private async Task<List<MetricSeries>> RunAsync(MetricCall call, MetricQuery query, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var points = query.ExpectedPoints;
            var start = query.Range.Start;
            var names = Uri.EscapeDataString(string.Join(",", call.Inputs.Select(i => i.Name).Distinct()));
            var aggregations = string.Join(",", call.Inputs.Select(i => i.Aggregation).Distinct());
            var interval = XmlConvert.ToString(query.Interval);
            var ns = Uri.EscapeDataString(call.Namespace);
            var results = new List<MetricSeries>();
            if (_batch)
            {
                var from = Uri.EscapeDataString(Iso(query.Range.Start));
                var to = Uri.EscapeDataString(Iso(query.Range.End));
                var uri = new Uri($"{RegionEndpoint(call.Region).AbsoluteUri.TrimEnd('/')}/subscriptions/{call.Subscription}/metrics:getBatch"
                    + $"?api-version={ApiVersion}&metricnamespace={ns}&metricnames={names}&starttime={from}&endtime={to}&interval={interval}&aggregation={aggregations}");
                var body = new JsonObject { ["resourceids"] = new JsonArray([.. call.Resources.Select(r => (JsonNode)r.Id)]) };
                var response = await _dataPlane.SendAsync(RequestMethod.Post, uri, body, "POST metrics:getBatch", ArmActions.MetricsRead, cancellationToken).ConfigureAwait(false);
                foreach (var value in (response.Json?["values"] as JsonArray ?? []).OfType<JsonNode>())
                {
                    var id = value["resourceid"]?.GetValue<string>();
                    var resource = call.Resources.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
                    if (resource is not null)
                    {
                        Add(results, resource, value["value"] as JsonArray ?? [], call, start, query.Interval, points, _instanceMemoryMb);
                    }
                }
            }
            else
            {
                var resource = call.Resources[0];
                var timespan = Uri.EscapeDataString($"{Iso(query.Range.Start)}/{Iso(query.Range.End)}");
                var uri = new Uri($"{_arm.Options.ArmEndpoint.AbsoluteUri.TrimEnd('/')}{resource.Id}/providers/Microsoft.Insights/metrics"
                    + $"?api-version={ApiVersion}&metricnames={names}&aggregation={aggregations}&interval={interval}&timespan={timespan}&metricnamespace={ns}");
                var response = await _arm.SendAsync(RequestMethod.Get, uri, null, "GET Microsoft.Insights/metrics", ArmActions.MetricsRead, cancellationToken).ConfigureAwait(false);
                Add(results, resource, response.Json?["value"] as JsonArray ?? [], call, start, query.Interval, points, _instanceMemoryMb);
            }

            return results;
        }
        finally
        {
            gate.Release();
        }
    }

    private static void Add(
        List<MetricSeries> results, ResourceRef resource, JsonArray metrics, MetricCall call, DateTimeOffset start, TimeSpan interval, int points, Func<string, int?> instanceMemoryMb)
    {
        var grids = MetricResponseParser.Grids(metrics, call.Inputs, start, interval, points);
        foreach (var mapping in call.Mappings)
        {
            var values = MetricResponseParser.Combine(mapping, grids, points);
            if (values is not null && mapping.PercentOfInstanceMemory)
            {
                var mb = instanceMemoryMb(resource.Id);
                values = mb is > 0 ? [.. values.Select(b => 100.0 * b / (mb.Value * 1024.0 * 1024.0))] : null;
            }

            if (values is not null)
            {
                results.Add(new MetricSeries(resource.Id, mapping.Metric, start, interval, values));
            }
        }
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>One planned metrics call.</summary>
internal sealed record MetricCall(
    string Subscription, string Region, string Namespace, IReadOnlyList<ResourceRef> Resources, IReadOnlyList<MetricMapping> Mappings, IReadOnlyList<AzureMetric> Inputs);
