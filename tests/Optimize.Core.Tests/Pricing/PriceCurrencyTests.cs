using Optimize.Model;
using Optimize.Pricing;

namespace Optimize.Core.Tests.Pricing;

public sealed class PriceCurrencyTests
{
    private static readonly PriceKey D2 = new(ResourceKind.VirtualMachine, "Standard_D2s_v5", "eastus");

    [Fact]
    public async Task GetPricesAsync_BuiltInBookInEur_RefusedNeverLabelledEur()
    {
        var ex = await Assert.ThrowsAsync<PriceCurrencyException>(() => BuiltInPriceBook.Default.GetPricesAsync([D2], "EUR", TestContext.Current.CancellationToken));

        Assert.Contains("USD prices only", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'EUR'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPricesAsync_BuiltInBookWindowsKey_AbsentLinuxPriced()
    {
        var sheet = await BuiltInPriceBook.Default.GetPricesAsync([D2, D2 with { Os = OsFamily.Windows }], "USD", TestContext.Current.CancellationToken);

        Assert.Equal(1, sheet.Count);
        Assert.Equal(70.08m, sheet.Find(D2)!.MonthlyPerInstance); // 0.096 USD/h × 730
        Assert.Null(sheet.Find(D2 with { Os = OsFamily.Windows }));
    }

    [Fact]
    public void Find_SameSkuOtherOs_IsAnotherPrice()
    {
        var sheet = new PriceSheet([new Price(D2 with { Os = OsFamily.Windows }, 0.188m, "1 Hour", "EUR", "w")], "EUR");

        Assert.Null(sheet.Find(D2));
        Assert.Equal(0.188m, sheet.Find(new PriceKey(ResourceKind.VirtualMachine, "standard_d2s_v5", "EASTUS", OsFamily.Windows))!.UnitPrice);
    }

    [Fact]
    public void PriceSheet_PriceInAnotherCurrency_Refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PriceSheet([new Price(D2, 0.096m, "1 Hour", "USD", "m")], "EUR"));

        Assert.Contains("in USD, not in the sheet's EUR", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("USD", true)]
    [InlineData("EUR", true)]
    [InlineData("TWD", true)]
    [InlineData("eur", false)]
    [InlineData("XAU", false)]
    [InlineData(null, false)]
    public void IsSupported_Code_MatchesThePublishedList(string? code, bool expected) =>
        Assert.Equal(expected, PriceCurrencies.IsSupported(code));

    [Fact]
    public void Supported_PublishedList_SeventeenDistinctUpperCaseCodes()
    {
        Assert.Equal(17, PriceCurrencies.Supported.Distinct().Count());
        Assert.All(PriceCurrencies.Supported, c => Assert.Matches("^[A-Z]{3}$", c));
    }
}
