using Optimize.Catalog;
using Optimize.Model;

namespace Optimize.Core.Tests.Catalog;

public sealed class BuiltInCatalogTests
{
    private static readonly BuiltInCatalog Catalog = BuiltInCatalog.Default;

    [Theory]
    [InlineData(ResourceKind.VirtualMachine, "standard_d4s_v5", 4, 16)]
    [InlineData(ResourceKind.ScaleSet, "Standard_E8s_v5", 8, 64)]
    [InlineData(ResourceKind.VirtualMachine, "Standard_F72s_v2", 72, 144)]
    [InlineData(ResourceKind.VirtualMachine, "Standard_B2s", 2, 4)]
    [InlineData(ResourceKind.AppServicePlan, "p1MV3", 2, 16)]
    [InlineData(ResourceKind.AppServicePlan, "B1", 1, 1.75)]
    [InlineData(ResourceKind.FunctionApp, "FC-512", 0.25, 0.5)]
    [InlineData(ResourceKind.FunctionApp, "FC-4096", 2, 4)]
    public void Find_Name_CaseInsensitiveSpec(ResourceKind kind, string name, double vcpu, double memory)
    {
        var spec = Catalog.Find(kind, name);

        Assert.NotNull(spec);
        Assert.Equal((vcpu, memory), (spec.VCpus, spec.MemoryGb));
    }

    [Theory]
    [InlineData("Standard_D2_v5", false, true)]
    [InlineData("Standard_D2s_v5", true, true)]
    [InlineData("Standard_B4ms", true, false)]
    [InlineData("Standard_F2s_v2", true, false)]
    [InlineData("Standard_F4s_v2", true, true)]
    public void Find_Vm_StorageAndNetworkingFeatures(string name, bool premium, bool accelerated)
    {
        var spec = Catalog.Find(ResourceKind.VirtualMachine, name)!;

        Assert.Equal((premium, accelerated), (spec.PremiumIo, spec.AcceleratedNetworking));
    }

    [Theory]
    [InlineData("B3", "Basic", 3)]
    [InlineData("S2", "Standard", 10)]
    [InlineData("P0v3", "PremiumV3", 30)]
    public void Find_Plan_TierAndMaxWorkers(string name, string tier, int maxWorkers)
    {
        var spec = Catalog.Find(ResourceKind.AppServicePlan, name)!;

        Assert.Equal((tier, maxWorkers), (spec.Tier, spec.MaxWorkers));
    }

    [Fact]
    public void Find_Unknown_Null() => Assert.Null(Catalog.Find(ResourceKind.VirtualMachine, "Standard_Z1"));

    [Theory]
    [InlineData(ResourceKind.VirtualMachine)]
    [InlineData(ResourceKind.AppServicePlan)]
    [InlineData(ResourceKind.FunctionApp)]
    public void Candidates_AnyRegion_SmallestFirst(ResourceKind kind)
    {
        var list = Catalog.Candidates(kind, "westeurope");

        Assert.NotEmpty(list);
        Assert.Equal(list.OrderBy(s => s.VCpus).ThenBy(s => s.MemoryGb).Select(s => s.Name), list.Select(s => s.Name));
        Assert.All(list, s => Assert.Equal(kind, s.Kind));
    }

    [Fact]
    public void Candidates_Families_AllListed()
    {
        var families = Catalog.Candidates(ResourceKind.VirtualMachine, "eastus").Select(s => s.Family).ToHashSet();

        Assert.Superset(new HashSet<string> { "B", "Dsv5", "Dasv5", "Dv5", "Esv5", "Fsv2" }, families);
        Assert.Empty(Catalog.Candidates(ResourceKind.AutoscaleSetting, "eastus"));
    }

    [Fact]
    public void Constructor_Duplicate_Throws() =>
        Assert.Throws<ArgumentException>(() => new BuiltInCatalog(
            [new SkuSpec("A", ResourceKind.VirtualMachine, "X", 1, 1), new SkuSpec("a", ResourceKind.VirtualMachine, "X", 1, 1)]));
}
