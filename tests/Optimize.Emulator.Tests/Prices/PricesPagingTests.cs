using System.Text.Json.Nodes;
using Optimize.Model;
using Optimize.Pricing;
using static Optimize.Emulator.Tests.Prices.PricesKit;

namespace Optimize.Emulator.Tests.Prices;

/// <summary>
/// Paging as azure-retail-prices.md "API response pagination" describes it: "a maximum of 100 records" per response and a
/// NextPageLink such as https://prices.azure.com:443/api/retail/prices?$filter=…&amp;$skip=100, null on the last page.
/// </summary>
public sealed class PricesPagingTests
{
    [Fact]
    public async Task VirtualMachinesOfOneRegion_ComeIn100RecordPages_WhoseLinksCarrySkip_AndEndWithNull()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        const string filter = "serviceName eq 'Virtual Machines' and armRegionName eq 'westeurope'";
        // 10 items per priced VM size (6 Consumption, 2 DevTest, 2 Reservation); the catalog's priced sizes counted independently.
        var sizes = emulator.World.Fleet.Catalog.Candidates(ResourceKind.VirtualMachine, "westeurope")
            .Count(s => BuiltInPriceBook.Find(new PriceKey(ResourceKind.VirtualMachine, s.Name, "westeurope")) is not null);
        var expected = sizes * 10;

        var pages = await AllPagesAsync(emulator, "/api/retail/prices?$filter=" + Uri.EscapeDataString(filter));
        var counts = pages.Select(p => p["Count"]!.GetValue<int>()).ToList();
        var meters = pages.SelectMany(p => Items(p)).Select(i => (Text(i, "meterId"), Text(i, "type"), i["reservationTerm"]?.GetValue<string>())).ToList();

        Assert.Equal(41, sizes);
        Assert.Equal([100, 100, 100, 100, 10], counts);
        Assert.Equal(expected, meters.Count);
        Assert.Equal(expected, meters.Distinct().Count());
        Assert.Equal(
            "https://prices.azure.com:443/api/retail/prices?$filter=" + Uri.EscapeDataString(filter) + "&$skip=100",
            pages[0]["NextPageLink"]!.GetValue<string>());
        Assert.EndsWith("&$skip=400", pages[3]["NextPageLink"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(pages[4]["NextPageLink"]);
        Assert.All(pages.Skip(1), p => Assert.Equal("USD", p["BillingCurrency"]!.GetValue<string>()));
    }

    [Fact]
    public async Task NextPageLink_KeepsCurrencyAndApiVersion()
    {
        await using var emulator = await EmulatorFixture.StartAsync();

        var pages = await AllPagesAsync(emulator, "/api/retail/prices?api-version=2021-10-01-preview&currencyCode='EUR'&$filter="
            + Uri.EscapeDataString("serviceName eq 'Virtual Machines' and armRegionName eq 'eastus2' and priceType eq 'Consumption'"));

        // 41 sizes x 6 Consumption meters = 246 records: 100, 100, 46.
        Assert.Equal([100, 100, 46], pages.Select(p => Items(p).Count));
        Assert.Contains("currencyCode=%27EUR%27", pages[0]["NextPageLink"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(pages.SelectMany(p => Items(p)), i => Assert.Equal("EUR", Text(i, "currencyCode")));
        Assert.All(pages, p => Assert.Equal("EUR", p["BillingCurrency"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SkipPastTheEnd_IsAnEmptyLastPage()
    {
        await using var emulator = await EmulatorFixture.StartAsync();

        var (status, json) = await QueryAsync(emulator, D4sWestEurope, "$skip=10");
        var (_, partial) = await QueryAsync(emulator, D4sWestEurope, "$skip=7");

        Assert.Equal(200, status);
        Assert.Empty(Items(json));
        Assert.Null(json!["NextPageLink"]);
        Assert.Equal(3, Items(partial).Count);
    }

    [Fact]
    public async Task WholeCatalog_WithoutFilter_PagesThroughEveryPublishedItemOnce()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var published = Published(emulator);

        var pages = await AllPagesAsync(emulator, "/api/retail/prices");
        var served = pages.SelectMany(p => Items(p)).ToList();

        // 3 regions x (41 sizes x 10 + 13 plan SKUs x 2 + 7 Functions items) = 3 x 443 = 1329.
        Assert.Equal(1329, published.Count);
        Assert.Equal(published.Count, served.Count);
        Assert.True(published.Select(i => (JsonNode)i.ToJson()).Zip(served).All(p => JsonNode.DeepEquals(p.First, p.Second)));
        Assert.All(pages.SkipLast(1), p => Assert.Equal(100, p["Count"]!.GetValue<int>()));
    }
}
