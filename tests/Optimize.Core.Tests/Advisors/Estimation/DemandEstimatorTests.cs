using Optimize.Advisors.Estimation;

namespace Optimize.Core.Tests.Advisors.Estimation;

public sealed class DemandEstimatorTests
{
    [Theory]
    [InlineData(40, 8, 1, 3.2)]  // p95 40% of 8 vCPU
    [InlineData(50, 16, 3, 24)]  // memory 50% of 16 GB × 3 instances
    [InlineData(0, 8, 4, 0)]
    public void Demand_Percent_AbsoluteUnits(double percent, double capacity, double instances, double expected) =>
        Assert.Equal(expected, DemandEstimator.Demand(percent, capacity, instances), 9);

    [Theory]
    [InlineData(1, 1.2)]
    [InlineData(6.99, 1.2)]
    [InlineData(7, 1.1)]
    [InlineData(13.3, 1.1)]
    [InlineData(14, 1.0)]
    [InlineData(30, 1.0)]
    public void ConfidenceMultiplier_HistoryDays_InflatesShortHistory(double days, double expected) =>
        Assert.Equal(expected, DemandEstimator.ConfidenceMultiplier(TimeSpan.FromDays(days)));

    [Theory]
    [InlineData(3.2, 4, 80)]
    [InlineData(3.2, 8, 40)]
    public void Project_Demand_PercentOfCapacity(double demand, double capacity, double expected) =>
        Assert.Equal(expected, DemandEstimator.Project(demand, capacity), 9);

    [Theory]
    [InlineData(3.52, 6, 8, 70, true)]  // 44% ≤ 70, peak 75% ≤ 100
    [InlineData(3.52, 6, 4, 70, false)] // 88% > 70
    [InlineData(1, 9, 8, 70, false)]    // 12.5% but peak 112.5% > 100
    [InlineData(5.6, 8, 8, 70, true)]   // exactly 70% and 100%
    public void Fits_DemandAndPeak_BothChecked(double demand, double peak, double capacity, double target, bool expected) =>
        Assert.Equal(expected, DemandEstimator.Fits(demand, peak, capacity, target));
}
