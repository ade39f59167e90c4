using Optimize.Metrics;
using Optimize.Model;

namespace Optimize.Azure.Metrics;

/// <summary>One Azure metric and the aggregation read from it.</summary>
/// <param name="Name">Azure metric name, for example <c>Percentage CPU</c>.</param>
/// <param name="Aggregation"><c>average</c> or <c>total</c>.</param>
/// <param name="SplitBy">A dimension to split by (read in its own call with <c>{SplitBy} eq '*'</c>) so that only the series of the
/// resource's source is kept (autoscale: <c>MetricTriggerSource</c> = <see cref="ResourceRef.CpuRuleSource"/>); null reads the
/// metric whole.</param>
internal sealed record AzureMetric(string Name, string Aggregation, string? SplitBy = null);

/// <summary>How one engine metric of one kind is computed from Azure metrics, point by point.</summary>
/// <param name="Metric">Engine metric (<see cref="MetricNames"/>).</param>
/// <param name="Inputs">The Azure metrics read.</param>
/// <param name="Combine">Point value from the inputs' values at that point (same order); NaN when a needed input is missing.</param>
/// <param name="Memory">How a byte count becomes a memory percentage (<see cref="MemoryBasis"/>); the memory in effect at each
/// point comes from the query's configuration timeline (<see cref="MetricQuery.Configurations"/>), and a point where it is unknown
/// is NaN.</param>
internal sealed record MetricMapping(string Metric, IReadOnlyList<AzureMetric> Inputs, Func<double[], double> Combine, MemoryBasis Memory = MemoryBasis.None);

/// <summary>How a mapping's byte count relates to the memory of the configuration in effect.</summary>
internal enum MemoryBasis
{
    /// <summary>The combined value is the metric itself.</summary>
    None,

    /// <summary>Bytes used per instance, as a percentage of the Flex app's instance memory.</summary>
    UsedOfInstanceMemory,

    /// <summary>Bytes available per instance; memory% = 100 − available / the SKU's memory (scale sets: the SKU's MemoryGB).</summary>
    AvailableOfSkuMemory,
}

/// <summary>How one engine metric of an App Service plan is computed from the sites hosted on it (<see cref="ResourceRef.HostedSites"/>),
/// point by point.</summary>
/// <param name="Metric">Engine metric (<see cref="MetricNames"/>).</param>
/// <param name="Inputs">The sites' Azure metrics read (namespace <see cref="MetricMap.SitesNamespace"/>).</param>
/// <param name="Aggregate">Point value from each site's input values at that point (one array per site, inputs in order); NaN when no
/// site has the data.</param>
internal sealed record HostedSiteMapping(string Metric, IReadOnlyList<AzureMetric> Inputs, Func<IReadOnlyList<double[]>, double> Aggregate);

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
        // Scale set: the type publishes "Available Memory Bytes" (average over instances, VMName dimension) and no memory
        // percentage, so memory% = 100 − available / the memory of the SKU in effect at each point (Resource SKUs' MemoryGB).
        [ResourceKind.ScaleSet] = ("Microsoft.Compute/virtualMachineScaleSets",
        [
            new(MetricNames.Cpu, [new("Percentage CPU", "average")], v => v[0]),
            new(MetricNames.Memory, [new("Available Memory Bytes", "average")], v => v[0], MemoryBasis.AvailableOfSkuMemory),
        ]),
        // Plan: cpu and memory from the plan itself. Its latency and errors are not here: Microsoft.Web/serverfarms emits no response
        // time, 5xx or request count (serverfarms table); they come from its hosted sites (HostedSiteMappings below).
        [ResourceKind.AppServicePlan] = ("Microsoft.Web/serverfarms",
        [
            new(MetricNames.Cpu, [new("CpuPercentage", "average")], v => v[0]),
            new(MetricNames.Memory, [new("MemoryPercentage", "average")], v => v[0]),
        ]),

        // Flex app: response time in seconds → ms; errors% = 100·Http5xx/Requests (0 when no requests); memory% = average
        // working set (bytes) / instance memory in effect at the point (the query's configuration timeline);
        // cpu from CpuPercentage ("for Flex Consumption function apps only") and instances from InstanceCount.
        [ResourceKind.FunctionApp] = (SitesNamespace,
        [
            new(MetricNames.Cpu, [new("CpuPercentage", "average")], v => v[0]),
            new(MetricNames.Instances, [new("InstanceCount", "average")], v => v[0]),
            new(MetricNames.Memory, [new("AverageMemoryWorkingSet", "average")], v => v[0], MemoryBasis.UsedOfInstanceMemory),
            new(MetricNames.LatencyMs, [new("HttpResponseTime", "average")], v => v[0] * 1000.0),
            new(MetricNames.ErrorPercent, [new("Http5xx", "total"), new("Requests", "total")],
                v => double.IsNaN(v[1]) ? double.NaN : v[1] <= 0 ? 0 : 100.0 * (double.IsNaN(v[0]) ? 0 : v[0]) / v[1]),
        ]),

        // Autoscale: the capacity the engine observed and the value of the metric its CPU rule watches. ObservedMetricValue has
        // the dimension MetricTriggerSource (autoscalesettings table): one series per rule source, so it is split and only the CPU
        // rule's source is kept (other rules' metrics — queue length, memory — are not averaged in). ObservedCapacity has no
        // dimension, so it is read in another call (a filter on a dimension a metric lacks is refused).
        [ResourceKind.AutoscaleSetting] = ("microsoft.insights/autoscalesettings",
        [
            new(MetricNames.Instances, [new("ObservedCapacity", "average")], v => v[0]),
            new(MetricNames.Cpu, [new("ObservedMetricValue", "average", TriggerSource)], v => v[0]),
        ]),
    };

    /// <summary>
    /// A plan's metrics read from the sites hosted on it (Microsoft.Web/sites table: HttpResponseTime in seconds, average;
    /// Http5xx and Requests, total), aggregated over the sites per point: errors% = 100·ΣHttp5xx/ΣRequests (0 when no requests),
    /// latency = request-weighted mean of HttpResponseTime·1000 (the plain mean when a site's request count is missing).
    /// </summary>
    private static readonly Dictionary<ResourceKind, HostedSiteMapping[]> HostedSiteMappings = new()
    {
        [ResourceKind.AppServicePlan] =
        [
            new(MetricNames.LatencyMs, [new("HttpResponseTime", "average"), new("Requests", "total")], SiteAggregates.LatencyMs),
            new(MetricNames.ErrorPercent, [new("Http5xx", "total"), new("Requests", "total")], SiteAggregates.ErrorPercent),
        ],
    };

    /// <summary>The dimension of <c>ObservedMetricValue</c> naming the rule's metric source (autoscalesettings table).</summary>
    public const string TriggerSource = "MetricTriggerSource";

    /// <summary>The metric namespace of sites (Flex apps, and the sites hosted on a plan).</summary>
    public const string SitesNamespace = "Microsoft.Web/sites";

    /// <summary>The mappings of the requested engine metrics of <paramref name="kind"/> that are read from its hosted sites.</summary>
    public static IReadOnlyList<HostedSiteMapping> HostedSitesFor(ResourceKind kind, IEnumerable<string> metrics) =>
        HostedSiteMappings.TryGetValue(kind, out var mappings)
            ? mappings.Where(m => metrics.Contains(m.Metric, StringComparer.Ordinal)).ToArray()
            : [];

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

/// <summary>The per-point aggregates over a plan's hosted sites (<see cref="HostedSiteMapping.Aggregate"/>).</summary>
internal static class SiteAggregates
{
    /// <summary>100·ΣHttp5xx/ΣRequests over the sites that report Requests (input 0: Http5xx, 1: Requests); a site's missing
    /// Http5xx counts as none; 0 when the total is no requests; NaN when no site reports Requests.</summary>
    public static double ErrorPercent(IReadOnlyList<double[]> sites)
    {
        double errors = 0, requests = 0;
        var any = false;
        foreach (var v in sites)
        {
            if (double.IsNaN(v[1]))
            {
                continue;
            }

            any = true;
            requests += v[1];
            errors += double.IsNaN(v[0]) ? 0 : v[0];
        }

        return !any ? double.NaN : requests <= 0 ? 0 : 100.0 * errors / requests;
    }

    /// <summary>Mean response time in ms over the sites that report it (input 0: HttpResponseTime in seconds, 1: Requests), weighted
    /// by each site's requests when every such site reports a request count and they total more than none, else the plain mean;
    /// NaN when no site reports a response time.</summary>
    public static double LatencyMs(IReadOnlyList<double[]> sites)
    {
        double weighted = 0, weights = 0, sum = 0;
        var count = 0;
        var allWeighted = true;
        foreach (var v in sites)
        {
            if (double.IsNaN(v[0]))
            {
                continue;
            }

            count++;
            sum += v[0];
            if (double.IsNaN(v[1]))
            {
                allWeighted = false;
            }
            else
            {
                weighted += v[0] * v[1];
                weights += v[1];
            }
        }

        return count == 0 ? double.NaN : 1000.0 * (allWeighted && weights > 0 ? weighted / weights : sum / count);
    }
}
