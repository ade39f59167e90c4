using Optimize.Advisors.FunctionApp;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Recommendations;
using static Optimize.Core.Tests.Builders.AdvisorTestData;

namespace Optimize.Core.Tests.Advisors.FunctionApp;

public sealed class FunctionAppAdvisorTests
{
    private static readonly FunctionAppAdvisor Advisor = new();

    // Function apps protect p99 by default (the summaries here set every percentile to one value).
    private static Optimize.Metrics.ResourceSummary Use(InventoryItem item, double mem, double memMax, double cpu, double cpuMax, double meanInstances, double maxInstances, double coverage = 1.0) =>
        Summary(item.Resource.Id)
            .Memory(mem, memMax, coverage).Cpu(cpu, cpuMax, coverage)
            .With(new MetricSummary(MetricNames.Instances, ExpectedPoints, (int)(ExpectedPoints * coverage), meanInstances, meanInstances, maxInstances, maxInstances, maxInstances, maxInstances, 10))
            .Build();

    [Fact]
    public void Advise_LowMemory_SmallerInstanceSize()
    {
        // FC-4096 (2 vCPU, 4 GB): memory 10% → 0.4 GB, cpu 10% → 0.2 vCPU per instance; peaks 0.48 GB, 0.3 vCPU.
        // FC-512 (0.25 vCPU): cpu 80% > 70 ✗. FC-2048 (1 vCPU, 2 GB): 20% / 20% ✓.
        var item = FunctionItem(4096, 100);

        var rec = Advisor.Advise(item, Use(item, 10, 12, 10, 15, 2, 5), Context()).Recommendation!;

        Assert.Equal(new FunctionAppConfig(2048, 100), rec.Target);
        Assert.Equal(Direction.Down, rec.Direction);

        // (4 − 2) GB × 2 instances × 2,628,000 s × 0.000026 USD = 273.312 → 273.31.
        Assert.Equal(273.31m, rec.EstimatedMonthlySavings);
    }

    [Fact]
    public void Advise_TinyUse_TwoStagesDownToSmallest()
    {
        // 5% → 0.2 GB and 0.1 vCPU; FC-512: 40% / 40%, peaks 80% → FC-512. 2 vCPU → 0.25 removes 87.5% > 50%: via FC-2048.
        var item = FunctionItem(4096, 100);

        var rec = Advisor.Advise(item, Use(item, 5, 10, 5, 10, 2, 5), Context()).Recommendation!;

        Assert.Equal([new FunctionAppConfig(2048, 100), new FunctionAppConfig(512, 100)], rec.Stages);

        // (4 − 0.5) × 2 × 2,628,000 × 0.000026 = 478.296 → 478.30.
        Assert.Equal(478.30m, rec.EstimatedMonthlySavings);
    }

    [Fact]
    public void Advise_MemoryHot_LargerInstanceSize()
    {
        // FC-512 memory p99 95% > 85 → 0.475 GB; FC-2048: 23.75% ✓.
        var item = FunctionItem(512, 100);

        var rec = Advisor.Advise(item, Use(item, 95, 98, 30, 40, 2, 5), Context()).Recommendation!;

        Assert.Equal(new FunctionAppConfig(2048, 100), rec.Target);
        Assert.Equal(Direction.Up, rec.Direction);
        Assert.True(rec.EstimatedMonthlySavings < 0);
    }

    [Fact]
    public void Advise_InstancesHitMaximum_RaisesMaximum()
    {
        // Max 100 instances observed with a maximum of 100 → 150; memory 50% / cpu 40% of FC-2048 keeps its size.
        var item = FunctionItem(2048, 100);

        var rec = Advisor.Advise(item, Use(item, 50, 60, 40, 50, 30, 100), Context()).Recommendation!;

        Assert.Equal(new FunctionAppConfig(2048, 150), rec.Target);
        Assert.Equal(Direction.Up, rec.Direction);
        Assert.Equal(0m, rec.EstimatedMonthlySavings);
    }

    [Fact]
    public void Advise_MaximumFarAboveUse_Kept()
    {
        // Max 5 of 100 instances: the maximum costs nothing; FC-2048 at 50% / 40% is right-sized.
        var item = FunctionItem(2048, 100);

        var advice = Advisor.Advise(item, Use(item, 50, 60, 40, 50, 2, 5), Context());

        Assert.Equal(SkipReasons.RightSizedCode, advice.Skip?.Code);
    }

    [Fact]
    public void Advise_MemorySpikes_PeakProtected()
    {
        // FC-2048: memory p99 10% → 0.2 GB, but max 90% → 1.8 GB; FC-512 (0.5 GB) would be at 360% → keep FC-2048.
        var item = FunctionItem(2048, 100);

        Assert.Equal(SkipReasons.RightSizedCode, Advisor.Advise(item, Use(item, 10, 90, 10, 20, 2, 5), Context()).Skip?.Code);
    }

    [Fact]
    public void Advise_SmallestAndLow_AlreadySmallest()
    {
        var item = FunctionItem(512, 100);

        Assert.Equal(SkipReasons.AlreadySmallestCode, Advisor.Advise(item, Use(item, 20, 30, 20, 30, 2, 5), Context()).Skip?.Code);
    }

    [Fact]
    public void Advise_UnknownMemorySize_UnknownSku()
    {
        var item = FunctionItem(1024, 100);

        var advice = Advisor.Advise(item, Use(item, 20, 30, 20, 30, 2, 5), Context());

        Assert.Equal(SkipReasons.UnknownSkuCode, advice.Skip?.Code);
        Assert.Contains("FC-1024", advice.Skip?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_NoInstanceData_NoData()
    {
        var item = FunctionItem(2048, 100);
        var summary = Summary(item.Resource.Id).Memory(20).Cpu(20).Build();

        Assert.Equal("no instances data in the lookback", Advisor.Advise(item, summary, Context()).Skip?.Message);
    }

    [Fact]
    public void Advise_PartialData_Coverage()
    {
        var item = FunctionItem(4096, 100);

        Assert.Equal(SkipReasons.CoverageCode, Advisor.Advise(item, Use(item, 10, 12, 10, 15, 2, 5, coverage: 0.6), Context()).Skip?.Code);
    }

    [Theory]
    [InlineData(40, 60)]
    [InlineData(100, 150)]
    [InlineData(700, 1000)]
    [InlineData(999, 1000)]
    public void RaisedMaximum_Current_OneAndAHalfCappedAtLimit(int current, int expected) =>
        Assert.Equal(expected, FunctionAppAdvisor.RaisedMaximum(current));
}
