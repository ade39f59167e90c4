namespace Optimize.Emulator.Metrics;

/// <summary>One row of a published supported-metrics table (metrics/microsoft-*-metrics.md, "Table headings").</summary>
/// <param name="DisplayName">The portal's display name (<c>localizedValue</c>), for example <c>Percentage CPU</c>.</param>
/// <param name="Description">The description after the display name (<c>displayDescription</c>).</param>
/// <param name="Name">The REST name (<c>name.value</c>, what <c>metricnames</c> holds).</param>
/// <param name="Unit">The unit as the table spells it (a MetricUnit value: Percent, Bytes, Count, Seconds...).</param>
/// <param name="Aggregations">The aggregation column, normalised to AggregationType values (<c>Total (Sum)</c> → <c>Total</c>); the first is the primary (default) one.</param>
/// <param name="Dimensions">Dimension names; empty for <c>&lt;none&gt;</c>.</param>
/// <param name="TimeGrains">The time grains column (ISO 8601 durations such as <c>PT1M</c>).</param>
internal sealed record MetricRow(
    string DisplayName,
    string Description,
    string Name,
    string Unit,
    IReadOnlyList<string> Aggregations,
    IReadOnlyList<string> Dimensions,
    IReadOnlyList<string> TimeGrains)
{
    /// <summary>The default aggregation (<c>primaryAggregationType</c>).</summary>
    public string PrimaryAggregation => Aggregations.Count > 0 ? Aggregations[0] : "Average";
}

/// <summary>The supported metrics of one resource type, in table order. Names compare case-insensitively, as Monitor does.</summary>
/// <param name="Namespace">The resource type as the table's title spells it, for example <c>Microsoft.Compute/virtualMachines</c>.</param>
/// <param name="Rows">The metrics, in table order.</param>
/// <param name="Source">Where it came from: the table files read, or <c>built-in</c>.</param>
internal sealed record MetricTable(string Namespace, IReadOnlyList<MetricRow> Rows, string Source)
{
    /// <summary>The row named <paramref name="name"/> (case-insensitive), or null.</summary>
    public MetricRow? Find(string name) =>
        Rows.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The built-in fallback used when no contract pack is found: only the metrics the emulator computes from the fleet, with
/// the display name, unit, aggregation, dimensions and grain the published tables give them (copied by hand from
/// metrics/*.md; the tests compare the real tables when ../shared is present).
/// </summary>
internal static class BuiltInMetricTables
{
    private static readonly string[] Minute = ["PT1M"];

    /// <summary>The five tables, keyed by namespace (case-insensitive).</summary>
    public static IReadOnlyDictionary<string, MetricTable> All { get; } = Build();

    private static Dictionary<string, MetricTable> Build()
    {
        MetricRow Row(string display, string name, string unit, string aggregation, params string[] dimensions) =>
            new(display, display, name, unit, [aggregation], dimensions, Minute);

        MetricTable Table(string ns, params MetricRow[] rows) => new(ns, rows, "built-in");

        var tables = new[]
        {
            Table(MetricNamespaces.VirtualMachines,
                Row("Available Memory Bytes", "Available Memory Bytes", "Bytes", "Average"),
                Row("Available Memory Percentage", "Available Memory Percentage", "Percent", "Average"),
                Row("Percentage CPU", "Percentage CPU", "Percent", "Average")),
            Table(MetricNamespaces.ScaleSets,
                Row("Available Memory Bytes (Preview)", "Available Memory Bytes", "Bytes", "Average", "VMName"),
                Row("Percentage CPU", "Percentage CPU", "Percent", "Average", "VMName")),
            Table(MetricNamespaces.ServerFarms,
                Row("CPU Percentage", "CpuPercentage", "Percent", "Average", "Instance"),
                Row("Memory Percentage", "MemoryPercentage", "Percent", "Average", "Instance")),
            Table(MetricNamespaces.Sites,
                Row("Average memory working set", "AverageMemoryWorkingSet", "Bytes", "Average", "Instance"),
                Row("Percentage CPU", "CpuPercentage", "Percent", "Average", "Instance"),
                Row("Http Server Errors", "Http5xx", "Count", "Total", "Instance"),
                Row("Response Time", "HttpResponseTime", "Seconds", "Average", "Instance"),
                Row("Automatic Scaling Instance Count", "InstanceCount", "Count", "Average"),
                Row("Memory working set", "MemoryWorkingSet", "Bytes", "Average", "Instance"),
                Row("Requests", "Requests", "Count", "Total", "Instance")),
            Table(MetricNamespaces.AutoscaleSettings,
                Row("Observed Capacity", "ObservedCapacity", "Count", "Average"),
                Row("Observed Metric Value", "ObservedMetricValue", "Count", "Average", "MetricTriggerSource")),
        };
        return tables.ToDictionary(t => t.Namespace, StringComparer.OrdinalIgnoreCase);
    }
}
