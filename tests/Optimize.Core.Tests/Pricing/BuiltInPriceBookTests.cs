using Optimize.Catalog;
using Optimize.Model;
using Optimize.Pricing;

namespace Optimize.Core.Tests.Pricing;

public sealed class BuiltInPriceBookTests
{
    [Fact]
    public async Task GetPricesAsync_EveryCatalogSku_Priced()
    {
        var keys = BuiltInCatalog.Default.All.Where(s => s.Kind != ResourceKind.FunctionApp).Select(s => new PriceKey(s.Kind, s.Name, "eastus")).ToList();

        var sheet = await BuiltInPriceBook.Default.GetPricesAsync(keys, "USD", TestContext.Current.CancellationToken);

        Assert.Equal(keys.Count, sheet.Count);
        Assert.All(keys, k => Assert.True(sheet.Find(k)!.UnitPrice > 0, k.Sku));
    }

    [Theory]
    [InlineData("eastus", 0.192)]
    [InlineData("westeurope", 0.2112)] // × 1.10
    [InlineData("mars-north", 0.192)]  // unknown region → eastus
    public void Find_Region_MultiplierApplied(string region, double expected) =>
        Assert.Equal((decimal)expected, BuiltInPriceBook.Find(new PriceKey(ResourceKind.VirtualMachine, "Standard_D4s_v5", region))!.UnitPrice);

    [Fact]
    public void Find_ScaleSetKey_SameAsVmMeter() =>
        Assert.Equal(
            BuiltInPriceBook.Find(new PriceKey(ResourceKind.VirtualMachine, "Standard_D4s_v5", "eastus"))!.UnitPrice,
            BuiltInPriceBook.Find(new PriceKey(ResourceKind.ScaleSet, "Standard_D4s_v5", "eastus"))!.UnitPrice);

    [Fact]
    public void Find_Flex_PerGbSecond()
    {
        var price = BuiltInPriceBook.Find(new PriceKey(ResourceKind.FunctionApp, PriceSkus.FlexConsumptionGbSecond, "eastus"))!;

        Assert.Equal(0.000026m, price.UnitPrice);
        Assert.Equal("1 GB Second", price.Unit);
        Assert.Equal("USD", price.Currency);
    }

    [Fact]
    public async Task GetPricesAsync_UnknownSku_Absent()
    {
        var sheet = await BuiltInPriceBook.Default.GetPricesAsync(
            [new PriceKey(ResourceKind.VirtualMachine, "Standard_Z1", "eastus"), new PriceKey(ResourceKind.AutoscaleSetting, "x", "eastus")],
            "USD",
            TestContext.Current.CancellationToken);

        Assert.Equal(0, sheet.Count);
    }
}
