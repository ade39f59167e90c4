namespace Optimize.Pricing;

/// <summary>
/// The numbers behind <see cref="BuiltInPriceBook"/>: approximate eastus Linux pay-as-you-go hourly list prices
/// in USD (late 2025), and per-region multipliers. Illustrative defaults, not a quote.
/// </summary>
internal static class BuiltInPrices
{
    /// <summary>Flex Consumption on-demand execution time, USD per GB-second.</summary>
    public const decimal FlexPerGbSecond = 0.000026m;

    /// <summary>VM sizes, USD per instance-hour in eastus.</summary>
    public static readonly Dictionary<string, decimal> VmHourly = Build(
        ("Standard_B2s", 0.0416m), ("Standard_B2ms", 0.0832m), ("Standard_B4ms", 0.166m), ("Standard_B8ms", 0.333m),
        ("Standard_D2s_v5", 0.096m), ("Standard_D4s_v5", 0.192m), ("Standard_D8s_v5", 0.384m), ("Standard_D16s_v5", 0.768m),
        ("Standard_D32s_v5", 1.536m), ("Standard_D48s_v5", 2.304m), ("Standard_D64s_v5", 3.072m),
        ("Standard_D2_v5", 0.096m), ("Standard_D4_v5", 0.192m), ("Standard_D8_v5", 0.384m), ("Standard_D16_v5", 0.768m),
        ("Standard_D32_v5", 1.536m), ("Standard_D48_v5", 2.304m), ("Standard_D64_v5", 3.072m),
        ("Standard_D2as_v5", 0.086m), ("Standard_D4as_v5", 0.172m), ("Standard_D8as_v5", 0.344m), ("Standard_D16as_v5", 0.688m),
        ("Standard_D32as_v5", 1.376m), ("Standard_D48as_v5", 2.064m), ("Standard_D64as_v5", 2.752m),
        ("Standard_E2s_v5", 0.126m), ("Standard_E4s_v5", 0.252m), ("Standard_E8s_v5", 0.504m), ("Standard_E16s_v5", 1.008m),
        ("Standard_E20s_v5", 1.26m), ("Standard_E32s_v5", 2.016m), ("Standard_E48s_v5", 3.024m), ("Standard_E64s_v5", 4.032m),
        ("Standard_F2s_v2", 0.0846m), ("Standard_F4s_v2", 0.169m), ("Standard_F8s_v2", 0.338m), ("Standard_F16s_v2", 0.677m),
        ("Standard_F32s_v2", 1.353m), ("Standard_F48s_v2", 2.03m), ("Standard_F64s_v2", 2.706m), ("Standard_F72s_v2", 3.045m));

    /// <summary>App Service plan SKUs (Linux), USD per worker-hour in eastus.</summary>
    public static readonly Dictionary<string, decimal> PlanHourly = Build(
        ("B1", 0.017m), ("B2", 0.034m), ("B3", 0.067m),
        ("S1", 0.095m), ("S2", 0.19m), ("S3", 0.38m),
        ("P0v3", 0.077m), ("P1v3", 0.155m), ("P2v3", 0.31m), ("P3v3", 0.62m),
        ("P1mv3", 0.219m), ("P2mv3", 0.438m), ("P3mv3", 0.876m));

    private static readonly Dictionary<string, decimal> Regions = Build(
        ("eastus", 1.00m), ("eastus2", 1.00m), ("centralus", 1.05m), ("westus", 1.05m), ("westus2", 1.00m), ("westus3", 1.00m),
        ("northcentralus", 1.05m), ("southcentralus", 1.05m), ("canadacentral", 1.08m),
        ("northeurope", 1.06m), ("westeurope", 1.10m), ("uksouth", 1.12m), ("francecentral", 1.12m),
        ("germanywestcentral", 1.12m), ("swedencentral", 1.06m), ("switzerlandnorth", 1.25m),
        ("southeastasia", 1.15m), ("eastasia", 1.25m), ("japaneast", 1.20m), ("australiaeast", 1.22m),
        ("centralindia", 1.08m), ("brazilsouth", 1.45m));

    /// <summary>Price multiplier of <paramref name="region"/> relative to eastus; 1 for unknown regions.</summary>
    public static decimal RegionMultiplier(string region) =>
        Regions.TryGetValue(region ?? string.Empty, out var m) ? m : 1.00m;

    private static Dictionary<string, decimal> Build(params (string Key, decimal Value)[] rows) =>
        rows.ToDictionary(r => r.Key, r => r.Value, StringComparer.OrdinalIgnoreCase);
}
