using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using Azure.Core;
using Optimize.Azure.Http;
using Optimize.Metrics;

namespace Optimize.Azure.Metrics;

/// <content>The HTTP side of <see cref="MonitorMetricsClient"/>: one call, its response laid onto the query grid per resource.</content>
public sealed partial class MonitorMetricsClient
{
    /// <summary>Runs one call under the gate; returns each returned resource's grids keyed by Azure metric name.</summary>
    private async Task<List<(string Id, Dictionary<string, double[]> Grids)>> RunAsync(MetricCall call, MetricQuery query, SemaphoreSlim gate, CancellationToken cancellationToken)
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
            // The batch API names the filter "filter" (metricBatch spec), the ARM metrics API "$filter".
            var filter = call.Filter is null ? string.Empty : "&filter=" + Uri.EscapeDataString(call.Filter);
            var results = new List<(string, Dictionary<string, double[]>)>();
            if (_batch)
            {
                var from = Uri.EscapeDataString(Iso(query.Range.Start));
                var to = Uri.EscapeDataString(Iso(query.Range.End));
                var uri = new Uri($"{RegionEndpoint(call.Region).AbsoluteUri.TrimEnd('/')}/subscriptions/{call.Subscription}/metrics:getBatch"
                    + $"?api-version={ApiVersion}&metricnamespace={ns}&metricnames={names}&starttime={from}&endtime={to}&interval={interval}&aggregation={aggregations}{filter}");
                var body = new JsonObject { ["resourceids"] = new JsonArray([.. call.Ids.Select(id => (JsonNode)id)]) };
                var response = await _dataPlane.SendAsync(RequestMethod.Post, uri, body, "POST metrics:getBatch", ArmActions.MetricsRead, cancellationToken).ConfigureAwait(false);
                foreach (var value in (response.Json?["values"] as JsonArray ?? []).OfType<JsonNode>())
                {
                    var returned = value["resourceid"]?.GetValue<string>();
                    var id = call.Ids.FirstOrDefault(i => string.Equals(i, returned, StringComparison.OrdinalIgnoreCase));
                    if (id is not null)
                    {
                        results.Add((id, MetricResponseParser.Grids(value["value"] as JsonArray ?? [], call.Inputs, start, query.Interval, points, call.Sources.GetValueOrDefault(id))));
                    }
                }
            }
            else
            {
                var id = call.Ids[0];
                var timespan = Uri.EscapeDataString($"{Iso(query.Range.Start)}/{Iso(query.Range.End)}");
                var uri = new Uri($"{_arm.Options.ArmEndpoint.AbsoluteUri.TrimEnd('/')}{id}/providers/Microsoft.Insights/metrics"
                    + $"?api-version={ApiVersion}&metricnames={names}&aggregation={aggregations}&interval={interval}&timespan={timespan}&metricnamespace={ns}{(filter.Length > 0 ? "&$" + filter[1..] : string.Empty)}");
                var response = await _arm.SendAsync(RequestMethod.Get, uri, null, "GET Microsoft.Insights/metrics", ArmActions.MetricsRead, cancellationToken).ConfigureAwait(false);
                results.Add((id, MetricResponseParser.Grids(response.Json?["value"] as JsonArray ?? [], call.Inputs, start, query.Interval, points, call.Sources.GetValueOrDefault(id))));
            }

            return results;
        }
        finally
        {
            gate.Release();
        }
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
