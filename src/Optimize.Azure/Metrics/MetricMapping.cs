using Optimize.Metrics;
using Optimize.Model;

namespace Optimize.Azure.Metrics;

/// <summary>One Azure metric and the aggregation read from it.</summary>
/// <param name="Name">Azure metric name, for example <c>Percentage CPU</c>.</param>
/// <param name="Aggregation"><c>average</c> or <c>total</c>.</param>
internal sealed record AzureMetric(string Name, string Aggregation);

/// <summary>How one engine metric of one kind is computed from Azure metrics, point by point.</summary>
/// <param name="Metric">Engine metric (<see cref="MetricNames"/>).</param>
/// <param name="Inputs">The Azure metrics read.</param>
/// <param name="Combine">Point value from the inputs' values at that point (same order); NaN when a needed input is missing.</param>
/// <param name="PercentOfInstanceMemory">The combined value is bytes per instance, reported as a percentage of the resource's
/// instance memory (Flex apps); the series is omitted when that memory is unknown.</param>
internal sealed record MetricMapping(string Metric, IReadOnlyList<AzureMetric> Inputs, Func<double[], double> Combine, bool PercentOfInstanceMemory = false);

/// <summary>
/// The engine-to-Azure metric map per kind (Azure Monitor supported-metrics pages; names checked against GetMetricDefinitions for sites).
/// A (kind, metric) pair absent here is not read: the consumer sees zero coverage.
/// </summary>
internal static class MetricMap
{
    private static readonly Dictionary<ResourceKind, (string Namespace, MetricMapping[] Mappings)> Map = new()
    {
        // VM: memory% = 100 − "Available Memory Percentage" (platform metric, no agent needed). Held to the published
        // supported-metrics tables by MetricMapContractTests.
        [ResourceKind.VirtualMachine] = ("Microsoft.Compute/virtualMachines", ComputeMappings()),
        // Scale set: the type publishes "Available Memory Bytes" only, no memory percentage; memory% would need the SKU's
        // memory in effect at each point, so it is not read (the advisor then reports no memory data rather than a 400).
        [ResourceKind.ScaleSet] = ("Microsoft.Compute/virtualMachineScaleSets",
        [
            new(MetricNames.Cpu, [new("Percentage CPU", "average")], v => v[0]),
        ]),
        [ResourceKind.AppServicePlan] = ("Microsoft.Web/serverfarms",
        [
            new(MetricNames.Cpu, [new("CpuPercentage", "average")], v => v[0]),
            new(MetricNames.Memory, [new("MemoryPercentage", "average")], v => v[0]),
        ]),

        // Flex app: response time in seconds → ms; errors% = 100·Http5xx/Requests (0 when no requests); memory% = average
        // working set (bytes) / instance memory, the memory coming from the app's configuration as listed by the inventory;
        // cpu from CpuPercentage ("for Flex Consumption function apps only") and instances from InstanceCount.
        [ResourceKind.FunctionApp] = ("Microsoft.Web/sites",
        [
            new(MetricNames.Cpu, [new("CpuPercentage", "average")], v => v[0]),
            new(MetricNames.Instances, [new("InstanceCount", "average")], v => v[0]),
            new(MetricNames.Memory, [new("AverageMemoryWorkingSet", "average")], v => v[0], PercentOfInstanceMemory: true),
            new(MetricNames.LatencyMs, [new("HttpResponseTime", "average")], v => v[0] * 1000.0),
            new(MetricNames.ErrorPercent, [new("Http5xx", "total"), new("Requests", "total")],
                v => double.IsNaN(v[1]) ? double.NaN : v[1] <= 0 ? 0 : 100.0 * (double.IsNaN(v[0]) ? 0 : v[0]) / v[1]),
        ]),

        // Autoscale: the capacity the engine observed and the value of the metric its rules watch (CPU for Optimize's rules).
        [ResourceKind.AutoscaleSetting] = ("microsoft.insights/autoscalesettings",
        [
            new(MetricNames.Instances, [new("ObservedCapacity", "average")], v => v[0]),
            new(MetricNames.Cpu, [new("ObservedMetricValue", "average")], v => v[0]),
        ]),
    };

    /// <summary>The metric namespace of <paramref name="kind"/>.</summary>
    public static string Namespace(ResourceKind kind) => Map[kind].Namespace;

    /// <summary>The mappings of the requested engine metrics for <paramref name="kind"/>.</summary>
    public static IReadOnlyList<MetricMapping> For(ResourceKind kind, IEnumerable<string> metrics) =>
        Map[kind].Mappings.Where(m => metrics.Contains(m.Metric, StringComparer.Ordinal)).ToArray();

    private static MetricMapping[] ComputeMappings() =>
    [
        new(MetricNames.Cpu, [new("Percentage CPU", "average")], v => v[0]),
        new(MetricNames.Memory, [new("Available Memory Percentage", "average")], v => 100.0 - v[0]),
    ];
}
