using FsCheck;
using FsCheck.Fluent;
using Optimize.Advisors.VirtualMachine;
using Optimize.Catalog;
using Optimize.Core.Tests.Builders;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Pricing;
using Optimize.Recommendations;
using static Optimize.Core.Tests.Builders.AdvisorTestData;

namespace Optimize.Core.Tests.Advisors.VirtualMachine;

public sealed class VmSizeAdvisorTests
{
    private static readonly VmSizeAdvisor Advisor = new();

    // Default policy: protect p95, cpu target 70%, memory target 80%, scale-up 85%, max step down 50%, coverage 90%.
    // 14-day lookback: full coverage = 14 days of history → confidence ×1.0; 95% coverage = 13.3 days → ×1.1.
    public static TheoryData<string, string, double, double, double, double, double, string?, string?> Cases => new()
    {
        // D8s_v5 (8 vCPU, 32 GB): cpu 20% → 1.6 vCPU, mem 30% → 9.6 GB. D2: 1.6/2 = 80% > 70. D4: 40%, 60%; peaks 3.2/4 = 80%, 12.8/16 = 80% → D4.
        { "steady low → down one size", "Standard_D8s_v5", 20, 40, 30, 40, 1.0, "Standard_D4s_v5", null },

        // Same demand but cpu 33%: 2.64 vCPU on D4 = 66% ≤ 70 with full history → D4 ...
        { "enough history → down", "Standard_D8s_v5", 33, 40, 30, 40, 1.0, "Standard_D4s_v5", null },

        // ... with 95% coverage (13.3 days → ×1.1): 2.904 vCPU on D4 = 72.6% > 70 → stays.
        { "short history inflates demand", "Standard_D8s_v5", 33, 40, 30, 40, 0.95, null, SkipReasons.RightSizedCode },

        // p95 10% but max 90%: 7.2 vCPU peak; D4 projects 180% > 100 → the peak is protected.
        { "spikes protected", "Standard_D8s_v5", 10, 90, 10, 20, 1.0, null, SkipReasons.RightSizedCode },

        // cpu 90% > 85 on D4s_v5: 3.6 vCPU → D8 projects 45% ≤ 70.
        { "hot → up", "Standard_D4s_v5", 90, 95, 50, 60, 1.0, "Standard_D8s_v5", null },

        // Hot passes with half the coverage minimum (50% ≥ 45%).
        { "hot with half coverage → up", "Standard_D4s_v5", 90, 95, 50, 60, 0.5, "Standard_D8s_v5", null },

        // Hot but 40% coverage < 45%.
        { "hot with too little coverage", "Standard_D4s_v5", 90, 95, 50, 60, 0.4, null, SkipReasons.CoverageCode },

        // Low use but 80% coverage < 90%.
        { "partial data", "Standard_D8s_v5", 20, 40, 30, 40, 0.8, null, SkipReasons.CoverageCode },

        // D2s_v5 is the smallest Dsv5 and carries the load.
        { "already smallest", "Standard_D2s_v5", 10, 20, 20, 30, 1.0, null, SkipReasons.AlreadySmallestCode },

        // D4: 2 vCPU demand → D2 would be 100%; D4 at 50% is within target.
        { "right-sized", "Standard_D4s_v5", 50, 60, 50, 60, 1.0, null, SkipReasons.RightSizedCode },

        // 80%: above target 70%, below scale-up 85% → the band: no change.
        { "between target and scale-up", "Standard_D4s_v5", 80, 84, 50, 60, 1.0, null, SkipReasons.RightSizedCode },

        // F4s_v2 has accelerated networking; F2s_v2 does not → not a candidate, F4 is the smallest compatible.
        { "accelerated networking kept", "Standard_F4s_v2", 5, 10, 10, 20, 1.0, null, SkipReasons.AlreadySmallestCode },

        { "unknown size", "Standard_X9", 20, 40, 30, 40, 1.0, null, SkipReasons.UnknownSkuCode },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Advise_Table_ExpectedTargetOrSkip(string name, string size, double cpu, double cpuMax, double mem, double memMax, double coverage, string? target, string? skip)
    {
        var item = VmItem(size);
        var summary = Summary(item.Resource.Id).Cpu(cpu, cpuMax, coverage).Memory(mem, memMax, coverage).Build();

        var advice = Advisor.Advise(item, summary, Context());

        Assert.True(target is null ? advice.Skip?.Code == skip : advice.Recommendation?.Target == new VmConfig(target), $"{name}: {advice.Skip?.Message ?? advice.Recommendation?.Rationale}");
    }

    [Fact]
    public void Advise_SteadyLow_SavingsAndEvidenceFromPrices()
    {
        var item = VmItem("Standard_D8s_v5");
        var summary = Summary(item.Resource.Id).Cpu(20, 40).Memory(30, 40).Build();

        var rec = Advisor.Advise(item, summary, Context()).Recommendation!;

        // (0.384 − 0.192) USD/h × 730 h = 140.16 USD/month.
        Assert.Equal(140.16m, rec.EstimatedMonthlySavings);
        Assert.Equal(Direction.Down, rec.Direction);
        Assert.Equal("USD", rec.Currency);
        Assert.Equal([new VmConfig("Standard_D4s_v5")], rec.Stages);
        Assert.Contains(rec.Evidence, e => e.Name == "demand.vcpu" && Math.Abs(e.Value - 1.6) < 1e-9);
        Assert.Contains(rec.Evidence, e => e.Name == "projected.cpu.p95" && Math.Abs(e.Value - 40) < 1e-9);
        Assert.Contains(rec.Evidence, e => e.Name == "confidence.multiplier" && e.Value == 1.0);
        Assert.Contains("Standard_D4s_v5 projects 40% cpu ≤ 70%", rec.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_FarBelow_StagesLimitEachStepToHalf()
    {
        // D16s_v5: cpu 10% → 1.6 vCPU, memory 10% → 6.4 GB, peaks 3.2 vCPU / 9.6 GB → D4 (40%, 40%; peaks 80%, 60%).
        // 16 → 4 removes 75% > 50%: stages D8 (8 ≥ 16 × 0.5), then D4.
        var item = VmItem("Standard_D16s_v5");
        var summary = Summary(item.Resource.Id).Cpu(10, 20).Memory(10, 15).Build();

        var rec = Advisor.Advise(item, summary, Context()).Recommendation!;

        Assert.Equal([new VmConfig("Standard_D8s_v5"), new VmConfig("Standard_D4s_v5")], rec.Stages);
        Assert.Equal(rec.Target, rec.Stages[^1]);
        Assert.Equal(420.48m, rec.EstimatedMonthlySavings); // (0.768 − 0.192) × 730
    }

    [Fact]
    public void Advise_Hot_RationaleStatesTheExtraCost()
    {
        var item = VmItem("Standard_D4s_v5");
        var summary = Summary(item.Resource.Id).Cpu(90, 95).Memory(50, 60).Build();

        var rec = Advisor.Advise(item, summary, Context()).Recommendation!;

        // (0.192 − 0.384) × 730 = −140.16: an Up costs money.
        Assert.Equal(-140.16m, rec.EstimatedMonthlySavings);
        Assert.EndsWith("Standard_D8s_v5 projects 45% cpu ≤ 70% and 25% memory ≤ 80%, costing 140.16 USD/month more.", rec.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_NoCpuData_NoData()
    {
        var item = VmItem("Standard_D8s_v5");
        var summary = Summary(item.Resource.Id).With(MetricSummary.Empty(MetricNames.Cpu, ExpectedPoints)).Memory(30).Build();

        var advice = Advisor.Advise(item, summary, Context());

        Assert.Equal(SkipReasons.NoDataCode, advice.Skip?.Code);
        Assert.Equal("no cpu data in the lookback", advice.Skip?.Message);
    }

    [Fact]
    public void Advise_UnknownPrice_NoPrice()
    {
        var item = VmItem("Standard_D8s_v5");
        var summary = Summary(item.Resource.Id).Cpu(20, 40).Memory(30, 40).Build();

        var advice = Advisor.Advise(item, summary, Context(prices: new PriceSheet([])));

        Assert.Equal(SkipReasons.NoPriceCode, advice.Skip?.Code);
    }

    [Fact]
    public void Advise_HotWithUnknownPrice_StillScalesUpWithZeroSavings()
    {
        var item = VmItem("Standard_D4s_v5");
        var summary = Summary(item.Resource.Id).Cpu(90, 95).Memory(50, 60).Build();

        var rec = Advisor.Advise(item, summary, Context(prices: new PriceSheet([]))).Recommendation!;

        Assert.Equal(Direction.Up, rec.Direction);
        Assert.Equal(0m, rec.EstimatedMonthlySavings);
        Assert.Contains(rec.Evidence, e => e.Name == "price.unknown");
    }

    [Fact]
    public void Compatible_PremiumAndAcceleratedNetworking_Kept()
    {
        var current = new SkuSpec("X4", ResourceKind.VirtualMachine, "X", 4, 16, PremiumIo: true, AcceleratedNetworking: true, HyperVGenerations: "V2");
        SkuSpec[] candidates =
        [
            new("X2-noPremium", ResourceKind.VirtualMachine, "X", 2, 8, PremiumIo: false, AcceleratedNetworking: true, HyperVGenerations: "V2"),
            new("X2-noAN", ResourceKind.VirtualMachine, "X", 2, 8, PremiumIo: true, AcceleratedNetworking: false, HyperVGenerations: "V2"),
            new("X2-gen1", ResourceKind.VirtualMachine, "X", 2, 8, PremiumIo: true, AcceleratedNetworking: true, HyperVGenerations: "V1"),
            new("Y2", ResourceKind.VirtualMachine, "Y", 2, 8, PremiumIo: true, AcceleratedNetworking: true, HyperVGenerations: "V2"),
            new("X2-ok", ResourceKind.VirtualMachine, "X", 2, 8, PremiumIo: true, AcceleratedNetworking: true, HyperVGenerations: "V1,V2"),
        ];

        var compatible = VmSizeAdvisor.Compatible(current, candidates);

        Assert.Equal(["X2-ok"], compatible.Select(c => c.Name));
    }

    [Fact]
    public void Advise_AnyUse_TargetNeverProjectsAboveTargetOrPeak()
    {
        // Property: a recommended size carries protected demand within target and the peak at ≤ 100% (never below peak + headroom).
        string[] sizes = ["Standard_D2s_v5", "Standard_D16s_v5", "Standard_D64s_v5", "Standard_E8s_v5", "Standard_F8s_v2", "Standard_B4ms", "Standard_D32as_v5"];
        var policy = new Optimize.Policy.OptimizePolicy();
        var context = Context(policy);
        var gen =
            from index in Gen.Choose(0, sizes.Length - 1)
            from cpu in Gen.Choose(0, 1000)
            from cpuExtra in Gen.Choose(0, 1000)
            from mem in Gen.Choose(0, 1000)
            from memExtra in Gen.Choose(0, 1000)
            select (sizes[index], cpu / 10.0, Math.Min(100, (cpu + cpuExtra) / 10.0), mem / 10.0, Math.Min(100, (mem + memExtra) / 10.0));
        var recommended = 0;
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var (size, cpu, cpuMax, mem, memMax) = c;
            var item = VmItem(size);
            var summary = Summary(item.Resource.Id).Cpu(cpu, cpuMax).Memory(mem, memMax).Build();
            var advice = Advisor.Advise(item, summary, context);
            if (advice.Recommendation is not { } rec)
            {
                return true;
            }

            recommended++;
            return PropertyChecks.TargetCarries((((VmConfig)rec.Target).Size, 1), (size, 1), cpu, cpuMax, mem, memMax, rec.Direction, policy.Kinds.VirtualMachine);
        }).QuickCheckThrowOnFailure();
        Assert.True(recommended > 0, "the property never saw a recommendation");
    }
}
