using Optimize.Azure.Catalog;
using Optimize.Azure.Tests.Http;
using Optimize.Catalog;
using Optimize.Model;

namespace Optimize.Azure.Tests.Catalog;

public sealed class ResourceSkuCatalogTests
{
    private sealed class StubFallback : ISkuCatalog
    {
        public SkuSpec? Find(ResourceKind kind, string name) =>
            name == "P1v3" ? new SkuSpec("P1v3", ResourceKind.AppServicePlan, "Pv3", 2, 8) : name == "Standard_D2s_v5" ? D2 : null;

        public IReadOnlyList<SkuSpec> Candidates(ResourceKind kind, string region) => kind == ResourceKind.VirtualMachine ? [D2] : [];

        private static SkuSpec D2 => new("Standard_D2s_v5", ResourceKind.VirtualMachine, "Dsv5", 2, 8);
    }

    private static async Task<(ResourceSkuCatalog Catalog, TestEnv Env)> Load(string fixture)
    {
        var env = new TestEnv();
        env.Transport.On("GET", "Microsoft.Compute/skus", ArmExample.Load("Microsoft.Compute/2021-07-01/" + fixture).Response());
        var catalog = await ResourceSkuCatalog.LoadAsync(env.Arm(), "sub1", ["West US"], new StubFallback(), TestContext.Current.CancellationToken);
        return (catalog, env);
    }

    [Fact]
    public async Task LoadAsync_ListAvailableResourceSkusExample_VmSizesWithCapabilities()
    {
        var (catalog, env) = await Load("ListAvailableResourceSkus.json");

        var a0 = catalog.Find(ResourceKind.VirtualMachine, "standard_a0");
        Assert.NotNull(a0);
        Assert.Equal((1.0, 0.75, "A", "V1", false), (a0.VCpus, a0.MemoryGb, a0.Family, a0.HyperVGenerations, a0.PremiumIo));
        var sent = Assert.Single(env.Transport.Requests);
        Assert.Equal("2021-07-01", sent.Query("api-version"));
        Assert.Equal("location eq 'westus'", sent.Query("$filter"));
    }

    [Fact]
    public async Task Candidates_LoadedRegion_MergesFallbackSmallestFirst()
    {
        var (catalog, _) = await Load("ListAvailableResourceSkusForARegion.json");

        var candidates = catalog.Candidates(ResourceKind.VirtualMachine, "westus");

        Assert.Contains(candidates, c => c.Name == "Standard_D2s_v5");
        Assert.True(candidates.Count > 1);
        Assert.Equal(candidates.OrderBy(c => c.VCpus).ThenBy(c => c.MemoryGb).Select(c => c.Name), candidates.Select(c => c.Name));
    }

    [Fact]
    public async Task Find_OtherKindsAndUnknownSizes_FromFallback()
    {
        var (catalog, _) = await Load("ListAvailableResourceSkus.json");

        Assert.Equal("Pv3", catalog.Find(ResourceKind.AppServicePlan, "P1v3")?.Family);
        Assert.Equal("Dsv5", catalog.Find(ResourceKind.VirtualMachine, "Standard_D2s_v5")?.Family);
        Assert.Null(catalog.Find(ResourceKind.VirtualMachine, "Standard_Nope"));
    }

    [Theory]
    [InlineData("Standard_D4s_v5", "Dsv5")]
    [InlineData("Standard_E8ads_v5", "Eadsv5")]
    [InlineData("Standard_DS3_v2", "DSv2")]
    [InlineData("Standard_A0", "A")]
    [InlineData("Standard_M128-64ms", "Ms")]
    [InlineData("Standard_M128s", "Ms")]
    [InlineData("Standard_B2ms", "Bs")]
    [InlineData("Standard_B2s", "Bs")]
    [InlineData("Standard_D2ls_v5", "Dsv5")]
    public void FamilyOf_SizeName_Family(string name, string family) => Assert.Equal(family, ResourceSkuCatalog.FamilyOf(name, null));
}
