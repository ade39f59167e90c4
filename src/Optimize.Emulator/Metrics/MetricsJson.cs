using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Optimize.Emulator.Metrics;

/// <summary>
/// The JSON bodies of the metrics surface, shaped as monitor.resource-manager.metrics.2024-02-01.json defines them
/// (MetricDefinition, Response, Metric, TimeSeriesElement, MetricValue) and as the published examples show them
/// (fixtures/arm/Microsoft.Insights/2024-02-01: GetMetricDefinitions.json, GetMetric.json, MetricBatchExample.json).
/// </summary>
internal static class MetricsJson
{
    /// <summary>Retention of every time grain (GetMetricDefinitions.json: P93D).</summary>
    public const string Retention = "P93D";

    private static readonly string[] SupportedAggregations = ["None", "Average", "Minimum", "Maximum", "Total", "Count"];

    /// <summary>
    /// The Insights RP's own error, not wrapped (spec: <c>Microsoft.Common.CommonErrorResponse</c> is <c>{code, message}</c>;
    /// conventions/azure-monitor-docs/migrate-to-batch-api.excerpts.md "Error response changes", Metrics API error response).
    /// </summary>
    public static IResult BadRequest(string message) =>
        Results.Json(new JsonObject { ["code"] = "BadRequest", ["message"] = message }, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>One MetricDefinition of <paramref name="row"/> for <paramref name="resourceId"/>.</summary>
    public static JsonObject Definition(string resourceId, MetricTable table, MetricRow row) => new()
    {
        ["id"] = $"{resourceId}/providers/microsoft.insights/metricdefinitions/{row.Name}",
        ["resourceId"] = resourceId,
        ["namespace"] = table.Namespace,
        ["name"] = Name(row.Name, row.DisplayName),
        ["displayDescription"] = row.Description,
        ["isDimensionRequired"] = false,
        ["unit"] = row.Unit,
        ["primaryAggregationType"] = row.PrimaryAggregation,
        ["supportedAggregationTypes"] = new JsonArray([.. SupportedAggregations.Select(a => (JsonNode)a)]),
        ["metricAvailabilities"] = new JsonArray([.. row.TimeGrains.Select(g => (JsonNode)new JsonObject { ["timeGrain"] = g, ["retention"] = Retention })]),
        ["dimensions"] = new JsonArray([.. row.Dimensions.Select(d => (JsonNode)Name(d, d))]),
    };

    /// <summary>
    /// One Metric: its time series on <paramref name="grid"/> with the requested aggregations per point. A point without
    /// data keeps its <c>timeStamp</c> only (MetricBatchExample.json shows such points); a series without any data is
    /// <c>timeseries: []</c> (migrate-to-batch-api.excerpts.md, "Empty time series returned").
    /// </summary>
    public static JsonObject Metric(string resourceId, MetricRow row, Bins bins, MetricGrid grid, IReadOnlyList<string> aggregations, JsonArray metadata)
    {
        var asked = aggregations.Count > 0 ? aggregations : [row.PrimaryAggregation];
        var timeseries = new JsonArray();
        if (bins.Count.Any(c => c > 0))
        {
            var data = new JsonArray();
            for (var k = 0; k < grid.Points; k++)
            {
                var point = new JsonObject { ["timeStamp"] = MetricsQuery.Iso(grid.At(k)) };
                foreach (var aggregation in asked)
                {
                    if (bins.Value(aggregation, k) is double value)
                    {
                        point[aggregation.ToLowerInvariant()] = value;
                    }
                }

                data.Add(point);
            }

            timeseries.Add(new JsonObject { ["metadatavalues"] = metadata, ["data"] = data });
        }

        return new JsonObject
        {
            ["id"] = $"{resourceId}/providers/Microsoft.Insights/metrics/{row.Name}",
            ["type"] = "Microsoft.Insights/metrics",
            ["name"] = Name(row.Name, row.DisplayName),
            ["displayDescription"] = row.Description,
            ["unit"] = row.Unit,
            ["timeseries"] = timeseries,
            ["errorCode"] = "Success",
        };
    }

    /// <summary>A Metric that failed for this resource (batch): <c>errorCode</c>/<c>errorMessage</c> and no time series (specs/NOTES.md (e)).</summary>
    public static JsonObject FailedMetric(string resourceId, MetricRow row, string code, string message) => new()
    {
        ["id"] = $"{resourceId}/providers/Microsoft.Insights/metrics/{row.Name}",
        ["type"] = "Microsoft.Insights/metrics",
        ["name"] = Name(row.Name, row.DisplayName),
        ["unit"] = row.Unit,
        ["timeseries"] = new JsonArray(),
        ["errorCode"] = code,
        ["errorMessage"] = message,
    };

    /// <summary>A metadata value of a dimension (<c>{name:{value, localizedValue}, value}</c>, names lower-cased as in GetMetric.json).</summary>
    public static JsonObject MetadataValue(string dimension, string value) =>
        new() { ["name"] = Name(dimension.ToLowerInvariant(), dimension.ToLowerInvariant()), ["value"] = value };

    private static JsonObject Name(string value, string localized) => new() { ["value"] = value, ["localizedValue"] = localized };
}
