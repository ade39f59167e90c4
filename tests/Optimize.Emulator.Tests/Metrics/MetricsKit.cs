using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Optimize.Emulator.Metrics;
using Optimize.Model;
using Optimize.Simulator.Fleet;
using Optimize.Testing;

namespace Optimize.Emulator.Tests.Metrics;

/// <summary>
/// Shared pieces of the metrics tests: the contract pack (../shared/azure-contract, skipped when absent), an emulator on a
/// fake clock, and an independent reading of the published supported-metrics tables (metrics/*.md and includes/) by a
/// plain regex, so the emulator's parser is checked against something it did not produce.
/// </summary>
internal static partial class MetricsKit
{
    /// <summary>The emulator's now in these tests.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The page (and include) of each namespace, relative to azure-contract/metrics.</summary>
    public static readonly Dictionary<string, string[]> Pages = new(StringComparer.OrdinalIgnoreCase)
    {
        [MetricNamespaces.VirtualMachines] = ["microsoft-compute-virtualmachines-metrics.md"],
        [MetricNamespaces.ScaleSets] = ["includes/microsoft-compute-virtualmachinescalesets-metrics-include.md"],
        [MetricNamespaces.ServerFarms] = ["includes/microsoft-web-serverfarms-metrics-include.md"],
        [MetricNamespaces.Sites] = ["microsoft-web-sites-metrics.md"],
        [MetricNamespaces.AutoscaleSettings] = ["includes/microsoft-insights-autoscalesettings-metrics-include.md"],
    };

    /// <summary>The contract pack folder, or a skip when ../shared is absent.</summary>
    public static string Pack()
    {
        var page = RepoPaths.SharedFile("azure-contract/metrics/microsoft-compute-virtualmachines-metrics.md");
        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, ".."));
    }

    /// <summary>An emulator on the real tables and a fake clock at <see cref="Now"/>.</summary>
    public static Task<EmulatorFixture> StartAsync(int resources = 40) => EmulatorFixture.StartAsync(new EmulatorOptions
    {
        Fleet = new FleetOptions { ResourceCount = resources },
        ContractDirectory = Pack(),
        Time = new FakeTimeProvider(Now),
    });

    /// <summary>The first resource of <paramref name="kind"/> in the fleet.</summary>
    public static SimulatedResource First(EmulatorWorld world, ResourceKind kind, Func<SimulatedResource, bool>? where = null) =>
        world.Fleet.Resources.First(r => r.Resource.Kind == kind && (where?.Invoke(r) ?? true));

    /// <summary>One published row as the regex reads it.</summary>
    public sealed record PublishedRow(string Display, string Name, string Unit, string Aggregation, string Dimensions, string Grains);

    /// <summary>The rows of a namespace's published table, in order.</summary>
    public static List<PublishedRow> Published(string ns)
    {
        var rows = new List<PublishedRow>();
        foreach (var page in Pages[ns])
        {
            foreach (Match m in Row().Matches(File.ReadAllText(RepoPaths.SharedFile("azure-contract/metrics/" + page))))
            {
                rows.Add(new PublishedRow(m.Groups["display"].Value.Trim(), m.Groups["name"].Value, m.Groups["unit"].Value.Trim(),
                    m.Groups["agg"].Value.Trim(), m.Groups["dims"].Value.Trim(), m.Groups["grains"].Value.Trim()));
            }
        }

        Assert.NotEmpty(rows);
        return rows;
    }

    /// <summary>GET with the body parsed.</summary>
    public static Task<(int Status, JsonNode? Json)> Get(EmulatorFixture emulator, string resourceId, string operation, string query) =>
        emulator.GetAsync($"{resourceId}/providers/Microsoft.Insights/{operation}?api-version=2024-02-01{query}");

    /// <summary>POST metrics:getBatch on the data plane host (TestServer routes on the path).</summary>
    public static async Task<(int Status, JsonNode? Json)> Batch(EmulatorFixture emulator, string subscription, IEnumerable<string> ids, string query)
    {
        var body = new JsonObject { ["resourceids"] = new JsonArray([.. ids.Select(i => (JsonNode)i)]) }.ToJsonString();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var uri = new Uri($"https://westeurope.metrics.monitor.azure.com/subscriptions/{subscription}/metrics:getBatch?api-version=2024-02-01{query}");
        using var response = await emulator.Client.PostAsync(uri, content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
    }

    /// <summary>An ISO instant for a query string.</summary>
    public static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));

    // |**Percentage CPU**<br>…|`Percentage CPU` | No | Percent |Average |\<none\>|PT1M |Yes|   (pages, with the Advanced column)
    // |**CPU Percentage**<br>…|`CpuPercentage` |Percent |Average |`Instance`|PT1M |Yes|           (includes)
    [GeneratedRegex(@"^\|\*\*(?<display>[^*]+)\*\*[^|]*\|`(?<name>[^`]+)`\s*\|(?:\s*(?:Yes|No)\s*\|)?(?<unit>[^|]+)\|(?<agg>[^|]+)\|(?<dims>[^|]*)\|(?<grains>[^|]*)\|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
