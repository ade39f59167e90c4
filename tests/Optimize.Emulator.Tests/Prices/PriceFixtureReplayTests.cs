using System.Text.Json.Nodes;
using Optimize.Emulator.Prices;
using Optimize.Testing;

namespace Optimize.Emulator.Tests.Prices;

/// <summary>
/// The published items of ../shared/fixtures/prices (the examples of azure-retail-prices.md "API response examples") read
/// through the emulator's item model, and the emulator's own items held to their field set. Skipped when ../shared is absent.
/// </summary>
public sealed class PriceFixtureReplayTests
{
    private static readonly string[] Names =
    [
        "azure-retail-prices.md__item-consumption-vm-F16s-spot-EUR.json",
        "azure-retail-prices.md__item-consumption-vm-F16s-spot-devtest.json",
        "azure-retail-prices.md__item-reservation-vm-E64v4.json",
    ];

    public static TheoryData<string> Fixtures() => [.. Names];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void PublishedItem_ParsesAndWritesBackUnchanged(string name)
    {
        var published = JsonNode.Parse(File.ReadAllText(RepoPaths.SharedFile("fixtures/prices/" + name)))!.AsObject();

        var item = PriceItem.Parse(published);
        var written = item.ToJson(item.CurrencyCode);

        Assert.Equal(published.Select(p => p.Key), written.Select(p => p.Key));
        foreach (var (key, value) in published)
        {
            Assert.True(value is JsonValue v && v.TryGetValue<decimal>(out var d)
                ? d == written[key]!.GetValue<decimal>()
                : JsonNode.DeepEquals(value, written[key]), $"{name}: {key} changed");
        }
    }

    [Fact]
    public void EveryPublishedFixture_IsCovered()
    {
        var dir = Path.GetDirectoryName(RepoPaths.SharedFile("fixtures/prices/" + Names[0]))!;

        Assert.Equal(Names.Order(StringComparer.Ordinal), Directory.GetFiles(dir, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EmulatorItems_HaveThePublishedFieldsInThePublishedOrder()
    {
        var consumption = Read("azure-retail-prices.md__item-consumption-vm-F16s-spot-EUR.json");
        var reservation = Read("azure-retail-prices.md__item-reservation-vm-E64v4.json");
        await using var emulator = await EmulatorFixture.StartAsync();

        var items = (await PricesKit.AllPagesAsync(emulator, "/api/retail/prices")).SelectMany(PricesKit.Items).ToList();
        var reserved = items.Where(i => PricesKit.Text(i, "type") == "Reservation").ToList();

        Assert.Equal(1329, items.Count);
        Assert.Equal(3 * 41 * 2, reserved.Count);
        Assert.All(items.Except(reserved), i => Assert.Equal(consumption.Select(p => p.Key), i.Select(p => p.Key)));
        Assert.All(reserved, i => Assert.Equal(reservation.Select(p => p.Key), i.Select(p => p.Key)));
        Assert.All(reserved, i => Assert.Contains(PricesKit.Text(i, "reservationTerm"), (string[])["1 Year", "3 Years"]));
    }

    [Fact]
    public void PublishedItems_MeetTheFilterAsTheReferenceWritesIt()
    {
        var devTest = PriceItem.Parse(Read("azure-retail-prices.md__item-consumption-vm-F16s-spot-devtest.json"));
        var reservation = PriceItem.Parse(Read("azure-retail-prices.md__item-reservation-vm-E64v4.json"));

        // "API sample calls": serviceName eq 'Virtual Machines' and priceType eq 'Reservation'.
        var reserved = ODataFilter.Parse("serviceName eq 'Virtual Machines' and priceType eq 'Reservation'");
        var westEurope = ODataFilter.Parse("Location eq 'EU West' and productid eq 'DZH318Z0BQPS' and (armSkuName eq 'Standard_F16s' or armSkuName eq 'x')");

        Assert.True(reserved.Matches(reservation));
        Assert.False(reserved.Matches(devTest));
        Assert.True(westEurope.Matches(devTest));
        Assert.False(westEurope.Matches(reservation));
    }

    [Fact]
    public void AnItemMissingAField_IsRefused()
    {
        var item = Read("azure-retail-prices.md__item-consumption-vm-F16s-spot-devtest.json");
        item.Remove("armSkuName");
        item["extra"] = 1;

        Assert.Contains("extra", Assert.Throws<FormatException>(() => PriceItem.Parse(item)).Message, StringComparison.Ordinal);
        item.Remove("extra");
        Assert.Contains("'armSkuName' must be a string", Assert.Throws<FormatException>(() => PriceItem.Parse(item)).Message, StringComparison.Ordinal);
    }

    private static JsonObject Read(string name) => JsonNode.Parse(File.ReadAllText(RepoPaths.SharedFile("fixtures/prices/" + name)))!.AsObject();
}
