using System.Text.RegularExpressions;
using Optimize.Catalog;
using Optimize.Model;
using Optimize.Pricing;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Prices;

/// <summary>
/// The items the emulated Retail Prices API publishes: for every region of the fleet, every VM size and App Service plan SKU of
/// its catalog that <see cref="BuiltInPriceBook"/> prices, and the Flex Consumption meters, in the meter shapes of the
/// reference's examples (azure-retail-prices.md, "API response examples"):
/// <list type="bullet">
/// <item>Virtual Machines (<c>serviceName</c> <c>Virtual Machines</c>, <c>armSkuName</c> the size, <c>skuName</c>/<c>meterName</c>
/// the size without <c>Standard_</c> and with spaces, <c>E64 v4</c>): a Linux product <c>Virtual Machines {family} Series</c>
/// and a Windows one (<c>… Series Windows</c>, as <c>Virtual Machines FS Series Windows</c>), each with the pay-as-you-go,
/// <c>… Spot</c> and <c>… Low Priority</c> meters of type Consumption (the reference's EUR example is a Spot meter of type
/// Consumption); DevTestConsumption items on the Windows meters; Reservation items (<c>1 Year</c>, <c>3 Years</c>, the term's
/// price, unit <c>1 Hour</c>, as in the reservation example) on the Linux product.</item>
/// <item>Azure App Service: products <c>Azure App Service {tier} Plan</c> (Windows) and <c>… Plan - Linux</c>, <c>skuName</c>
/// <c>P1 v3</c>, meter <c>P1 v3 App</c>, per hour, no <c>armSkuName</c> (our model).</item>
/// <item>Functions: <c>Functions Flex Consumption</c> with the on-demand execution meter per <c>1 GB Second</c> (a free tier
/// from 0 and the paid tier from 100,000 GB-s), the always-ready meters and on-demand executions; and the classic Consumption
/// plan's execution meter (product <c>Functions</c>), which a Flex lookup must not take.</item>
/// </list>
/// Prices are the price book's (USD) with <see cref="PriceModel"/>'s derived meters. Product names other than the reference's
/// examples, ids and the Functions meters are our model.
/// </summary>
internal static partial class PriceItems
{
    /// <summary>The published items of <paramref name="fleet"/>'s regions and catalog, in a stable order.</summary>
    public static IReadOnlyList<PriceItem> Build(SimulatedFleet fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var items = new List<PriceItem>();
        foreach (var region in fleet.Options.Regions.Select(r => r.ToLowerInvariant()).Distinct())
        {
            foreach (var spec in fleet.Catalog.Candidates(ResourceKind.VirtualMachine, region))
            {
                if (BuiltInPriceBook.Find(new PriceKey(ResourceKind.VirtualMachine, spec.Name, region)) is { } price)
                {
                    AddVm(items, region, spec, price.UnitPrice);
                }
            }

            foreach (var spec in fleet.Catalog.Candidates(ResourceKind.AppServicePlan, region))
            {
                if (BuiltInPriceBook.Find(new PriceKey(ResourceKind.AppServicePlan, spec.Name, region)) is { } price)
                {
                    AddPlan(items, region, spec, price.UnitPrice);
                }
            }

            if (BuiltInPriceBook.Find(new PriceKey(ResourceKind.FunctionApp, PriceSkus.FlexConsumptionGbSecond, region)) is { } flex)
            {
                AddFunctions(items, region, flex.UnitPrice);
            }
        }

        return items;
    }

    /// <summary>The retail SKU name of a VM size: <c>Standard_D4s_v5</c> → <c>D4s v5</c>.</summary>
    public static string VmSkuName(string armSkuName) =>
        (armSkuName.StartsWith("Standard_", StringComparison.OrdinalIgnoreCase) ? armSkuName["Standard_".Length..] : armSkuName)
        .Replace('_', ' ');

    /// <summary>The retail SKU name of a plan SKU: <c>P1v3</c> → <c>P1 v3</c>; others unchanged (<c>B1</c>, <c>P1mv3</c>).</summary>
    public static string PlanSkuName(string sku) => PremiumV3().Match(sku) is { Success: true } m ? $"P{m.Groups[1].Value} v3" : sku;

    /// <summary>The retail product of a plan tier, Linux or Windows.</summary>
    public static string PlanProduct(string tier, bool linux)
    {
        var name = tier switch
        {
            "PremiumV3" or "PremiumMV3" => "Premium v3",
            _ => tier,
        };
        return $"Azure App Service {name} Plan" + (linux ? " - Linux" : string.Empty);
    }

    /// <summary>The retail product of a VM family, Linux or Windows.</summary>
    public static string VmProduct(string family, bool linux) => $"Virtual Machines {family} Series" + (linux ? string.Empty : " Windows");

    private static void AddVm(List<PriceItem> items, string region, SkuSpec spec, decimal linux)
    {
        var sku = VmSkuName(spec.Name);
        var windows = PriceModel.Windows(linux, spec.VCpus);
        foreach (var (isLinux, price) in new[] { (true, linux), (false, windows) })
        {
            var vm = new Meter(region, "Virtual Machines", PriceModel.VirtualMachinesServiceId, VmProduct(spec.Family, isLinux), spec.Name, "1 Hour");
            items.Add(vm.Item(sku, sku, price, "Consumption", PriceModel.ConsumptionSince));
            items.Add(vm.Item(sku + " Spot", sku + " Spot", PriceModel.Discounted(price, PriceModel.SpotFactor), "Consumption", PriceModel.OtherSince));
            items.Add(vm.Item(sku + " Low Priority", sku + " Low Priority", PriceModel.Discounted(price, PriceModel.LowPriorityFactor), "Consumption", PriceModel.OtherSince));
            if (!isLinux)
            {
                // Dev/Test: the Windows meters without the licence.
                items.Add(vm.Item(sku, sku, linux, "DevTestConsumption", PriceModel.OtherSince));
                items.Add(vm.Item(sku + " Spot", sku + " Spot", PriceModel.Discounted(linux, PriceModel.SpotFactor), "DevTestConsumption", PriceModel.OtherSince));
            }
            else
            {
                var reserved = vm.Item(sku, sku, 0, "Reservation", PriceModel.OtherSince, meterKey: "Reservation");
                var oneYear = PriceModel.Term(linux, 8760, PriceModel.OneYearFactor);
                items.Add(reserved with { ReservationTerm = "1 Year", RetailPrice = oneYear, UnitPrice = oneYear });
                var threeYears = PriceModel.Term(linux, 26280, PriceModel.ThreeYearFactor);
                items.Add(reserved with { ReservationTerm = "3 Years", RetailPrice = threeYears, UnitPrice = threeYears });
            }
        }
    }

    private static void AddPlan(List<PriceItem> items, string region, SkuSpec spec, decimal linux)
    {
        var sku = PlanSkuName(spec.Name);
        var serviceId = PriceModel.Id("service|Azure App Service", 12);
        foreach (var (isLinux, price) in new[] { (true, linux), (false, PriceModel.Windows(linux, spec.VCpus)) })
        {
            var plan = new Meter(region, "Azure App Service", serviceId, PlanProduct(spec.Tier, isLinux), string.Empty, "1 Hour");
            items.Add(plan.Item(sku, sku + " App", price, "Consumption", PriceModel.ConsumptionSince));
        }
    }

    private static void AddFunctions(List<PriceItem> items, string region, decimal perGbSecond)
    {
        var serviceId = PriceModel.Id("service|Functions", 12);
        var flex = new Meter(region, "Functions", serviceId, "Functions Flex Consumption", string.Empty, "1 GB Second");
        var onDemand = flex.Item("On Demand", "On Demand Execution Time", 0, "Consumption", PriceModel.ConsumptionSince);
        items.Add(onDemand);
        items.Add(onDemand with { TierMinimumUnits = 100_000, RetailPrice = perGbSecond, UnitPrice = perGbSecond });
        items.Add(flex.Item("Always Ready", "Always Ready Baseline", Math.Round(perGbSecond * 0.15m, 9), "Consumption", PriceModel.ConsumptionSince));
        items.Add(flex.Item("Always Ready", "Always Ready Execution Time", Math.Round(perGbSecond * 0.62m, 9), "Consumption", PriceModel.ConsumptionSince));
        items.Add((flex with { Unit = "10" }).Item("On Demand", "On Demand Total Executions", 0.000004m, "Consumption", PriceModel.ConsumptionSince));

        var classic = new Meter(region, "Functions", serviceId, "Functions", string.Empty, "1 GB Second");
        var execution = classic.Item("Standard", "Standard Execution Time", 0, "Consumption", PriceModel.ConsumptionSince);
        items.Add(execution);
        items.Add(execution with { TierMinimumUnits = 400_000, RetailPrice = 0.000016m, UnitPrice = 0.000016m });
    }

    [GeneratedRegex("^P([0-9]+)v3$")]
    private static partial Regex PremiumV3();

    /// <summary>What the items of one product in one region share.</summary>
    private sealed record Meter(string Region, string Service, string ServiceId, string Product, string ArmSkuName, string Unit)
    {
        /// <summary>An item of this product; the meter id is shared by items of the same SKU name and meter kind.</summary>
        public PriceItem Item(string skuName, string meterName, decimal price, string type, string since, string meterKey = "")
        {
            var productId = PriceModel.Id("product|" + Product, 12);
            return new PriceItem
            {
                RetailPrice = price,
                UnitPrice = price,
                ArmRegionName = Region,
                Location = PriceModel.LocationOf(Region),
                EffectiveStartDate = since,
                MeterId = PriceModel.Guid($"{Region}|{Product}|{skuName}|{meterName}|{meterKey}"),
                MeterName = meterName,
                ProductId = productId,
                SkuId = productId + "/" + PriceModel.Id($"sku|{Product}|{skuName}", 4),
                ProductName = Product,
                SkuName = skuName,
                ServiceName = Service,
                ServiceId = ServiceId,
                ServiceFamily = "Compute",
                UnitOfMeasure = Unit,
                Type = type,
                ArmSkuName = ArmSkuName,
            };
        }
    }
}
