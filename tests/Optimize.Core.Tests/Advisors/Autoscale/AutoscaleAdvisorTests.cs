using Optimize.Advisors.Autoscale;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Recommendations;
using static Optimize.Core.Tests.Builders.AdvisorTestData;

namespace Optimize.Core.Tests.Advisors.Autoscale;

public sealed class AutoscaleAdvisorTests
{
    private static readonly AutoscaleAdvisor Advisor = new();
    private static readonly InventoryItem Plan = PlanItem("P1v3", 3, "plan-target");

    private static ResourceSummary Use(InventoryItem item, double p50, double max, int transitions, double cpu, double coverage = 1.0) =>
        Summary(item.Resource.Id)
            .With(new MetricSummary(MetricNames.Instances, ExpectedPoints, (int)(ExpectedPoints * coverage), p50, p50, max, max, max, max, transitions))
            .Cpu(cpu, cpu + 10, coverage)
            .Build();

    [Fact]
    public void Advise_Flapping_LowersScaleInWithMargin()
    {
        // 140 changes in 14 days = 10/day > 6. Typical n = 3: scale-in at 60% × 3/2 = 90% ≥ scale-out 70% → flaps.
        // New scale-in: ⌊70 × 2/3 − 5⌋ = ⌊41.67⌋ = 41 → 41 × 3/2 = 61.5% < 70%.
        var item = AutoscaleItem(Plan.Resource.Id, 2, 10, 2, 70, 60);

        var rec = Advisor.Advise(item, Use(item, 3, 5, 140, 50), Context(inventory: Plan)).Recommendation!;

        Assert.Equal(Direction.Retune, rec.Direction);
        Assert.Equal(((AutoscaleConfig)item.Config) with { ScaleInCpuPercent = 41 }, rec.Target);
        Assert.Contains(rec.Evidence, e => e.Name == "scale-in.after.percent" && Math.Abs(e.Value - 90) < 1e-9);
        Assert.Contains(rec.Evidence, e => e.Name == "transitions.per.day" && Math.Abs(e.Value - 10) < 1e-9);
        Assert.Contains("60% × 3/2 = 90% ≥ scale-out 70%", rec.Rationale, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(40, 140)] // 40 × 3/2 = 60% < 70%: the gap is wide enough, even with 10 changes/day.
    [InlineData(60, 56)]  // 56 / 14 = 4 changes/day ≤ 6: not flapping.
    public void Advise_NotFlapping_RightSized(double scaleIn, int transitions)
    {
        var item = AutoscaleItem(Plan.Resource.Id, 2, 10, 2, 70, scaleIn);

        var advice = Advisor.Advise(item, Use(item, 3, 5, transitions, 50), Context(inventory: Plan));

        Assert.Equal(SkipReasons.RightSizedCode, advice.Skip?.Code);
    }

    [Theory]
    [InlineData(4.03, true)]  // within the histogram's 0.78 % of 4 (≤ 4.031): at the minimum
    [InlineData(4.05, false)] // above it: the setting runs above its minimum at the median hour
    public void Advise_P50AtTheMinimumWithinTheSummarysError_LowersMinimum(double p50, bool lowered)
    {
        var item = AutoscaleItem(Plan.Resource.Id, 4, 10, 4, 70, 30);

        var advice = Advisor.Advise(item, Use(item, p50, 6, 10, 20), Context(inventory: Plan));

        Assert.Equal(lowered, advice.Recommendation?.Direction == Direction.Down);
    }

    [Fact]
    public void Advise_MinimumTooHigh_LowersMinimumAndPricesTarget()
    {
        // At the minimum of 4 most of the time, cpu p95 20%: 20 × 4/1 = 80% > 70; 20 × 4/2 = 40% ≤ 70 → minimum 2.
        // Saving: 2 instances × P1v3 0.155 × 730 = 226.30 × half the month at the minimum = 113.15.
        var item = AutoscaleItem(Plan.Resource.Id, 4, 10, 4, 70, 30);

        var rec = Advisor.Advise(item, Use(item, 4, 6, 10, 20), Context(inventory: Plan)).Recommendation!;

        Assert.Equal(Direction.Down, rec.Direction);
        Assert.Equal(((AutoscaleConfig)item.Config) with { Minimum = 2 }, rec.Target);
        Assert.Equal(113.15m, rec.EstimatedMonthlySavings);
    }

    [Fact]
    public void Advise_MinimumTooHighFarBelow_StagesAndClampsDefault()
    {
        // Minimum 8, default 8, cpu 5%: 5 × 8/1 = 40% ≤ 70 → 1. Step ≤ 50%: 8 → 4 → 2 → 1; the default only has to stay
        // within [min, max], so it stays 8.
        var item = AutoscaleItem(Plan.Resource.Id, 8, 20, 8, 70, 30);

        var rec = Advisor.Advise(item, Use(item, 8, 9, 10, 5), Context(inventory: Plan)).Recommendation!;

        Assert.Equal([4, 2, 1], rec.Stages.Cast<AutoscaleConfig>().Select(s => s.Minimum));
        Assert.All(rec.Stages.Cast<AutoscaleConfig>(), s => Assert.InRange(s.Default, s.Minimum, s.Maximum));
    }

    [Fact]
    public void Advise_TargetNotInInventory_ZeroSavingsWithNote()
    {
        var item = AutoscaleItem(Plan.Resource.Id, 4, 10, 4, 70, 30);

        var rec = Advisor.Advise(item, Use(item, 4, 6, 10, 20), Context()).Recommendation!;

        Assert.Equal(0m, rec.EstimatedMonthlySavings);
        Assert.Contains(rec.Evidence, e => e.Name == "target.unknown");
    }

    [Fact]
    public void Advise_MaximumHitAndHot_RaisesMaximum()
    {
        // Instances reached the maximum 5 with cpu p95 90% > 85: ⌈90 × 5 / 70⌉ = ⌈6.43⌉ = 7; worst case 2 × 113.15 = 226.30 more.
        var item = AutoscaleItem(Plan.Resource.Id, 2, 5, 2, 70, 30);

        var rec = Advisor.Advise(item, Use(item, 4, 5, 20, 90), Context(inventory: Plan)).Recommendation!;

        Assert.Equal(Direction.Up, rec.Direction);
        Assert.Equal(7, ((AutoscaleConfig)rec.Target).Maximum);
        Assert.Equal(-226.30m, rec.EstimatedMonthlySavings);
    }

    [Fact]
    public void Advise_ScaleSetTarget_PricedFromVmMeter()
    {
        // Minimum 4 → 2 on a D4s_v5 scale set: 2 × 0.192 × 730 × 0.5 = 140.16.
        var set = ScaleSetItem("Standard_D4s_v5", 4, "vmss-target");
        var item = AutoscaleItem(set.Resource.Id, 4, 10, 4, 70, 30);

        var rec = Advisor.Advise(item, Use(item, 4, 6, 10, 20), Context(inventory: set)).Recommendation!;

        Assert.Equal(140.16m, rec.EstimatedMonthlySavings);
    }

    [Fact]
    public void Advise_NoInstances_NoData()
    {
        var item = AutoscaleItem(Plan.Resource.Id, 4, 10, 4, 70, 30);

        Assert.Equal(SkipReasons.NoDataCode, Advisor.Advise(item, Summary(item.Resource.Id).Cpu(20).Build(), Context()).Skip?.Code);
    }

    [Fact]
    public void Advise_PartialData_Coverage()
    {
        var item = AutoscaleItem(Plan.Resource.Id, 4, 10, 4, 70, 30);

        Assert.Equal(SkipReasons.CoverageCode, Advisor.Advise(item, Use(item, 4, 6, 10, 20, coverage: 0.7), Context()).Skip?.Code);
    }

    [Theory]
    [InlineData(60, 3, 90)]
    [InlineData(40, 3, 60)]
    [InlineData(50, 2, 100)]
    public void AfterScaleIn_Cpu_IsCTimesNOverNMinusOne(double cpu, int n, double expected) =>
        Assert.Equal(expected, AutoscaleRules.AfterScaleIn(cpu, n), 6);

    [Theory]
    [InlineData(70, 3, 41)]  // 70 × 2/3 − 5 = 41.67
    [InlineData(80, 2, 35)]  // 80 × 1/2 − 5 = 35
    [InlineData(75, 10, 62)] // 75 × 9/10 − 5 = 62.5
    public void RetunedScaleIn_ScaleOut_LeavesMargin(double scaleOut, int n, double expected) =>
        Assert.Equal(expected, AutoscaleRules.RetunedScaleIn(scaleOut, n));

    [Theory]
    [InlineData(4, 20, 70, 2)]
    [InlineData(4, 50, 70, 3)]    // 50 × 4/2 = 100 > 70; 50 × 4/3 = 66.7 ≤ 70 → 3
    [InlineData(2, 50, 70, null)] // 50 × 2/1 = 100 > 70 → none
    public void LowerMinimum_Cpu_LowestMinimumWithinTarget(int minimum, double cpu, double target, int? expected) =>
        Assert.Equal(expected, AutoscaleRules.LowerMinimum(minimum, cpu, target));
}
