using Optimize.Catalog;
using Optimize.Model;

namespace Optimize.Simulator.Tests;

/// <summary>A small catalog for tests: two VM families, one plan family, the three Flex sizes; every region offers all.</summary>
internal sealed class TestCatalog : ISkuCatalog
{
    public static readonly TestCatalog Instance = new();

    private static readonly SkuSpec[] Specs =
    [
        new("Standard_D2s_v5", ResourceKind.VirtualMachine, "Dsv5", 2, 8),
        new("Standard_D4s_v5", ResourceKind.VirtualMachine, "Dsv5", 4, 16),
        new("Standard_D8s_v5", ResourceKind.VirtualMachine, "Dsv5", 8, 32),
        new("Standard_D16s_v5", ResourceKind.VirtualMachine, "Dsv5", 16, 64),
        new("Standard_E2s_v5", ResourceKind.VirtualMachine, "Esv5", 2, 16),
        new("Standard_E4s_v5", ResourceKind.VirtualMachine, "Esv5", 4, 32),
        new("Standard_E8s_v5", ResourceKind.VirtualMachine, "Esv5", 8, 64),
        new("P0v3", ResourceKind.AppServicePlan, "Pv3", 1, 4, MaxWorkers: 30),
        new("P1v3", ResourceKind.AppServicePlan, "Pv3", 2, 8, MaxWorkers: 30),
        new("P2v3", ResourceKind.AppServicePlan, "Pv3", 4, 16, MaxWorkers: 30),
        new("P3v3", ResourceKind.AppServicePlan, "Pv3", 8, 32, MaxWorkers: 30),
        new("FC-512", ResourceKind.FunctionApp, "FC", 0.25, 0.5),
        new("FC-2048", ResourceKind.FunctionApp, "FC", 1, 2),
        new("FC-4096", ResourceKind.FunctionApp, "FC", 2, 4),
    ];

    public SkuSpec? Find(ResourceKind kind, string name)
    {
        var lookup = kind == ResourceKind.ScaleSet ? ResourceKind.VirtualMachine : kind;
        return Specs.FirstOrDefault(s => s.Kind == lookup && string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    public IReadOnlyList<SkuSpec> Candidates(ResourceKind kind, string region)
    {
        var lookup = kind == ResourceKind.ScaleSet ? ResourceKind.VirtualMachine : kind;
        return [.. Specs.Where(s => s.Kind == lookup).OrderBy(s => s.VCpus)];
    }

    /// <summary>The size of the same family with half the vCPUs of <paramref name="size"/>.</summary>
    public static string HalfOf(string size)
    {
        var spec = Instance.Find(ResourceKind.VirtualMachine, size) ?? throw new ArgumentException(size);
        return Specs.Single(s => s.Kind == ResourceKind.VirtualMachine && s.Family == spec.Family && s.VCpus == spec.VCpus / 2).Name;
    }
}
