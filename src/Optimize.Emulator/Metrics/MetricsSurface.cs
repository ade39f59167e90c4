using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Metrics;

/// <summary>
/// What the ARM metrics API and the batch data plane share: the tables, the check of metric names and dimension filters
/// against a type's table, and the Metric list of one resource for a query.
/// </summary>
internal sealed partial class MetricsSurface(EmulatorWorld world, MetricTables tables)
{
    /// <summary>The api-version both operations are served at.</summary>
    public const string ApiVersion = "2024-02-01";

    /// <summary>The tables served.</summary>
    public MetricTables Tables { get; } = tables;

    /// <summary>The world behind the surface.</summary>
    public EmulatorWorld World { get; } = world;

    /// <summary>The table of <paramref name="resource"/>'s type (always present: the five kinds have one each).</summary>
    public MetricTable TableOf(SimulatedResource resource) =>
        Tables.Find(MetricNamespaces.Of(resource.Resource.Kind))
        ?? throw new InvalidOperationException($"No supported-metrics table for {resource.Resource.Kind}.");

    /// <summary>
    /// The rows of the requested names (the table's first metric when none is named).
    /// </summary>
    /// <exception cref="MetricsQueryException">A name is not in the table, with Monitor's message: "Failed to find metric
    /// configuration for provider: {provider}, resource Type: {type}, metric: {name}, Valid metrics: {names}" (as Azure
    /// answers it; Azure/azure-sdk-for-net issue 29584 and centreon-plugins issue 2813 quote it).</exception>
    public static IReadOnlyList<MetricRow> Rows(MetricTable table, MetricsQuery query)
    {
        if (query.MetricNames.Count == 0)
        {
            return [table.Rows[0]];
        }

        var rows = new List<MetricRow>();
        foreach (var name in query.MetricNames)
        {
            var row = table.Find(name);
            if (row is null)
            {
                var slash = table.Namespace.IndexOf('/', StringComparison.Ordinal);
                throw new MetricsQueryException($"Failed to find metric configuration for provider: {table.Namespace[..slash]}, resource Type: "
                    + $"{table.Namespace[(slash + 1)..]}, metric: {name}, Valid metrics: {string.Join(",", table.Rows.Select(r => r.Name))}");
            }

            if (!rows.Contains(row))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>
    /// The dimensions a filter names (<c>Dim eq 'v'</c>); each must be a dimension of every requested metric, else Monitor's
    /// "Metric: {name} does not support requested dimension combination: {dims}, supported ones are: {dims}"
    /// (migrate-to-batch-api.excerpts.md, "Error response changes").
    /// </summary>
    /// <exception cref="MetricsQueryException">A metric lacks a filtered dimension.</exception>
    public static IReadOnlyList<string> FilterDimensions(string? filter, IReadOnlyList<MetricRow> rows)
    {
        var dimensions = string.IsNullOrWhiteSpace(filter) ? [] : FilterTerm().Matches(filter).Select(m => m.Groups["dim"].Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var row in rows)
        {
            var missing = dimensions.Where(d => !row.Dimensions.Contains(d, StringComparer.OrdinalIgnoreCase)).ToList();
            if (missing.Count > 0)
            {
                throw new MetricsQueryException($"Metric: {row.Name} does not support requested dimension combination: {string.Join(",", dimensions)}, supported ones are: {string.Join(",", row.Dimensions)}");
            }
        }

        return dimensions;
    }

    /// <summary>
    /// The Metric objects of <paramref name="resource"/> for <paramref name="query"/>, values from the fleet at the world's now. A
    /// <paramref name="filter"/> naming a <c>MetricTriggerSource</c> other than <c>'*'</c> and the one source served (the
    /// setting's target) matches nothing: <c>timeseries: []</c> (migrate-to-batch-api.excerpts.md, "Empty time series returned").
    /// </summary>
    public JsonArray Metrics(SimulatedResource resource, IReadOnlyList<MetricRow> rows, MetricsQuery query, IReadOnlyList<string> dimensions, string? filter = null)
    {
        var grid = query.Grid();
        var bins = FleetMetricValues.Aggregate(World.Fleet, resource, [.. rows.Select(r => r.Name)], grid, World.Time.GetUtcNow());
        var source = string.IsNullOrWhiteSpace(filter) ? null : FilterValue().Match(filter) is { Success: true } m ? m.Groups["value"].Value : null;
        var excluded = source is not null && source != "*" && resource.TargetIndex is int target
            && !string.Equals(source, World.Fleet[target].Resource.Id, StringComparison.OrdinalIgnoreCase);
        var metrics = new JsonArray();
        for (var i = 0; i < rows.Count; i++)
        {
            var metric = MetricsJson.Metric(resource.Resource.Id, rows[i], bins[i], grid, query.Aggregations, Metadata(resource, dimensions));
            if (excluded)
            {
                metric["timeseries"] = new JsonArray();
            }

            metrics.Add(metric);
        }

        return metrics;
    }

    /// <summary>The Metric objects of the hosted site <paramref name="siteId"/> (site <paramref name="site"/> of <paramref name="count"/>
    /// on <paramref name="plan"/>) for <paramref name="query"/>, from the plan's steps (<see cref="FleetMetricValues.AggregateHostedSite"/>).</summary>
    public JsonArray HostedSiteMetrics(string siteId, SimulatedResource plan, int count, IReadOnlyList<MetricRow> rows, MetricsQuery query)
    {
        var grid = query.Grid();
        var bins = FleetMetricValues.AggregateHostedSite(World.Fleet, plan, count, [.. rows.Select(r => r.Name)], grid, World.Time.GetUtcNow());
        var metrics = new JsonArray();
        for (var i = 0; i < rows.Count; i++)
        {
            metrics.Add(MetricsJson.Metric(siteId, rows[i], bins[i], grid, query.Aggregations, new JsonArray()));
        }

        return metrics;
    }

    /// <summary>
    /// Metadata of the one series served per metric: the autoscale setting's <c>MetricTriggerSource</c> is the resource its
    /// rules watch (its target). Other dimensions (Instance, VMName) are accepted but not split: the fleet models a
    /// resource as a whole, so the series aggregates every instance.
    /// </summary>
    private JsonArray Metadata(SimulatedResource resource, IReadOnlyList<string> dimensions)
    {
        var metadata = new JsonArray();
        if (resource.TargetIndex is int target && dimensions.Contains("MetricTriggerSource", StringComparer.OrdinalIgnoreCase))
        {
            metadata.Add(MetricsJson.MetadataValue("MetricTriggerSource", World.Fleet[target].Resource.Id));
        }

        return metadata;
    }

    [GeneratedRegex(@"(?<dim>[A-Za-z][A-Za-z0-9_.]*)\s+eq\s+'", RegexOptions.IgnoreCase)]
    private static partial Regex FilterTerm();

    [GeneratedRegex(@"MetricTriggerSource\s+eq\s+'(?<value>[^']*)'", RegexOptions.IgnoreCase)]
    private static partial Regex FilterValue();
}
