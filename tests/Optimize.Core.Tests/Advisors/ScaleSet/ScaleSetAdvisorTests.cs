using FsCheck;
using FsCheck.Fluent;
using Optimize.Advisors.ScaleSet;
using Optimize.Core.Tests.Builders;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Recommendations;
using static Optimize.Core.Tests.Builders.AdvisorTestData;

namespace Optimize.Core.Tests.Advisors.ScaleSet;

public sealed class ScaleSetAdvisorTests
{
    private static readonly ScaleSetAdvisor Advisor = new();

    public static TheoryData<string, string, int, double, double, double, double, double, string?, int, string?> Cases => new()
    {
        // D4s_v5 × 10: cpu 15% → 0.15 × 4 × 10 = 6 vCPU; mem 20% → 32 GB; peaks 12 vCPU, 48 GB.
        // Count on D4: 6/(4n) ≤ 70% → n ≥ 2.14; 32/(16n) ≤ 80% → n ≥ 2.5; peaks → n ≥ 3 → 3. D2 × 3 = 6 vCPU → 100% ✗ → D4 × 3.
        { "steady low → fewer instances", "Standard_D4s_v5", 10, 15, 30, 20, 30, 1.0, "Standard_D4s_v5", 3, null },

        // D4s_v5 × 3: cpu 5% → 0.6 vCPU, mem 5% → 2.4 GB; count floor 2 (current ≥ 2); at 2 instances D2 × 2 = 4 vCPU / 16 GB:
        // 15% cpu, 15% memory, peaks 30% → cheaper SKU at the same count → D2s_v5 × 2.
        { "at the floor → smaller SKU", "Standard_D4s_v5", 3, 5, 10, 5, 10, 1.0, "Standard_D2s_v5", 2, null },

        // D4 × 4 hot: cpu 90% → 14.4 vCPU; 14.4/(4n) ≤ 70% → n ≥ 5.14 → 6 instances of the same SKU.
        { "hot → more instances", "Standard_D4s_v5", 4, 90, 95, 30, 40, 1.0, "Standard_D4s_v5", 6, null },

        { "already smallest at floor", "Standard_D2s_v5", 2, 5, 10, 5, 10, 1.0, null, 0, SkipReasons.AlreadySmallestCode },
        { "single instance smallest", "Standard_D2s_v5", 1, 5, 10, 5, 10, 1.0, null, 0, SkipReasons.AlreadySmallestCode },

        // p95 10% but max 100% on 4 × D4: peak 16 vCPU needs all 4 instances.
        { "spikes protected", "Standard_D4s_v5", 4, 10, 100, 10, 20, 1.0, null, 0, SkipReasons.RightSizedCode },
        { "partial data", "Standard_D4s_v5", 10, 15, 30, 20, 30, 0.85, null, 0, SkipReasons.CoverageCode },
        { "unknown SKU", "Standard_Q4", 10, 15, 30, 20, 30, 1.0, null, 0, SkipReasons.UnknownSkuCode },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Advise_Table_ExpectedTargetOrSkip(string name, string sku, int capacity, double cpu, double cpuMax, double mem, double memMax, double coverage, string? targetSku, int targetCapacity, string? skip)
    {
        var item = ScaleSetItem(sku, capacity);
        var summary = Summary(item.Resource.Id).Cpu(cpu, cpuMax, coverage).Memory(mem, memMax, coverage).Build();

        var advice = Advisor.Advise(item, summary, Context());

        Assert.True(
            targetSku is null ? advice.Skip?.Code == skip : advice.Recommendation?.Target == new ScaleSetConfig(targetSku, targetCapacity),
            $"{name}: {advice.Skip?.Message ?? advice.Recommendation?.Rationale}");
    }

    [Fact]
    public void Advise_TenToThree_StagesHalveCapacity()
    {
        var item = ScaleSetItem("Standard_D4s_v5", 10);
        var summary = Summary(item.Resource.Id).Cpu(15, 30).Memory(20, 30).Build();

        var rec = Advisor.Advise(item, summary, Context()).Recommendation!;

        // 10 → 5 (50%) → 3; saving 7 × 0.192 × 730 = 981.12.
        Assert.Equal([new ScaleSetConfig("Standard_D4s_v5", 5), new ScaleSetConfig("Standard_D4s_v5", 3)], rec.Stages);
        Assert.Equal(981.12m, rec.EstimatedMonthlySavings);
    }

    [Fact]
    public void Advise_CountThenSku_CapacityStageComesFirst()
    {
        var item = ScaleSetItem("Standard_D4s_v5", 3);
        var summary = Summary(item.Resource.Id).Cpu(5, 10).Memory(5, 10).Build();

        var rec = Advisor.Advise(item, summary, Context()).Recommendation!;

        // 3 × 0.192 × 730 − 2 × 0.096 × 730 = 420.48 − 140.16 = 280.32.
        Assert.Equal([new ScaleSetConfig("Standard_D4s_v5", 2), new ScaleSetConfig("Standard_D2s_v5", 2)], rec.Stages);
        Assert.Equal(280.32m, rec.EstimatedMonthlySavings);
    }

    [Fact]
    public void Advise_NoMemory_NoData()
    {
        var item = ScaleSetItem("Standard_D4s_v5", 4);
        var summary = Summary(item.Resource.Id).Cpu(15).Build();

        Assert.Equal(SkipReasons.NoDataCode, Advisor.Advise(item, summary, Context()).Skip?.Code);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(10, 2)]
    public void MinimumCapacity_Current_KeepsTwoForAvailability(int current, int expected) =>
        Assert.Equal(expected, ScaleSetAdvisor.MinimumCapacity(current));

    [Fact]
    public void Advise_AnyUse_TargetNeverProjectsAboveTargetOrPeak()
    {
        // Property: whatever the use, a recommended target carries protected demand within target and the peak ≤ 100%.
        string[] skus = ["Standard_D2s_v5", "Standard_D4s_v5", "Standard_D8s_v5", "Standard_E8s_v5", "Standard_F16s_v2"];
        var policy = new Optimize.Policy.OptimizePolicy();
        var context = Context(policy);
        var gen =
            from skuIndex in Gen.Choose(0, skus.Length - 1)
            from capacity in Gen.Choose(1, 20)
            from cpu in Gen.Choose(0, 1000)
            from cpuExtra in Gen.Choose(0, 1000)
            from mem in Gen.Choose(0, 1000)
            from memExtra in Gen.Choose(0, 1000)
            select (skus[skuIndex], capacity, cpu / 10.0, Math.Min(100, (cpu + cpuExtra) / 10.0), mem / 10.0, Math.Min(100, (mem + memExtra) / 10.0));
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var (sku, capacity, cpu, cpuMax, mem, memMax) = c;
            var item = ScaleSetItem(sku, capacity);
            var summary = Summary(item.Resource.Id).Cpu(cpu, cpuMax).Memory(mem, memMax).Build();
            var advice = Advisor.Advise(item, summary, context);
            return advice.Recommendation is not { } rec
                || PropertyChecks.TargetCarries(rec.Target is ScaleSetConfig t ? (t.Sku, t.Capacity) : default, (sku, capacity), cpu, cpuMax, mem, memMax, rec.Direction, policy.Kinds.ScaleSet);
        }).QuickCheckThrowOnFailure();
    }
}
