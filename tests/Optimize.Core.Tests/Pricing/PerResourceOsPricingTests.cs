using Optimize.Advisors.AppServicePlan;
using Optimize.Advisors.VirtualMachine;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Pricing;
using static Optimize.Core.Tests.Builders.AdvisorTestData;

namespace Optimize.Core.Tests.Pricing;

/// <summary>Savings priced on the meters of the resource's own OS, in the sheet's (policy's) currency.</summary>
public sealed class PerResourceOsPricingTests
{
    private static readonly OptimizePolicy Eur = new() { Savings = new SavingsPolicy { Currency = "EUR" } };

    /// <summary>Illustrative EUR rates: Windows meters twice the Linux ones.</summary>
    private static PriceSheet EurSheet(ResourceKind kind, params (string Sku, decimal Linux, decimal Windows)[] rows) =>
        new(rows.SelectMany(r => new[]
        {
            new Price(new PriceKey(kind, r.Sku, "eastus", OsFamily.Linux), r.Linux, "1 Hour", "EUR", $"{r.Sku}-linux"),
            new Price(new PriceKey(kind, r.Sku, "eastus", OsFamily.Windows), r.Windows, "1 Hour", "EUR", $"{r.Sku}-windows"),
        }), "EUR");

    [Theory]
    [InlineData(OsFamily.Linux, 127.75)] // (0.35 − 0.175) EUR/h × 730 h
    [InlineData(OsFamily.Windows, 255.5)] // (0.70 − 0.35) EUR/h × 730 h
    public void Advise_VmDownsize_SavingFromItsOwnOsMetersInEur(OsFamily os, decimal expected)
    {
        var item = VmItem("Standard_D8s_v5");
        item = new InventoryItem(item.Resource with { Os = os }, item.Config);
        var summary = Summary(item.Resource.Id).Cpu(20, 40).Memory(30, 40).Build();
        var prices = EurSheet(ResourceKind.VirtualMachine, ("Standard_D8s_v5", 0.35m, 0.70m), ("Standard_D4s_v5", 0.175m, 0.35m), ("Standard_D2s_v5", 0.0875m, 0.175m));

        var rec = new VmSizeAdvisor().Advise(item, summary, Context(Eur, prices)).Recommendation!;

        Assert.Equal(new VmConfig("Standard_D4s_v5"), rec.Target);
        Assert.Equal((expected, "EUR"), (rec.EstimatedMonthlySavings, rec.Currency));
    }

    [Fact]
    public void Advise_WindowsVmWithOnlyLinuxPrices_SkippedNoPriceNotPricedAsLinux()
    {
        var item = VmItem("Standard_D8s_v5");
        item = new InventoryItem(item.Resource with { Os = OsFamily.Windows }, item.Config);
        var summary = Summary(item.Resource.Id).Cpu(20, 40).Memory(30, 40).Build();

        var advice = new VmSizeAdvisor().Advise(item, summary, Context(prices: Prices())); // built-in: Linux only

        Assert.Null(advice.Recommendation);
        Assert.Equal(Optimize.Recommendations.SkipReasons.NoPriceCode, advice.Skip?.Code);
    }
}
