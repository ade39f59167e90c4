using Optimize.Advisors.Estimation;
using Optimize.Model;
using Optimize.Pricing;

namespace Optimize.Core.Tests.Advisors.Estimation;

public sealed class SavingsTests
{
    private static Price Hourly(decimal unit) => new(new PriceKey(ResourceKind.VirtualMachine, "X", "eastus"), unit, PriceSkus.HourUnit, "USD", "m1");

    private static Price GbSecond(decimal unit) => new(new PriceKey(ResourceKind.FunctionApp, PriceSkus.FlexConsumptionGbSecond, "eastus"), unit, PriceSkus.GbSecondUnit, "USD", "m2");

    [Theory]
    [InlineData(0.192, 3, 420.48)] // 0.192 × 3 × 730
    [InlineData(0.155, 1, 113.15)]
    public void MonthlyHourly_Instances_TimesHoursPerMonth(double unit, double instances, double expected) =>
        Assert.Equal((decimal)expected, Savings.MonthlyHourly(Hourly((decimal)unit), instances));

    [Fact]
    public void MonthlyGbSeconds_TwoGbOneAndAHalfInstances_UpperBound() =>
        // 2 GB × 1.5 × 2,628,000 s × 0.000026 = 204.984
        Assert.Equal(204.984m, Savings.MonthlyGbSeconds(GbSecond(0.000026m), 2, 1.5));

    [Fact]
    public void MonthlyHourly_GbSecondMeter_Throws() =>
        Assert.Throws<ArgumentException>(() => Savings.MonthlyHourly(GbSecond(0.000026m), 1));

    [Fact]
    public void MonthlyGbSeconds_HourlyMeter_Throws() =>
        Assert.Throws<ArgumentException>(() => Savings.MonthlyGbSeconds(Hourly(0.1m), 1, 1));
}
