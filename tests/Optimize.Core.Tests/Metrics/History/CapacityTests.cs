using FsCheck;
using FsCheck.Fluent;
using Optimize.Catalog;
using Optimize.Metrics;
using Optimize.Metrics.History;
using Optimize.Model;

namespace Optimize.Core.Tests.Metrics.History;

public sealed class CapacityTests
{
    private static readonly BuiltInCatalog Catalog = BuiltInCatalog.Default;

    public static TheoryData<string, ResourceConfig, ResourceConfig, string, double, double> Cases => new()
    {
        // E8s_v5 (8 vCPU) at 100 % = 8 vCPU = 50 % of E16s_v5 (16 vCPU).
        { "vm up: cpu halves", new VmConfig("Standard_E8s_v5"), new VmConfig("Standard_E16s_v5"), MetricNames.Cpu, 100, 50 },

        // E16s_v5 (128 GiB) at 30 % = 38.4 GiB = 60 % of E8s_v5 (64 GiB): a reading above 100 % is kept, it is demand.
        { "vm down: memory doubles", new VmConfig("Standard_E16s_v5"), new VmConfig("Standard_E8s_v5"), MetricNames.Memory, 30, 60 },

        // P1v3 (2 vCPU) × 2 workers at 60 % = 2.4 vCPU; P1v3 × 4 = 8 vCPU → 30 %.
        { "plan workers 2 → 4", new AppServicePlanConfig("P1v3", 2), new AppServicePlanConfig("P1v3", 4), MetricNames.Cpu, 60, 30 },

        // P1v3 × 3 (6 vCPU) at 40 % = 2.4 vCPU; P0v3 (1 vCPU) × 3 = 3 vCPU → 80 %.
        { "plan sku P1v3 → P0v3", new AppServicePlanConfig("P1v3", 3), new AppServicePlanConfig("P0v3", 3), MetricNames.Cpu, 40, 80 },

        // D4s_v5 (4 vCPU) × 6 at 20 % = 4.8 vCPU; × 3 = 12 vCPU → 40 %.
        { "scale set capacity 6 → 3", new ScaleSetConfig("Standard_D4s_v5", 6), new ScaleSetConfig("Standard_D4s_v5", 3), MetricNames.Cpu, 20, 40 },

        // FC-2048 (2 GiB) at 50 % = 1 GiB per instance; FC-4096 (4 GiB) → 25 %.
        { "flex 2048 → 4096 memory", new FunctionAppConfig(2048, 100), new FunctionAppConfig(4096, 100), MetricNames.Memory, 50, 25 },

        // Latency is absolute: never converted.
        { "latency untouched", new VmConfig("Standard_E8s_v5"), new VmConfig("Standard_E16s_v5"), MetricNames.LatencyMs, 250, 250 },

        // Autoscale settings: thresholds do not change the unit of the target's CPU.
        { "autoscale untouched", new AutoscaleConfig("t", 1, 5, 2, 70, 30), new AutoscaleConfig("t", 2, 8, 2, 75, 25), MetricNames.Cpu, 40, 40 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Convert_Table_DemandKeptAcrossConfigurations(string name, ResourceConfig recorded, ResourceConfig current, string metric, double percent, double expected)
    {
        var actual = Capacity.Convert(Catalog, metric, percent, recorded, current);

        Assert.True(Math.Abs(actual - expected) < 1e-9, $"{name}: {actual} ≠ {expected}");
    }

    [Fact]
    public void Convert_UnknownRecordedSize_NaN()
    {
        var actual = Capacity.Convert(Catalog, MetricNames.Cpu, 40, new VmConfig("Standard_X9"), new VmConfig("Standard_E8s_v5"));

        Assert.True(double.IsNaN(actual));
    }

    [Fact]
    public void Convert_SameConfiguration_IsIdentityAndRoundTripsAcrossSizes()
    {
        var sizes = Catalog.Candidates(ResourceKind.VirtualMachine, "eastus").Select(s => s.Name).ToArray();
        var gen =
            from a in Gen.Elements(sizes)
            from b in Gen.Elements(sizes)
            from p in Gen.Choose(0, 10_000).Select(x => x / 100.0)
            from m in Gen.Elements(MetricNames.Cpu, MetricNames.Memory)
            select (a, b, p, m);
        Prop.ForAll(Arb.From(gen), t =>
        {
            var (a, b, p, m) = t;
            var same = Capacity.Convert(Catalog, m, p, new VmConfig(a), new VmConfig(a));
            var there = Capacity.Convert(Catalog, m, p, new VmConfig(a), new VmConfig(b));
            var back = Capacity.Convert(Catalog, m, there, new VmConfig(b), new VmConfig(a));
            var demandKept = Math.Abs((there * Capacity.Of(Catalog, new VmConfig(b), m)!.Value) - (p * Capacity.Of(Catalog, new VmConfig(a), m)!.Value)) < 1e-6;
            return same == p && Math.Abs(back - p) < 1e-9 && demandKept;
        }).QuickCheckThrowOnFailure();
    }
}
