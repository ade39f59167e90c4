using Optimize.Catalog;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Simulator.Fleet;
using Optimize.Tests.FleetModel;

namespace Optimize.Simulator.Tests.Fleet;

/// <summary>The fleet copes with catalogs shaped differently from the test catalog, and says clearly when it cannot.</summary>
public sealed class CatalogVariationTests
{
    [Fact]
    public void Generate_FlexSizesListedWithoutVcpus_DerivesThemFromMemory()
    {
        var catalog = new EditedCatalog(s => s.Kind == ResourceKind.FunctionApp ? s with { VCpus = 0 } : s);
        var fleet = FleetGenerator.Generate(new FleetOptions(), catalog);
        var fn = fleet.Resources.First(r => r.Resource.Kind == ResourceKind.FunctionApp);
        var query = new MetricQuery([fn.Resource], [MetricNames.Cpu], TimeRange.Ending(TestFleet.Now, TimeSpan.FromDays(1)), TimeSpan.FromHours(1));

        var values = FleetOracle.Series(fleet, query).SelectMany(s => s.Values.ToArray()).ToList();

        Assert.Equal(24, values.Count);
        Assert.All(values, v => Assert.InRange(v, 0.1, 100));
    }

    [Fact]
    public void Generate_CatalogWithoutPlans_ThrowsNamingTheKind()
    {
        var catalog = new EditedCatalog(s => s.Kind == ResourceKind.AppServicePlan ? null : s);

        var error = Assert.Throws<InvalidOperationException>(() => FleetGenerator.Generate(new FleetOptions(), catalog));

        Assert.Contains("AppServicePlan", error.Message, StringComparison.Ordinal);
    }

    private sealed class EditedCatalog(Func<SkuSpec, SkuSpec?> edit) : ISkuCatalog
    {
        public SkuSpec? Find(ResourceKind kind, string name) =>
            TestCatalog.Instance.Find(kind, name) is { } spec ? edit(spec) : null;

        public IReadOnlyList<SkuSpec> Candidates(ResourceKind kind, string region) =>
            [.. TestCatalog.Instance.Candidates(kind, region).Select(edit).OfType<SkuSpec>()];
    }
}
