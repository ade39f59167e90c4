using Azure.Core;
using Azure.Core.Pipeline;
using Optimize.Azure;
using Optimize.Azure.Http;
using Optimize.Azure.Pricing;
using Optimize.Emulator.Prices;
using Optimize.Model;
using Optimize.Pricing;

namespace Optimize.Emulator.Tests.Prices;

/// <summary>
/// The production <see cref="RetailPriceBook"/> (from <see cref="AzureAdapters.Create"/>) against the emulated Retail Prices
/// API: for the keys a pass asks for in every region of the fleet (OptimizationPass.LoadPricesAsync: Flex, every VM and plan
/// candidate on Linux and Windows meters) and the fleet's own VMs and scale sets, it must get exactly the simulator's prices
/// (<see cref="BuiltInPriceBook"/> for Linux; Linux + 0.046 per vCPU-hour for Windows, the emulator's documented model) and
/// never a Spot, Low Priority, DevTest or Reservation item, the free tier, the always-ready or the classic Consumption meter.
/// <para>The client once asked for api-version 2023-01-01-preview, which the contract copy (azure-retail-prices.md, "Preview
/// version", ms.date 12/13/2021) does not name, and the emulator refused it; the client now sends the contract's
/// 2021-10-01-preview (<see cref="AsShipped_ApiVersionIsTheContracts_AndIsServed"/>).</para>
/// </summary>
public sealed class PriceBookLoopTests
{
    [Fact]
    public async Task EveryKeyOfTheFleet_GetsTheSimulatorsPrice_OnThePayAsYouGoMeter()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var book = Book(emulator);
        var keys = Keys(emulator);
        var items = PriceItems.Build(emulator.World.Fleet);

        var sheet = await book.GetPricesAsync(keys, "USD", TestContext.Current.CancellationToken);

        var expected = keys.Select(k => (Key: k, Price: Expected(emulator, k))).Where(e => e.Price is not null).ToList();
        Assert.Equal("USD", sheet.Currency);
        Assert.Equal(expected.Count, sheet.Count);
        Assert.Null(sheet.Find(new PriceKey(ResourceKind.VirtualMachine, "Standard_NV6", "westeurope")));
        foreach (var (key, price) in expected)
        {
            var got = sheet.Find(key);
            Assert.True(got is not null, $"no price for {key}");
            Assert.True(price == got.UnitPrice, $"{key}: expected {price}, got {got.UnitPrice}");
            Assert.Equal(key.Kind == ResourceKind.FunctionApp ? "1 GB Second" : "1 Hour", got.Unit);
            var onMeter = items.Where(i => i.MeterId == got.MeterId).ToList();
            var consumption = Assert.Single(onMeter, i => i.Type == "Consumption" && i.RetailPrice == got.UnitPrice);
            Assert.DoesNotContain("Spot", consumption.SkuName, StringComparison.Ordinal);
            Assert.DoesNotContain("Low Priority", consumption.SkuName, StringComparison.Ordinal);
            Assert.DoesNotContain("Always Ready", consumption.MeterName, StringComparison.Ordinal);
            Assert.DoesNotContain(onMeter, i => i.Type == "Reservation");
            Assert.All(onMeter.Where(i => i.Type == "DevTestConsumption"), d => Assert.NotEqual(d.RetailPrice, got.UnitPrice));
        }

        // 3 regions x (5 VM chunks of at most 10 sizes + App Service + Functions), one page each.
        Assert.Equal(21, ((RetailPriceBook)book).PagesFetched);
        Assert.Equal(21, emulator.World.Log.ByOperation[PricesEndpoints.OperationId]);
    }

    [Fact]
    public async Task WithoutTheServerSidePriceTypeFilter_TheClientStillSkipsDevTestAndReservationItems()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var handler = new ServedItems(emulator.Host.CreateHandler(), dropPriceType: true);
        var keys = Keys(emulator).Where(k => k.Region == "westeurope").ToList();

        var sheet = await Book(handler).GetPricesAsync(keys, "USD", TestContext.Current.CancellationToken);

        Assert.Equal(["Consumption", "DevTestConsumption", "Reservation"], handler.TypesServed.Order(StringComparer.Ordinal));
        Assert.Equal(keys.Count(k => Expected(emulator, k) is not null), sheet.Count);
        Assert.All(keys.Where(k => Expected(emulator, k) is not null), k => Assert.Equal(Expected(emulator, k), sheet.Find(k)!.UnitPrice));
    }

    [Fact]
    public async Task WorkedNumbers_Westeurope_LinuxWindowsPlanAndFlex()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        PriceKey[] keys =
        [
            new(ResourceKind.VirtualMachine, "Standard_D4s_v5", "westeurope"),
            new(ResourceKind.ScaleSet, "Standard_D4s_v5", "westeurope", OsFamily.Windows),
            new(ResourceKind.AppServicePlan, "P1v3", "westeurope"),
            new(ResourceKind.AppServicePlan, "P1v3", "westeurope", OsFamily.Windows),
            new(ResourceKind.FunctionApp, PriceSkus.FlexConsumptionGbSecond, "westeurope"),
        ];

        var sheet = await Book(emulator).GetPricesAsync(keys, "USD", TestContext.Current.CancellationToken);

        Assert.Equal(0.2112m, sheet.Find(keys[0])!.UnitPrice);     // 0.192 x 1.10 (not Spot 0.025344, not Low Priority 0.04224)
        Assert.Equal(0.3952m, sheet.Find(keys[1])!.UnitPrice);     // + 4 x 0.046 (not DevTest 0.2112)
        Assert.Equal(0.1705m, sheet.Find(keys[2])!.UnitPrice);     // 0.155 x 1.10, the "- Linux" product
        Assert.Equal(0.2625m, sheet.Find(keys[3])!.UnitPrice);     // + 2 x 0.046
        Assert.Equal(0.0000286m, sheet.Find(keys[4])!.UnitPrice);  // 0.000026 x 1.10: the paid tier, not the free one (0) nor classic (0.000016)
    }

    [Fact]
    public async Task Eur_IsTheUsdPriceAtTheFixedRate_LabelledEur()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var keys = Keys(emulator).Where(k => k.Region == "northeurope").ToList();

        var sheet = await Book(emulator).GetPricesAsync(keys, "EUR", TestContext.Current.CancellationToken);

        Assert.Equal("EUR", sheet.Currency);
        Assert.Equal(0.18722m, sheet.Find(new PriceKey(ResourceKind.VirtualMachine, "Standard_D4s_v5", "northeurope"))!.UnitPrice); // 0.192 x 1.06 = 0.2035 (4 dp) x 0.92
        foreach (var key in keys.Where(k => Expected(emulator, k) is not null))
        {
            Assert.Equal(Expected(emulator, key)!.Value * 0.92m, sheet.Find(key)!.UnitPrice);
            Assert.Equal("EUR", sheet.Find(key)!.Currency);
        }
    }

    [Fact]
    public async Task AsShipped_ApiVersionIsTheContracts_AndIsServed()
    {
        // azure-retail-prices.md "Preview version" names 2021-10-01-preview (or no api-version): the unmodified client, built by
        // AzureAdapters.Create, asks for it and is served.
        await using var emulator = await EmulatorFixture.StartAsync();
        var prices = EmulatedAzure.Create(emulator).Prices;

        var sheet = await prices.GetPricesAsync(
            [new PriceKey(ResourceKind.VirtualMachine, "Standard_D4s_v5", "westeurope")], "USD", TestContext.Current.CancellationToken);

        Assert.Equal(PricesEndpoints.PreviewApiVersion, RetailPriceBook.ApiVersion);
        Assert.Equal(Expected(emulator, new PriceKey(ResourceKind.VirtualMachine, "Standard_D4s_v5", "westeurope")), sheet.Find(new PriceKey(ResourceKind.VirtualMachine, "Standard_D4s_v5", "westeurope"))!.UnitPrice);
        Assert.False(emulator.World.Log.ByStatus.ContainsKey(400));
    }

    /// <summary>The keys of a pass over the fleet's regions, plus its VMs and scale sets, on both meters, and one unpriced size.</summary>
    private static List<PriceKey> Keys(EmulatorFixture emulator)
    {
        var fleet = emulator.World.Fleet;
        var keys = new HashSet<PriceKey>();
        foreach (var region in fleet.Options.Regions)
        {
            foreach (var os in (OsFamily[])[OsFamily.Linux, OsFamily.Windows])
            {
                keys.Add(new PriceKey(ResourceKind.FunctionApp, PriceSkus.FlexConsumptionGbSecond, region, os));
                foreach (var kind in (ResourceKind[])[ResourceKind.VirtualMachine, ResourceKind.AppServicePlan])
                {
                    keys.UnionWith(fleet.Catalog.Candidates(kind, region).Select(s => new PriceKey(kind, s.Name, region, os)));
                }
            }
        }

        foreach (var resource in fleet.Resources)
        {
            var sku = resource.InitialConfig switch
            {
                VmConfig vm => vm.Size,
                ScaleSetConfig set => set.Sku,
                _ => null,
            };
            if (sku is not null)
            {
                keys.Add(new PriceKey(resource.Resource.Kind, sku, resource.Resource.Location, OsFamily.Linux));
                keys.Add(new PriceKey(resource.Resource.Kind, sku, resource.Resource.Location, OsFamily.Windows));
            }
        }

        Assert.Contains(keys, k => k.Kind == ResourceKind.ScaleSet);
        keys.Add(new PriceKey(ResourceKind.VirtualMachine, "Standard_NV6", "westeurope"));
        return [.. keys];
    }

    /// <summary>The simulator's price: the built-in Linux price, plus 0.046 per vCPU-hour on Windows VM and plan meters.</summary>
    private static decimal? Expected(EmulatorFixture emulator, PriceKey key)
    {
        var linux = BuiltInPriceBook.Find(key with { Os = OsFamily.Linux })?.UnitPrice;
        if (linux is null || key.Os == OsFamily.Linux || key.Kind == ResourceKind.FunctionApp)
        {
            return linux;
        }

        return linux + (0.046m * (decimal)emulator.World.Fleet.Catalog.Find(key.Kind, key.Sku)!.VCpus);
    }

    /// <summary>The production price book on the emulator (the handler only records what is served).</summary>
    private static IPriceBook Book(EmulatorFixture emulator) => Book(new ServedItems(emulator.Host.CreateHandler()));

    private static IPriceBook Book(ServedItems handler)
    {
        var options = new AzureAdapterOptions
        {
            MaxRetries = 0,
            Transport = new HttpClientTransport(new HttpClient(handler)),
        };
        return AzureAdapters.Create(Optimize.Hosting.EmulatorConnection.Token, options).Prices;
    }

    /// <summary>
    /// Checks the client's api-version is the contract's 2021-10-01-preview; with <paramref name="dropPriceType"/> removes the
    /// client's <c>priceType eq 'Consumption'</c> clause, so the client's own filters meet every item type.
    /// Records the item types served.
    /// </summary>
    private sealed class ServedItems(HttpMessageHandler inner, bool dropPriceType = false) : DelegatingHandler(inner)
    {
        public HashSet<string> TypesServed { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!.AbsoluteUri;
            Assert.Contains("api-version=" + PricesEndpoints.PreviewApiVersion, uri, StringComparison.Ordinal);
            if (dropPriceType)
            {
                var clause = Uri.EscapeDataString(" and priceType eq 'Consumption'");
                Assert.Contains(clause, uri, StringComparison.Ordinal);
                uri = uri.Replace(clause, string.Empty, StringComparison.Ordinal);
            }

            request.RequestUri = new Uri(uri);
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var json = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            lock (TypesServed)
            {
                TypesServed.UnionWith((json?["Items"]?.AsArray() ?? []).Select(i => i!["type"]!.GetValue<string>()));
            }

            return response;
        }
    }

}
