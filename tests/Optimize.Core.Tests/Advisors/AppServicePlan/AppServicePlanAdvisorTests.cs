using Optimize.Advisors.AppServicePlan;
using Optimize.Model;
using Optimize.Recommendations;
using static Optimize.Core.Tests.Builders.AdvisorTestData;

namespace Optimize.Core.Tests.Advisors.AppServicePlan;

public sealed class AppServicePlanAdvisorTests
{
    private static readonly AppServicePlanAdvisor Advisor = new();

    public static TheoryData<string, string, int, double, double, double, double, double, string?, int, string?> Cases => new()
    {
        // P2v3 (4 vCPU, 16 GB) × 4: cpu 20% → 3.2 vCPU, mem 25% → 16 GB; peaks 6.4 vCPU, 22.4 GB.
        // Workers first: 2 (floor, HA) carries it (40%, 50%; peaks 80%, 70%). At 2 workers P1v3 × 2 = 4 vCPU → 80% > 70 → P2v3 × 2.
        { "workers first", "P2v3", 4, 20, 40, 25, 35, 1.0, "P2v3", 2, null },

        // P1v3 × 1 at 10%: P0v3 (1 vCPU, 4 GB): 0.2 vCPU → 20%, 0.8 GB → 20%; peaks 30% → P0v3, same family.
        { "single worker → smaller Pv3", "P1v3", 1, 10, 15, 10, 15, 1.0, "P0v3", 1, null },

        // P1mv3 is the smallest memory-optimized SKU: never down to P0v3 (another family).
        { "never leaves its family", "P1mv3", 1, 5, 10, 5, 10, 1.0, null, 0, SkipReasons.AlreadySmallestCode },

        // S1 is the smallest Standard SKU: never down to Basic (features would be lost).
        { "never Standard → Basic", "S1", 1, 5, 10, 5, 10, 1.0, null, 0, SkipReasons.AlreadySmallestCode },

        // S1 × 3 hot at 95%: 2.85 vCPU → 2.85/n ≤ 70% → n ≥ 4.07 → 5 workers.
        { "hot → more workers", "S1", 3, 95, 98, 30, 40, 1.0, "S1", 5, null },

        // B1 × 3 is at Basic's maximum of 3 workers: hot → B2 × 3 (2.85/6 = 47.5%).
        { "hot at max workers → larger SKU", "B1", 3, 95, 98, 30, 40, 1.0, "B2", 3, null },

        // P1v3 × 2 at p95 10% but max 100%: the 4 vCPU peak rules out P0v3 × 2 (2 vCPU → 200%).
        { "spikes protected", "P1v3", 2, 10, 100, 10, 20, 1.0, null, 0, SkipReasons.RightSizedCode },
        { "partial data", "P2v3", 4, 20, 40, 25, 35, 0.5, null, 0, SkipReasons.CoverageCode },
        { "unknown SKU", "I1v2", 2, 20, 40, 25, 35, 1.0, null, 0, SkipReasons.UnknownSkuCode },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Advise_Table_ExpectedTargetOrSkip(string name, string sku, int workers, double cpu, double cpuMax, double mem, double memMax, double coverage, string? targetSku, int targetWorkers, string? skip)
    {
        var item = PlanItem(sku, workers);
        var summary = Summary(item.Resource.Id).Cpu(cpu, cpuMax, coverage).Memory(mem, memMax, coverage).Build();

        var advice = Advisor.Advise(item, summary, Context());

        Assert.True(
            targetSku is null ? advice.Skip?.Code == skip : advice.Recommendation?.Target == new AppServicePlanConfig(targetSku, targetWorkers),
            $"{name}: {advice.Skip?.Message ?? advice.Recommendation?.Rationale}");
    }

    [Fact]
    public void Advise_WorkersFirst_SavingsFromPlanPrices()
    {
        var item = PlanItem("P2v3", 4);
        var summary = Summary(item.Resource.Id).Cpu(20, 40).Memory(25, 35).Build();

        var rec = Advisor.Advise(item, summary, Context()).Recommendation!;

        // 2 workers × 0.31 USD/h × 730 = 452.60 USD/month.
        Assert.Equal(452.60m, rec.EstimatedMonthlySavings);
        Assert.Equal([new AppServicePlanConfig("P2v3", 2)], rec.Stages);
        Assert.Equal(Direction.Down, rec.Direction);
    }

    [Fact]
    public void Advise_TenWorkersToTwo_ThreeStages()
    {
        // S2 (2 vCPU, 3.5 GB) × 10 at 10%: 2 vCPU, 3.5 GB, peaks 4 vCPU / 7 GB → 2 workers (50%, 50%; peaks 100%, 100%).
        // S1 × 2 would be 100% cpu → S2 × 2. Stages at ≤ 50% each: 10 → 5 → 3 → 2; saving 8 × 0.19 × 730 = 1109.60.
        var item = PlanItem("S2", 10);
        var summary = Summary(item.Resource.Id).Cpu(10, 20).Memory(10, 20).Build();

        var rec = Advisor.Advise(item, summary, Context()).Recommendation!;

        Assert.Equal([5, 3, 2], rec.Stages.Cast<AppServicePlanConfig>().Select(s => s.Workers));
        Assert.All(rec.Stages.Cast<AppServicePlanConfig>(), s => Assert.Equal("S2", s.Sku));
        Assert.Equal(1109.60m, rec.EstimatedMonthlySavings);
    }

    [Fact]
    public void Advise_NoData_NoData()
    {
        var item = PlanItem("P1v3", 2);

        Assert.Equal(SkipReasons.NoDataCode, Advisor.Advise(item, Summary(item.Resource.Id).Build(), Context()).Skip?.Code);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(7, 2)]
    public void MinimumWorkers_Current_KeepsTwoForAvailability(int current, int expected) =>
        Assert.Equal(expected, AppServicePlanAdvisor.MinimumWorkers(current));
}
