using System.Text.Json.Nodes;
using Optimize.Emulator.Metrics;
using Optimize.Model;

namespace Optimize.Emulator.Tests.Metrics;

/// <summary>
/// metricDefinitions serves exactly the type's published supported-metrics table (shared/azure-contract/metrics:
/// microsoft-compute-virtualmachines-metrics.md, microsoft-web-sites-metrics.md, and the tables of the stub pages in
/// includes/microsoft-compute-virtualmachinescalesets-metrics-include.md, microsoft-web-serverfarms-metrics-include.md,
/// microsoft-insights-autoscalesettings-metrics-include.md), in the MetricDefinition shape of
/// fixtures/arm/Microsoft.Insights/2024-02-01/GetMetricDefinitions.json. The expected rows are read by a regex
/// (<see cref="MetricsKit.Published"/>), independently of the emulator's parser.
/// </summary>
public sealed class MetricDefinitionsTests
{
    public static TheoryData<ResourceKind> Kinds => new(Enum.GetValues<ResourceKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Definitions_EqualThePublishedTable_NameDisplayUnitAggregationDimensionsGrains(ResourceKind kind)
    {
        var ns = MetricNamespaces.Of(kind);
        var published = MetricsKit.Published(ns);
        await using var emulator = await MetricsKit.StartAsync();
        var resource = MetricsKit.First(emulator.World, kind);

        var (status, json) = await MetricsKit.Get(emulator, resource.Resource.Id, "metricDefinitions", "&metricnamespace=" + Uri.EscapeDataString(ns));

        Assert.Equal(200, status);
        var served = json!["value"]!.AsArray().Select(d => d!).ToList();
        Assert.Equal(published.Select(p => p.Name), served.Select(d => d["name"]!["value"]!.GetValue<string>()));
        for (var i = 0; i < published.Count; i++)
        {
            var (row, definition) = (published[i], served[i]);
            Assert.Equal(row.Display, definition["name"]!["localizedValue"]!.GetValue<string>());
            // Case-insensitive: the tables write "Milliseconds", the spec's MetricUnit enum (what the API returns) "MilliSeconds".
            Assert.Equal(row.Unit, definition["unit"]!.GetValue<string>(), ignoreCase: true);
            // "Total (Sum)" in the pages is the spec's AggregationType "Total"; "Average, Count, Maximum, Minimum" has primary Average.
            var primary = row.Aggregation.Split(',')[0].Replace(" (Sum)", string.Empty, StringComparison.Ordinal).Trim();
            Assert.Equal(primary, definition["primaryAggregationType"]!.GetValue<string>());
            var dimensions = row.Dimensions.Contains("none", StringComparison.Ordinal) ? [] : row.Dimensions.Split(',').Select(d => d.Trim().Trim('`')).ToArray();
            Assert.Equal(dimensions, definition["dimensions"]!.AsArray().Select(d => d!["value"]!.GetValue<string>()));
            Assert.Equal(row.Grains.Split(',').Select(g => g.Trim()), definition["metricAvailabilities"]!.AsArray().Select(a => a!["timeGrain"]!.GetValue<string>()));
            Assert.Equal(resource.Resource.Id, definition["resourceId"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Parser_ReadsPagesAndIncludes_SitesCpuTimeHasFourAggregations_VmssPercentageCpuSplitsByVmName()
    {
        var tables = MetricTables.FromDirectory(Path.Combine(MetricsKit.Pack(), "metrics"));

        Assert.False(tables.IsBuiltIn);
        // microsoft-web-sites-metrics.md: |**CPU Time**…|`CpuTime` | No | Seconds |Count, Total (Sum), Minimum, Maximum |`Instance`|PT1M |Yes|
        var cpuTime = tables.Find(MetricNamespaces.Sites)!.Find("cputime")!;
        Assert.Equal(["Count", "Total", "Minimum", "Maximum"], cpuTime.Aggregations);
        Assert.Equal("Seconds", cpuTime.Unit);
        // The VMSS page is a stub; its rows come from includes/microsoft-compute-virtualmachinescalesets-metrics-include.md.
        var vmss = tables.Find(MetricNamespaces.ScaleSets)!;
        Assert.Contains("include", vmss.Source, StringComparison.Ordinal);
        Assert.Equal(["VMName"], vmss.Find("Percentage CPU")!.Dimensions);
        Assert.Null(vmss.Find("Available Memory Percentage"));
        // microsoft-web-sites-metrics.md "Health check status": Time Grains "PT5M, PT1H, P1D".
        Assert.Equal(["PT5M", "PT1H", "P1D"], tables.Find(MetricNamespaces.Sites)!.Find("HealthCheckStatus")!.TimeGrains);
    }

    [Fact]
    public void BuiltInFallback_WhenTheFolderIsAbsent_AndEachBuiltInRowAgreesWithThePublishedOne()
    {
        var fallback = MetricTables.FromDirectory(Path.Combine(Path.GetTempPath(), "no-such-pack-" + Guid.NewGuid().ToString("N"), "metrics"));
        var real = MetricTables.FromDirectory(Path.Combine(MetricsKit.Pack(), "metrics"));

        Assert.True(fallback.IsBuiltIn);
        foreach (var kind in Enum.GetValues<ResourceKind>())
        {
            var ns = MetricNamespaces.Of(kind);
            foreach (var row in fallback.Find(ns)!.Rows)
            {
                var published = real.Find(ns)!.Find(row.Name);
                Assert.NotNull(published);
                Assert.Equal((published.DisplayName, published.Unit, published.PrimaryAggregation), (row.DisplayName, row.Unit, row.PrimaryAggregation));
                Assert.Equal(published.Dimensions, row.Dimensions);
            }

            // Every metric the emulator computes is in the built-in table, so the fallback still serves all of them.
            Assert.All(FleetMetricValues.Modelled(kind), name => Assert.NotNull(fallback.Find(ns)!.Find(name)));
        }
    }

    [Fact]
    public async Task Definitions_OfAResourceNotInTheFleet_Is404ResourceNotFound()
    {
        await using var emulator = await MetricsKit.StartAsync();
        var vm = MetricsKit.First(emulator.World, ResourceKind.VirtualMachine).Resource.Id;
        var missing = vm[..(vm.LastIndexOf('/') + 1)] + "not-in-the-fleet";

        var (status, json) = await MetricsKit.Get(emulator, missing, "metricDefinitions", string.Empty);

        Assert.Equal(404, status);
        Assert.Equal("ResourceNotFound", json!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(1, emulator.World.Log.ByOperation["MetricDefinitions_List"]);
    }
}

/// <summary>The built-in fallback at work (no ../shared needed): a pack without metrics/ serves only the modelled metrics.</summary>
public sealed class BuiltInMetricTablesTests
{
    [Fact]
    public async Task WithoutAMetricsFolder_DefinitionsAreTheBuiltInRows_AndValuesStillFlow()
    {
        var pack = Directory.CreateTempSubdirectory("emu-pack-");
        try
        {
            Directory.CreateDirectory(Path.Combine(pack.FullName, "specs")); // a pack without metrics/
            var options = new EmulatorOptions
            {
                Fleet = new Optimize.Simulator.Fleet.FleetOptions { ResourceCount = 10 },
                ContractDirectory = pack.FullName,
                Time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(MetricsKit.Now),
            };
            await using var emulator = await EmulatorFixture.StartAsync(options);
            var vm = MetricsKit.First(emulator.World, ResourceKind.VirtualMachine);

            var (status, json) = await MetricsKit.Get(emulator, vm.Resource.Id, "metricDefinitions", string.Empty);
            var (valuesStatus, values) = await MetricsKit.Get(emulator, vm.Resource.Id, "metrics",
                $"&metricnames=Percentage%20CPU&interval=PT1H&timespan={MetricsKit.Iso(MetricsKit.Now - TimeSpan.FromHours(3))}/{MetricsKit.Iso(MetricsKit.Now)}");
            var (refused, _) = await MetricsKit.Get(emulator, vm.Resource.Id, "metrics", "&metricnames=Network%20In%20Total");

            Assert.Equal(200, status);
            Assert.Equal(["Available Memory Bytes", "Available Memory Percentage", "Percentage CPU"],
                json!["value"]!.AsArray().Select(d => d!["name"]!["value"]!.GetValue<string>()));
            Assert.Equal(200, valuesStatus);
            Assert.Equal(3, values!["value"]![0]!["timeseries"]![0]!["data"]!.AsArray().Count(p => p!["average"] is not null));
            Assert.Equal(400, refused); // a real VM metric, but not in the built-in table
        }
        finally
        {
            pack.Delete(recursive: true);
        }
    }
}
