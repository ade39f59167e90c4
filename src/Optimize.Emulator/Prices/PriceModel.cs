using System.Security.Cryptography;
using System.Text;

namespace Optimize.Emulator.Prices;

/// <summary>
/// The numbers the emulator adds to the simulator's price book (<see cref="Optimize.Pricing.BuiltInPriceBook"/>, USD, Linux
/// pay-as-you-go). Everything here is OUR MODEL: the Retail Prices reference publishes meters, not how their prices relate.
/// <list type="bullet">
/// <item>Windows meters: the Linux price plus <see cref="WindowsPerVCpuHour"/> per vCPU (VMs and App Service plans).</item>
/// <item>Spot and Low Priority meters: the meter's price times <see cref="SpotFactor"/> / <see cref="LowPriorityFactor"/>,
/// rounded to 6 decimals.</item>
/// <item>DevTestConsumption (Windows products only): the Linux price (no licence), on the meter of the Windows item.</item>
/// <item>Reservations (Linux products): the whole term's price, <c>hourly × hours × discount</c>, rounded to cents.</item>
/// <item>Other currencies: a fixed USD exchange rate per currency of the reference's "Supported currencies" table
/// (<see cref="UsdRates"/>), applied exactly (no rounding) to <c>retailPrice</c> and <c>unitPrice</c>.</item>
/// </list>
/// </summary>
internal static class PriceModel
{
    /// <summary>Windows licence, USD per vCPU-hour, added to a Linux meter's price (our model).</summary>
    public const decimal WindowsPerVCpuHour = 0.046m;

    /// <summary>Spot price as a fraction of the pay-as-you-go price (our model).</summary>
    public const decimal SpotFactor = 0.12m;

    /// <summary>Low Priority price as a fraction of the pay-as-you-go price (our model).</summary>
    public const decimal LowPriorityFactor = 0.20m;

    /// <summary>One-year reservation: the fraction of 8760 pay-as-you-go hours charged (our model).</summary>
    public const decimal OneYearFactor = 0.62m;

    /// <summary>Three-year reservation: the fraction of 26280 pay-as-you-go hours charged (our model).</summary>
    public const decimal ThreeYearFactor = 0.40m;

    /// <summary>Effective date of the pay-as-you-go meters.</summary>
    public const string ConsumptionSince = "2025-10-01T00:00:00Z";

    /// <summary>
    /// Effective date of Spot, Low Priority, DevTest and Reservation items: later than <see cref="ConsumptionSince"/> on
    /// purpose, so a client that let one through its filters would take it as "the newest price".
    /// </summary>
    public const string OtherSince = "2025-11-01T00:00:00Z";

    /// <summary>The serviceId of Virtual Machines in the reference's examples.</summary>
    public const string VirtualMachinesServiceId = "DZH313Z7MMC8";

    /// <summary>Units of one currency per US dollar (our model: fixed, illustrative, not a market rate).</summary>
    public static readonly IReadOnlyDictionary<string, decimal> UsdRates = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["USD"] = 1m, ["AUD"] = 1.52m, ["BRL"] = 5.40m, ["CAD"] = 1.37m, ["CHF"] = 0.88m, ["CNY"] = 7.20m, ["DKK"] = 6.85m,
        ["EUR"] = 0.92m, ["GBP"] = 0.79m, ["INR"] = 83.50m, ["JPY"] = 150m, ["KRW"] = 1350m, ["NOK"] = 10.60m, ["NZD"] = 1.66m,
        ["RUB"] = 92m, ["SEK"] = 10.50m, ["TWD"] = 32m,
    };

    /// <summary>
    /// Retail display locations of ARM regions. <c>westeurope</c> → <c>EU West</c> and <c>southcentralus</c> →
    /// <c>US South Central</c> are the reference's examples; the others follow that pattern (our model); an unlisted region
    /// shows its ARM name.
    /// </summary>
    private static readonly Dictionary<string, string> Locations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["eastus"] = "US East", ["eastus2"] = "US East 2", ["centralus"] = "US Central", ["westus"] = "US West",
        ["westus2"] = "US West 2", ["westus3"] = "US West 3", ["northcentralus"] = "US North Central",
        ["southcentralus"] = "US South Central", ["canadacentral"] = "CA Central", ["northeurope"] = "EU North",
        ["westeurope"] = "EU West", ["uksouth"] = "UK South", ["francecentral"] = "FR Central",
        ["germanywestcentral"] = "DE West Central", ["swedencentral"] = "SE Central", ["switzerlandnorth"] = "CH North",
        ["southeastasia"] = "AP Southeast", ["eastasia"] = "AP East", ["japaneast"] = "JA East", ["australiaeast"] = "AU East",
        ["centralindia"] = "IN Central", ["brazilsouth"] = "BR South",
    };

    /// <summary>The display location of <paramref name="region"/>.</summary>
    public static string LocationOf(string region) => Locations.GetValueOrDefault(region, region);

    /// <summary>The Windows price of a meter whose Linux price is <paramref name="linux"/>, for <paramref name="vCpus"/> vCPUs.</summary>
    public static decimal Windows(decimal linux, double vCpus) => linux + (WindowsPerVCpuHour * (decimal)vCpus);

    /// <summary><paramref name="price"/> times <paramref name="factor"/>, rounded to 6 decimals.</summary>
    public static decimal Discounted(decimal price, decimal factor) => Math.Round(price * factor, 6, MidpointRounding.AwayFromZero);

    /// <summary>The price of a whole reservation term of <paramref name="hours"/> hours.</summary>
    public static decimal Term(decimal hourly, int hours, decimal factor) =>
        Math.Round(hourly * hours * factor, 2, MidpointRounding.AwayFromZero);

    /// <summary>A stable GUID for <paramref name="key"/> (meter ids).</summary>
    public static string Guid(string key) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16)).ToString();

    /// <summary>A stable upper-case id of <paramref name="length"/> characters for <paramref name="key"/> (product, SKU ids).</summary>
    public static string Id(string key, int length)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRSTVWXZ";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var id = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            id.Append(alphabet[hash[i] % alphabet.Length]);
        }

        return id.ToString();
    }
}
