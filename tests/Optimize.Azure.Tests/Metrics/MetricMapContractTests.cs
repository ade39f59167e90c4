using System.Text.RegularExpressions;
using Optimize.Advisors;
using Optimize.Azure.Metrics;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Testing;

namespace Optimize.Azure.Tests.Metrics;

/// <summary>
/// The metric map held to Azure's published supported-metrics tables (../shared/azure-contract/metrics): every Azure
/// metric read exists for its resource type with the aggregation read; and every metric a default guard watches or an
/// advisor needs is read, so no default change rolls back for lack of data (issue 8: plan and Flex guards watched
/// metrics that were never read; a plan's latency and errors are now read from its hosted sites).
/// </summary>
public sealed partial class MetricMapContractTests
{
    /// <summary>Supported-metrics page (and its include, which holds the table for some types) per namespace.</summary>
    private static readonly Dictionary<string, string[]> Pages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.Compute/virtualMachines"] = ["microsoft-compute-virtualmachines-metrics.md"],
        ["Microsoft.Compute/virtualMachineScaleSets"] = ["microsoft-compute-virtualmachinescalesets-metrics.md", "includes/microsoft-compute-virtualmachinescalesets-metrics-include.md"],
        ["Microsoft.Web/serverfarms"] = ["microsoft-web-serverfarms-metrics.md", "includes/microsoft-web-serverfarms-metrics-include.md"],
        ["Microsoft.Web/sites"] = ["microsoft-web-sites-metrics.md"],
        ["microsoft.insights/autoscalesettings"] = ["microsoft-insights-autoscalesettings-metrics.md", "includes/microsoft-insights-autoscalesettings-metrics-include.md"],
    };

    /// <summary>Advisor inputs Azure does not emit for the type, with the reason; each is a known, named gap (the advisor
    /// then reports missing data and recommends nothing). Default guards have no such allowance.</summary>
    private static readonly Dictionary<(ResourceKind, string), string> KnownGaps = new()
    {
        // virtualMachineScaleSets publishes "Available Memory Bytes" only, not a percentage: memory% needs the SKU's
        // memory at each point, i.e. the configuration in effect when it was recorded (issue 9), not an inventory side channel.
        [(ResourceKind.ScaleSet, MetricNames.Memory)] = "scale sets emit Available Memory Bytes only",
    };

    public static TheoryData<ResourceKind> Kinds => new(Enum.GetValues<ResourceKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryAzureMetricRead_IsInTheTypesSupportedMetricsTable_WithThatAggregation(ResourceKind kind)
    {
        var table = Table(MetricMap.Namespace(kind));

        foreach (var input in MetricMap.For(kind, MetricNames.All).SelectMany(m => m.Inputs))
        {
            Assert.True(table.TryGetValue(input.Name, out var aggregation), $"{kind}: '{input.Name}' is not a metric of {MetricMap.Namespace(kind)}");
            Assert.StartsWith(input.Aggregation, aggregation, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryAzureMetricReadFromHostedSites_IsInTheSitesTable_AndNotEmittedByTheKindItself(ResourceKind kind)
    {
        var sites = Table(MetricMap.SitesNamespace);
        var own = Table(MetricMap.Namespace(kind));

        foreach (var mapping in MetricMap.HostedSitesFor(kind, MetricNames.All))
        {
            foreach (var input in mapping.Inputs)
            {
                Assert.True(sites.TryGetValue(input.Name, out var aggregation), $"{kind}: '{input.Name}' is not a metric of {MetricMap.SitesNamespace}");
                Assert.StartsWith(input.Aggregation, aggregation, StringComparison.OrdinalIgnoreCase);
            }

            // Read from the sites because the kind's own table has no such metric (serverfarms: no response time, 5xx or requests).
            Assert.DoesNotContain(mapping.Inputs, i => own.ContainsKey(i.Name));
            Assert.DoesNotContain(MetricMap.For(kind, MetricNames.All), m => m.Metric == mapping.Metric);
        }
    }

    [Fact]
    public void AppServicePlan_LatencyAndErrors_AreReadFromItsHostedSites()
    {
        Assert.Equal(
            [MetricNames.ErrorPercent, MetricNames.LatencyMs],
            MetricMap.HostedSitesFor(ResourceKind.AppServicePlan, MetricNames.All).Select(m => m.Metric).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryDefaultGuardMetric_IsRead(ResourceKind kind)
    {
        var read = Read(kind);

        var missing = KindPolicy.Defaults(kind).Guards.Select(g => g.Metric).Where(m => !read.Contains(m)).Distinct().ToList();

        Assert.True(missing.Count == 0, $"{kind}: a default guard watches {string.Join(", ", missing)}, which is never read: every change would roll back");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryAdvisorInput_IsReadOrAKnownGap(ResourceKind kind)
    {
        var read = Read(kind);

        var missing = AdvisorSet.Default.RequiredMetricsFor(kind).Where(m => !read.Contains(m) && !KnownGaps.ContainsKey((kind, m))).ToList();

        Assert.True(missing.Count == 0, $"{kind}: the advisor needs {string.Join(", ", missing)}, which is never read");
    }

    /// <summary>The engine metrics read for <paramref name="kind"/>: from its own namespace or from its hosted sites.</summary>
    private static HashSet<string> Read(ResourceKind kind) =>
        MetricMap.For(kind, MetricNames.All).Select(m => m.Metric)
            .Concat(MetricMap.HostedSitesFor(kind, MetricNames.All).Select(m => m.Metric))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>REST name → aggregation, from the markdown table rows (`Name` in backticks, then unit, then aggregation).</summary>
    private static Dictionary<string, string> Table(string ns)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var page in Pages[ns])
        {
            foreach (Match m in Row().Matches(File.ReadAllText(RepoPaths.SharedFile("azure-contract/metrics/" + page))))
            {
                rows[m.Groups["name"].Value] = m.Groups["agg"].Value.Trim();
            }
        }

        Assert.NotEmpty(rows);
        return rows;
    }

    // |**Percentage CPU**<br>…|`Percentage CPU` | No | Percent |Average |…  (pages) or |**CPU Percentage**|`CpuPercentage` |Percent |Average |… (includes)
    [GeneratedRegex(@"^\|\*\*[^|]*\|`(?<name>[^`]+)`\s*\|(?:\s*(?:Yes|No)\s*\|)?\s*[^|]+\|(?<agg>[^|]+)\|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
