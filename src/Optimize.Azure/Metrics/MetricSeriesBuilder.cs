using Optimize.Metrics;
using Optimize.Model;

namespace Optimize.Azure.Metrics;

/// <summary>Turns the grids read for a query into engine series: a resource's own metrics, and a plan's from its hosted sites.</summary>
internal static class MetricSeriesBuilder
{
    private const double MiB = 1024.0 * 1024.0;
    private const double GiB = 1024.0 * MiB;

    /// <summary>The series of <paramref name="resource"/> computed from its own grids; a mapping with no data at any point is omitted.
    /// A memory mapping (<see cref="MetricMapping.Memory"/>) relates each point to the memory of the configuration in effect over that
    /// point (<see cref="MetricQuery.ConfigOver"/>; a SKU's memory from <paramref name="skuMemoryGb"/>); a point where it is unknown is NaN.</summary>
    public static IEnumerable<MetricSeries> Direct(
        ResourceRef resource, Dictionary<string, double[]> grids, IReadOnlyList<MetricMapping> mappings, MetricQuery query, Func<string, double?> skuMemoryGb)
    {
        var points = query.ExpectedPoints;
        foreach (var mapping in mappings)
        {
            var values = MetricResponseParser.Combine(mapping, grids, points);
            if (values is not null && mapping.Memory != MemoryBasis.None)
            {
                values = MemoryPercent(resource.Id, values, query, mapping.Memory, skuMemoryGb);
            }

            if (values is not null)
            {
                yield return new MetricSeries(resource.Id, mapping.Metric, query.Range.Start, query.Interval, values);
            }
        }
    }

    /// <summary>
    /// The series of a plan computed from the grids of its hosted sites (<see cref="ResourceRef.HostedSites"/>): at each point the
    /// mapping's aggregate over the sites with a grid. Omitted when the plan hosts no site or no point has data.
    /// </summary>
    public static IEnumerable<MetricSeries> FromHostedSites(
        ResourceRef plan, IReadOnlyDictionary<string, Dictionary<string, double[]>> sites, IReadOnlyList<HostedSiteMapping> mappings, MetricQuery query)
    {
        var read = plan.HostedSites.Distinct(StringComparer.OrdinalIgnoreCase).Select(s => sites.GetValueOrDefault(s)).OfType<Dictionary<string, double[]>>().ToArray();
        if (read.Length == 0)
        {
            yield break;
        }

        var points = query.ExpectedPoints;
        foreach (var mapping in mappings)
        {
            var inputs = read.Select(grids => mapping.Inputs.Select(i => grids.GetValueOrDefault(i.Name)).ToArray()).ToArray();
            var values = new double[points];
            var any = false;
            for (var p = 0; p < points; p++)
            {
                var args = inputs.Select(site => site.Select(g => g?[p] ?? double.NaN).ToArray()).ToArray();
                values[p] = mapping.Aggregate(args);
                any |= !double.IsNaN(values[p]);
            }

            if (any)
            {
                yield return new MetricSeries(plan.Id, mapping.Metric, query.Range.Start, query.Interval, values);
            }
        }
    }

    /// <summary>Bytes per instance as a memory percentage of the configuration in effect at each point; null when no point is known.</summary>
    private static double[]? MemoryPercent(string resourceId, double[] bytes, MetricQuery query, MemoryBasis basis, Func<string, double?> skuMemoryGb)
    {
        var result = new double[bytes.Length];
        var any = false;
        for (var p = 0; p < bytes.Length; p++)
        {
            var start = query.Range.Start + (query.Interval * p);
            var config = query.ConfigOver(resourceId, start, start + query.Interval);
            result[p] = (basis, config) switch
            {
                (MemoryBasis.UsedOfInstanceMemory, FunctionAppConfig { InstanceMemoryMb: > 0 } flex) => 100.0 * bytes[p] / (flex.InstanceMemoryMb * MiB),
                (MemoryBasis.AvailableOfSkuMemory, ScaleSetConfig set) when skuMemoryGb(set.Sku) is { } gb && gb > 0 =>
                    Math.Clamp(100.0 - (100.0 * bytes[p] / (gb * GiB)), 0, 100),
                _ => double.NaN,
            };
            any |= !double.IsNaN(result[p]);
        }

        return any ? result : null;
    }
}
