using Optimize.Azure.Pricing;
using Optimize.Azure.Tests.Http;
using Optimize.Model;
using Optimize.Pricing;
using static Optimize.Azure.Tests.Pricing.RetailPriceBookTests;

namespace Optimize.Azure.Tests.Pricing;

/// <summary>
/// Prices in the policy's currency (the API's <c>currencyCode</c>, "Supported currencies" in
/// ../shared/azure-contract/prices/azure-retail-prices.md) and on the Windows or Linux meters of each resource.
/// The EUR item is ../shared/fixtures/prices/azure-retail-prices.md__item-consumption-vm-F16s-spot-EUR.json
/// (F16s, westeurope, Windows product, 0.6176 EUR/hour), turned into its pay-as-you-go form.
/// </summary>
public sealed class RetailPriceCurrencyAndOsTests
{
    private const string EurFixture = "azure-retail-prices.md__item-consumption-vm-F16s-spot-EUR.json";

    private static readonly PriceKey WindowsF16s = new(ResourceKind.VirtualMachine, "Standard_F16s", "westeurope", OsFamily.Windows);

    private static RetailPriceBook Book(TestEnv env) => new(env.Anonymous());

    /// <summary>The published EUR item without its Spot marks: the Windows pay-as-you-go F16s meter, in EUR.</summary>
    private static System.Text.Json.Nodes.JsonNode EurWindowsF16s()
    {
        var item = Item(EurFixture);
        item["skuName"] = "F16s";
        item["meterName"] = "F16s";
        return item;
    }

    [Fact]
    public async Task GetPricesAsync_EurPolicy_SendsCurrencyCodeAndPricesEveryItemInEur()
    {
        var env = new TestEnv();
        var usd = EurWindowsF16s();
        usd["currencyCode"] = "USD";
        usd["retailPrice"] = 0.7m;
        usd["meterId"] = "usd-meter";
        env.Transport.On("GET", "prices.azure.com", Envelope(null, usd, EurWindowsF16s()));

        var sheet = await Book(env).GetPricesAsync([WindowsF16s], "EUR", TestContext.Current.CancellationToken);

        var price = sheet.Find(WindowsF16s)!;
        Assert.Equal("'EUR'", Assert.Single(env.Transport.Requests).Query("currencyCode"));
        Assert.Equal("EUR", sheet.Currency);
        Assert.Equal(("EUR", 0.6176m, "000a794b-bdb0-58be-a0cd-0c3a0f222923"), (price.Currency, price.UnitPrice, price.MeterId));
        Assert.Equal(450.848m, price.MonthlyPerInstance); // 0.6176 EUR/h × 730 h
    }

    [Fact]
    public async Task GetPricesAsync_PublishedEurSpotItem_NeverPricesPayAsYouGo()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "prices.azure.com", Envelope(null, Item(EurFixture)));

        var sheet = await Book(env).GetPricesAsync([WindowsF16s], "EUR", TestContext.Current.CancellationToken);

        Assert.Equal(0, sheet.Count);
    }

    [Fact]
    public async Task GetPricesAsync_UsdRequestOverEurItems_PricesNothingRatherThanMislabel()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "prices.azure.com", Envelope(null, EurWindowsF16s()));

        var sheet = await Book(env).GetPricesAsync([WindowsF16s], "USD", TestContext.Current.CancellationToken);

        Assert.Equal(("USD", 0), (sheet.Currency, sheet.Count));
        Assert.Equal("'USD'", Assert.Single(env.Transport.Requests).Query("currencyCode"));
    }

    [Theory]
    [InlineData("XYZ", "use one of USD, AUD")]
    [InlineData("eur", "write it upper case: 'EUR'")]
    [InlineData("", "is not a currency the Azure Retail Prices API publishes")]
    public async Task GetPricesAsync_UnsupportedCurrency_RefusedBeforeAnyCall(string currency, string expected)
    {
        var env = new TestEnv();
        env.Transport.On("GET", "prices.azure.com", Envelope(null, EurWindowsF16s()));

        var ex = await Assert.ThrowsAsync<PriceCurrencyException>(() => Book(env).GetPricesAsync([WindowsF16s], currency, TestContext.Current.CancellationToken));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Empty(env.Transport.Requests);
    }

    [Fact]
    public async Task GetPricesAsync_TwoCurrencies_CachedApartOneCallEach()
    {
        var env = new TestEnv();
        var usd = EurWindowsF16s();
        usd["currencyCode"] = "USD";
        usd["retailPrice"] = 0.7m;
        env.Transport
            .On(r => r.Query("currencyCode") == "'USD'", _ => Envelope(null, usd))
            .On(r => r.Query("currencyCode") == "'EUR'", _ => Envelope(null, EurWindowsF16s()));
        var book = Book(env);

        var eur = await book.GetPricesAsync([WindowsF16s], "EUR", TestContext.Current.CancellationToken);
        var dollars = await book.GetPricesAsync([WindowsF16s], "USD", TestContext.Current.CancellationToken);
        var again = await book.GetPricesAsync([WindowsF16s], "EUR", TestContext.Current.CancellationToken);

        Assert.Equal((0.6176m, 0.7m, 0.6176m), (eur.Find(WindowsF16s)!.UnitPrice, dollars.Find(WindowsF16s)!.UnitPrice, again.Find(WindowsF16s)!.UnitPrice));
        Assert.Equal(2, env.Transport.Requests.Count);
    }

    [Fact]
    public async Task GetPricesAsync_WindowsAndLinuxVmKeys_EachReadTheirOwnMeter()
    {
        var windows = LinuxHourly("Standard_D4s_v5", 0.376m, "m-d4-win");
        windows["productName"] = "Virtual Machines Dsv5 Series Windows";
        var env = new TestEnv();
        env.Transport.On("GET", "prices.azure.com", Envelope(null, windows, LinuxHourly("Standard_D4s_v5", 0.192m, "m-d4")));
        PriceKey linux = new(ResourceKind.VirtualMachine, "Standard_D4s_v5", "westeurope", OsFamily.Linux);
        PriceKey win = linux with { Os = OsFamily.Windows };

        var sheet = await Book(env).GetPricesAsync([linux, win], "USD", TestContext.Current.CancellationToken);

        Assert.Equal(("m-d4", 140.16m), (sheet.Find(linux)!.MeterId, sheet.Find(linux)!.MonthlyPerInstance)); // 0.192 × 730
        Assert.Equal(("m-d4-win", 274.48m), (sheet.Find(win)!.MeterId, sheet.Find(win)!.MonthlyPerInstance)); // 0.376 × 730
        Assert.Single(env.Transport.Requests); // one response holds both meters
    }
}
