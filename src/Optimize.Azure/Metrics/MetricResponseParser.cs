using System.Globalization;
using System.Text.Json.Nodes;

namespace Optimize.Azure.Metrics;

/// <summary>Lays the points of a Monitor metrics response onto the query grid; missing points stay NaN.</summary>
internal static class MetricResponseParser
{
    /// <summary>
    /// Reads the <c>value</c> array of one resource's response (ARM metrics or one entry of a batch response) into grids keyed by
    /// Azure metric name, using each metric's aggregation. Several time series (dimensions) are averaged (average) or summed (total).
    /// Metrics whose <c>errorCode</c> is not Success are skipped. For a metric split by a dimension (<see cref="AzureMetric.SplitBy"/>)
    /// and a known <paramref name="source"/>, only the series whose <c>metadatavalues</c> give that dimension the value
    /// <paramref name="source"/> (case-insensitive) are used.
    /// </summary>
    public static Dictionary<string, double[]> Grids(
        JsonArray metrics, IReadOnlyList<AzureMetric> wanted, DateTimeOffset start, TimeSpan interval, int points, string? source = null)
    {
        var grids = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var metric in metrics.OfType<JsonNode>())
        {
            var name = metric["name"]?["value"]?.GetValue<string>();
            var code = metric["errorCode"]?.GetValue<string>();
            var spec = wanted.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));
            if (name is null || spec is null || (code is not null && !code.Equals("Success", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var sums = new double[points];
            var counts = new int[points];
            foreach (var series in (metric["timeseries"] as JsonArray ?? []).OfType<JsonNode>())
            {
                if (spec.SplitBy is { } dimension && source is not null && !Matches(series, dimension, source))
                {
                    continue;
                }

                foreach (var point in (series["data"] as JsonArray ?? []).OfType<JsonNode>())
                {
                    var value = point[spec.Aggregation]?.GetValue<double>();
                    var stamp = point["timeStamp"]?.GetValue<string>();
                    if (value is null || stamp is null)
                    {
                        continue;
                    }

                    var at = DateTimeOffset.Parse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                    var index = (long)Math.Floor((at - start) / interval);
                    if (index < 0 || index >= points)
                    {
                        continue;
                    }

                    sums[index] += value.Value;
                    counts[index]++;
                }
            }

            var grid = new double[points];
            for (var i = 0; i < points; i++)
            {
                grid[i] = counts[i] == 0 ? double.NaN : spec.Aggregation == "total" ? sums[i] : sums[i] / counts[i];
            }

            grids[name] = grid;
        }

        return grids;
    }

    /// <summary>Whether the series' metadata value of <paramref name="dimension"/> (names lower-cased in responses) is <paramref name="value"/>.</summary>
    private static bool Matches(JsonNode series, string dimension, string value) =>
        (series["metadatavalues"] as JsonArray ?? []).OfType<JsonNode>().Any(m =>
            string.Equals(m["name"]?["value"]?.GetValue<string>(), dimension, StringComparison.OrdinalIgnoreCase)
            && string.Equals(m["value"]?.GetValue<string>(), value, StringComparison.OrdinalIgnoreCase));

    /// <summary>Combines input grids into the engine metric's grid; null when no point has data.</summary>
    public static double[]? Combine(MetricMapping mapping, Dictionary<string, double[]> grids, int points)
    {
        var inputs = mapping.Inputs.Select(i => grids.GetValueOrDefault(i.Name)).ToArray();
        if (inputs.All(g => g is null))
        {
            return null;
        }

        var result = new double[points];
        var args = new double[inputs.Length];
        var any = false;
        for (var p = 0; p < points; p++)
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                args[i] = inputs[i]?[p] ?? double.NaN;
            }

            result[p] = mapping.Combine(args);
            any |= !double.IsNaN(result[p]);
        }

        return any ? result : null;
    }
}
