using static Optimize.Emulator.Tests.Prices.PricesKit;

namespace Optimize.Emulator.Tests.Prices;

/// <summary>
/// GET /api/retail/prices held to ../shared/azure-contract/prices/azure-retail-prices.md (2021 copy): anonymous (opening
/// section), the "API filters" fields with eq / and / or as in "API sample calls", currencyCode='EUR' ("API sample calls",
/// "Supported currencies"), api-version ("Preview version"). Worked numbers: Standard_D4s_v5 is 0.192 USD/h in eastus
/// (BuiltInPrices) and westeurope's multiplier is 1.10, so its Linux meter is 0.2112; the Windows meter adds 4 vCPU x 0.046
/// (PriceModel, our model) = 0.3952.
/// </summary>
public sealed class PricesEndpointsTests
{
    [Fact]
    public async Task NoToken_Is200_OnThePricesPlane_AndLoggedAsRetailPricesList()
    {
        await using var emulator = await EmulatorFixture.StartAsync();

        var (status, json) = await GetAsync(emulator, "https://prices.azure.com/api/retail/prices?$filter=" + Uri.EscapeDataString(D4sWestEurope));

        Assert.Equal(200, status);
        Assert.Equal("USD", json!["BillingCurrency"]!.GetValue<string>());
        Assert.Equal("Default", json["CustomerEntityId"]!.GetValue<string>());
        Assert.Equal("Retail", json["CustomerEntityType"]!.GetValue<string>());
        Assert.Null(json["NextPageLink"]);
        Assert.Equal(1, emulator.World.Log.ByOperation["RetailPrices_List"]);
        Assert.Equal(1, emulator.World.Log.ByStatus[200]);
    }

    [Fact]
    public async Task OneSizeInOneRegion_HasTheConsumptionSpotLowPriorityDevTestAndReservationMeters_WithWorkedPrices()
    {
        await using var emulator = await EmulatorFixture.StartAsync();

        var (status, json) = await QueryAsync(emulator, D4sWestEurope);
        var items = Items(json);
        decimal Price(string product, string sku, string type) =>
            Number(Assert.Single(items, i => Text(i, "productName") == product && Text(i, "skuName") == sku && Text(i, "type") == type && i["reservationTerm"] is null), "retailPrice");

        Assert.Equal(200, status);
        Assert.Equal(10, json!["Count"]!.GetValue<int>());
        Assert.Equal(10, items.Count);
        Assert.All(items, i => Assert.Equal("Standard_D4s_v5", Text(i, "armSkuName")));
        Assert.All(items, i => Assert.Equal("EU West", Text(i, "location")));
        Assert.Equal(0.2112m, Price("Virtual Machines Dsv5 Series", "D4s v5", "Consumption"));
        Assert.Equal(0.3952m, Price("Virtual Machines Dsv5 Series Windows", "D4s v5", "Consumption"));
        Assert.Equal(0.025344m, Price("Virtual Machines Dsv5 Series", "D4s v5 Spot", "Consumption"));          // 0.2112 x 0.12
        Assert.Equal(0.047424m, Price("Virtual Machines Dsv5 Series Windows", "D4s v5 Spot", "Consumption"));  // 0.3952 x 0.12
        Assert.Equal(0.04224m, Price("Virtual Machines Dsv5 Series", "D4s v5 Low Priority", "Consumption"));   // 0.2112 x 0.20
        Assert.Equal(0.2112m, Price("Virtual Machines Dsv5 Series Windows", "D4s v5", "DevTestConsumption"));  // no licence
        Assert.Equal(0.025344m, Price("Virtual Machines Dsv5 Series Windows", "D4s v5 Spot", "DevTestConsumption"));
        var reservations = items.Where(i => Text(i, "type") == "Reservation").ToDictionary(i => Text(i, "reservationTerm"), i => Number(i, "retailPrice"));
        Assert.Equal(1147.07m, reservations["1 Year"]);    // 0.2112 x 8760 x 0.62 = 1147.069 44
        Assert.Equal(2220.13m, reservations["3 Years"]);   // 0.2112 x 26280 x 0.40 = 2220.134 4
        // The DevTest item is on the Windows pay-as-you-go meter (the reference's DevTest and EUR Consumption examples share meterId 000a794b-…).
        Assert.Equal(
            Text(Assert.Single(items, i => Text(i, "skuName") == "D4s v5" && Text(i, "type") == "DevTestConsumption"), "meterId"),
            Text(Assert.Single(items, i => Text(i, "skuName") == "D4s v5" && Text(i, "type") == "Consumption" && Text(i, "productName").EndsWith("Windows", StringComparison.Ordinal)), "meterId"));
    }

    [Fact]
    public async Task AndBindsTighterThanOr_AndParenthesesGroup()
    {
        await using var emulator = await EmulatorFixture.StartAsync();

        // D2s v5: 10 items in westeurope; D4s v5 reservations: 2. (or-first would give 4 reservations.)
        var (_, loose) = await QueryAsync(emulator, "armRegionName eq 'westeurope' and (armSkuName eq 'Standard_D2s_v5' or armSkuName eq 'Standard_D4s_v5' and priceType eq 'Reservation')");
        var (_, grouped) = await QueryAsync(emulator, "armRegionName eq 'westeurope' and ((armSkuName eq 'Standard_D2s_v5' or armSkuName eq 'Standard_D4s_v5') and priceType eq 'Reservation')");

        Assert.Equal(12, Items(loose).Count);
        Assert.Equal(4, Items(grouped).Count);
        Assert.All(Items(grouped), i => Assert.Equal("Reservation", Text(i, "type")));
    }

    [Fact]
    public async Task FieldNames_IgnoreCase_ButValuesAreExact()
    {
        // The reference spells filter fields unlike the response (Location, productid); it says nothing of value case, and the
        // emulator compares values exactly (our model, see ODataFilter).
        await using var emulator = await EmulatorFixture.StartAsync();

        var (_, upper) = await QueryAsync(emulator, "ARMSKUNAME eq 'Standard_D4s_v5' and Location eq 'EU West' and PRICETYPE eq 'Consumption'");
        var (_, lowerValue) = await QueryAsync(emulator, "armSkuName eq 'standard_d4s_v5'");

        Assert.Equal(6, Items(upper).Count);
        Assert.Empty(Items(lowerValue));
        Assert.Equal(0, lowerValue!["Count"]!.GetValue<int>());
    }

    [Fact]
    public async Task AppServicePlan_P1v3_HasALinuxAndAWindowsProduct_PerHour()
    {
        await using var emulator = await EmulatorFixture.StartAsync();

        var (_, json) = await QueryAsync(emulator, "serviceName eq 'Azure App Service' and armRegionName eq 'westeurope' and skuName eq 'P1 v3'");
        var items = Items(json).ToDictionary(i => Text(i, "productName"), i => Number(i, "retailPrice"));

        Assert.Equal(2, items.Count);
        Assert.Equal(0.1705m, items["Azure App Service Premium v3 Plan - Linux"]);   // 0.155 x 1.10
        Assert.Equal(0.2625m, items["Azure App Service Premium v3 Plan"]);           // + 2 vCPU x 0.046
    }

    [Fact]
    public async Task CurrencyCodeEur_ConvertsEveryPriceAtTheFixedRate()
    {
        await using var emulator = await EmulatorFixture.StartAsync();

        var (status, json) = await QueryAsync(emulator, D4sWestEurope + " and priceType eq 'Consumption' and skuName eq 'D4s v5'", "currencyCode='EUR'");
        var items = Items(json);

        Assert.Equal(200, status);
        Assert.Equal("EUR", json!["BillingCurrency"]!.GetValue<string>());
        Assert.All(items, i => Assert.Equal("EUR", Text(i, "currencyCode")));
        Assert.Equal(0.194304m, Number(Assert.Single(items, i => !Text(i, "productName").EndsWith("Windows", StringComparison.Ordinal)), "retailPrice")); // 0.2112 x 0.92
        Assert.Equal(0.363584m, Number(Assert.Single(items, i => Text(i, "productName").EndsWith("Windows", StringComparison.Ordinal)), "unitPrice"));   // 0.3952 x 0.92
    }

    [Fact]
    public async Task ApiVersion_NoneAndThePreview_ServeTheSameItems()
    {
        await using var emulator = await EmulatorFixture.StartAsync();

        var (s1, none) = await QueryAsync(emulator, D4sWestEurope);
        var (s2, preview) = await QueryAsync(emulator, D4sWestEurope, "api-version=2021-10-01-preview&meterRegion='primary'");

        Assert.Equal((200, 200), (s1, s2));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(none!["Items"], preview!["Items"]));
    }

    [Theory]
    [InlineData("contains(productName,'Windows')", "", "InvalidFilter", "function 'contains'")]
    [InlineData("serviceName ne 'Virtual Machines'", "", "InvalidFilter", "operator 'ne'")]
    [InlineData("serviceName EQ 'Virtual Machines'", "", "InvalidFilter", "operator 'EQ'")]
    [InlineData("type eq 'Consumption'", "", "InvalidFilter", "'type' (position 0) cannot be filtered on")]
    [InlineData("tierMinimumUnits eq 0", "", "InvalidFilter", "'tierMinimumUnits' (position 0) cannot be filtered on")]
    [InlineData("armSkuName eq Standard_D4s_v5", "", "InvalidFilter", "string literal in single quotes")]
    [InlineData("armSkuName eq 5", "", "InvalidFilter", "string literal in single quotes at position 14, found '5'")]
    [InlineData("serviceName eq 'Functions' && armRegionName eq 'westeurope'", "", "InvalidFilter", "Unexpected character '&' at position 27")]
    [InlineData("serviceName eq 'Virtual Machines", "", "InvalidFilter", "Unterminated string literal at position 15")]
    [InlineData("serviceName eq 'Virtual Machines' and", "", "InvalidFilter", "ends where a comparison")]
    [InlineData("(serviceName eq 'Virtual Machines'", "", "InvalidFilter", "ends where ')'")]
    [InlineData("not serviceName eq 'Virtual Machines'", "", "InvalidFilter", "operator 'not'")]
    [InlineData("", "", "InvalidFilter", "empty")]
    [InlineData(null, "$top=5", "InvalidQueryParameter", "'$top'")]
    [InlineData(null, "$skip=-1", "InvalidSkip", "'-1'")]
    [InlineData(null, "currencyCode='XYZ'", "InvalidCurrencyCode", "'XYZ'")]
    [InlineData(null, "currencyCode='eur'", "InvalidCurrencyCode", "'eur'")]
    [InlineData(null, "meterRegion='all'", "InvalidMeterRegion", "'all'")]
    [InlineData(null, "api-version=2023-01-01-preview", "InvalidApiVersionParameter", "'2023-01-01-preview' is not served")]
    public async Task OutsideTheSubset_Is400WithAClearMessage(string? filter, string extra, string code, string message)
    {
        await using var emulator = await EmulatorFixture.StartAsync();

        var (status, json) = await QueryAsync(emulator, filter, extra);

        Assert.Equal(400, status);
        Assert.Equal(code, json!["error"]!["code"]!.GetValue<string>());
        Assert.Contains(message, json["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, emulator.World.Log.ByStatus[400]);
    }
}
