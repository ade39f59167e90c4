using System.Text.Json.Nodes;
using Optimize.Azure.Pricing;
using Optimize.Azure.Tests.Http;
using Optimize.Model;
using Optimize.Pricing;
using Optimize.Testing;

namespace Optimize.Azure.Tests.Pricing;

public sealed class RetailPriceBookTests
{
    internal static JsonNode Item(string file) => JsonNode.Parse(File.ReadAllText(RepoPaths.SharedFile("fixtures/prices/" + file)))!;

    /// <summary>The published items are single Items[] elements: wrap them in the API's envelope.</summary>
    internal static CannedResponse Envelope(string? next, params JsonNode[] items) =>
        new(200, new JsonObject { ["BillingCurrency"] = "USD", ["CustomerEntityId"] = "Default", ["CustomerEntityType"] = "Retail", ["Items"] = new JsonArray(items), ["NextPageLink"] = next, ["Count"] = items.Length }.ToJsonString());

    /// <summary>The published F16s item turned into a pay-as-you-go Linux item of <paramref name="sku"/>.</summary>
    internal static JsonNode LinuxHourly(string sku, decimal price, string meterId)
    {
        var item = Item("azure-retail-prices.md__item-consumption-vm-F16s-spot-devtest.json");
        item["type"] = "Consumption";
        item["armSkuName"] = sku;
        item["skuName"] = sku.Replace("Standard_", string.Empty, StringComparison.Ordinal).Replace('_', ' ');
        item["meterName"] = item["skuName"]!.GetValue<string>();
        item["productName"] = "Virtual Machines Series";
        item["retailPrice"] = price;
        item["unitPrice"] = price;
        item["meterId"] = meterId;
        return item;
    }

    private static RetailPriceBook Book(TestEnv env) => new(env.Anonymous());

    [Fact]
    public async Task GetPricesAsync_PublishedSpotDevTestReservationAndEurItems_AreNeverUsedForPayAsYouGo()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "prices.azure.com", Envelope(null,
            Item("azure-retail-prices.md__item-consumption-vm-F16s-spot-devtest.json"),
            Item("azure-retail-prices.md__item-reservation-vm-E64v4.json"),
            Item("azure-retail-prices.md__item-consumption-vm-F16s-spot-EUR.json")));

        var sheet = await Book(env).GetPricesAsync([new PriceKey(ResourceKind.VirtualMachine, "Standard_F16s", "westeurope"), new PriceKey(ResourceKind.VirtualMachine, "Standard_E64_v4", "westeurope")], "USD", TestContext.Current.CancellationToken);

        Assert.Equal(0, sheet.Count);
    }

    [Fact]
    public async Task GetPricesAsync_VmKeys_FiltersFollowsNextPageLinkAndCaches()
    {
        var env = new TestEnv();
        var page2 = "https://prices.azure.com/api/retail/prices?api-version=2021-10-01-preview&$skip=100";
        env.Transport
            .On(r => r.Uri.AbsoluteUri == page2, _ => Envelope(null, LinuxHourly("Standard_D4s_v5", 0.192m, "m-d4")))
            .On("GET", "prices.azure.com", Envelope(page2, LinuxHourly("Standard_D2s_v5", 0.096m, "m-d2"), Item("azure-retail-prices.md__item-consumption-vm-F16s-spot-devtest.json")));
        var book = Book(env);
        PriceKey[] keys = [new(ResourceKind.VirtualMachine, "Standard_D2s_v5", "westeurope"), new(ResourceKind.ScaleSet, "Standard_D4s_v5", "westeurope")];

        var sheet = await book.GetPricesAsync(keys, "USD", TestContext.Current.CancellationToken);
        var again = await book.GetPricesAsync(keys, "USD", TestContext.Current.CancellationToken);

        Assert.Equal(0.096m, sheet.Find(keys[0])!.UnitPrice);
        Assert.Equal(0.192m, sheet.Find(keys[1])!.UnitPrice);
        Assert.Equal("m-d4", again.Find(keys[1])!.MeterId);
        Assert.Equal(2, env.Transport.Requests.Count);
        var filter = env.Transport.Requests.First().Query("$filter");
        Assert.Contains("serviceName eq 'Virtual Machines'", filter, StringComparison.Ordinal);
        Assert.Contains("armRegionName eq 'westeurope'", filter, StringComparison.Ordinal);
        Assert.Contains("priceType eq 'Consumption'", filter, StringComparison.Ordinal);
        Assert.Contains("armSkuName eq 'Standard_D2s_v5'", filter, StringComparison.Ordinal);
        Assert.Equal("2021-10-01-preview", env.Transport.Requests.First().Query("api-version"));
    }

    [Fact]
    public async Task GetPricesAsync_BeforeAndAfterSizes_ComeFromTheSameMeterKind()
    {
        var windows = LinuxHourly("Standard_D4s_v5", 0.38m, "m-d4-win");
        windows["productName"] = "Virtual Machines Dsv5 Series Windows";
        var spot = LinuxHourly("Standard_D4s_v5", 0.02m, "m-d4-spot");
        spot["skuName"] = "D4s v5 Spot";
        var env = new TestEnv();
        env.Transport.On("GET", "prices.azure.com", Envelope(null, windows, spot, LinuxHourly("Standard_D2s_v5", 0.096m, "m-d2"), LinuxHourly("Standard_D4s_v5", 0.192m, "m-d4")));

        var sheet = await Book(env).GetPricesAsync([new PriceKey(ResourceKind.VirtualMachine, "Standard_D4s_v5", "westeurope"), new PriceKey(ResourceKind.VirtualMachine, "Standard_D2s_v5", "westeurope")], "USD", TestContext.Current.CancellationToken);

        var before = sheet.Find(new PriceKey(ResourceKind.VirtualMachine, "Standard_D4s_v5", "westeurope"))!;
        var after = sheet.Find(new PriceKey(ResourceKind.VirtualMachine, "Standard_D2s_v5", "westeurope"))!;
        Assert.Equal("m-d4", before.MeterId);
        Assert.Equal((before.Unit, before.Currency), (after.Unit, after.Currency));
        Assert.Equal("1 Hour", before.Unit);
    }

    [Fact]
    public async Task GetPricesAsync_AppServiceAndFlex_MatchPlanSkuAndGbSecondMeter()
    {
        var plan = LinuxHourly("", 0.2m, "m-p1v3");
        plan["serviceName"] = "Azure App Service";
        plan["skuName"] = "P1 v3";
        plan["productName"] = "Azure App Service Premium v3 Plan";
        var linuxPlan = plan.DeepClone();
        linuxPlan["productName"] = "Azure App Service Premium v3 Plan - Linux";
        linuxPlan["meterId"] = "m-p1v3-linux";
        var flex = LinuxHourly("", 0.000026m, "m-flex");
        flex["productName"] = "Functions Flex Consumption";
        flex["meterName"] = "On Demand Execution Time";
        flex["unitOfMeasure"] = "1 GB Second";
        var env = new TestEnv();
        env.Transport
            .On(r => r.Query("$filter").Contains("'Azure App Service'", StringComparison.Ordinal), _ => Envelope(null, plan, linuxPlan))
            .On(r => r.Query("$filter").Contains("'Functions'", StringComparison.Ordinal), _ => Envelope(null, flex));

        PriceKey windowsPlan = new(ResourceKind.AppServicePlan, "P1v3", "westeurope", OsFamily.Windows);
        PriceKey linuxKey = new(ResourceKind.AppServicePlan, "P1v3", "westeurope", OsFamily.Linux);
        var sheet = await Book(env).GetPricesAsync([windowsPlan, linuxKey, new PriceKey(ResourceKind.FunctionApp, "FlexConsumption", "westeurope")], "USD", TestContext.Current.CancellationToken);

        Assert.Equal("m-p1v3", sheet.Find(windowsPlan)!.MeterId);
        Assert.Equal("m-p1v3-linux", sheet.Find(linuxKey)!.MeterId);
        Assert.Equal("1 GB Second", sheet.Find(new PriceKey(ResourceKind.FunctionApp, "FlexConsumption", "westeurope"))!.Unit);
    }
}
