namespace Optimize.Azure.Configuration;

/// <summary>The App Service tier that goes with a plan SKU name (ARM needs both when the SKU changes).</summary>
internal static class AppServiceTiers
{
    /// <summary><c>P1v3</c> → <c>PremiumV3</c>, <c>S1</c> → <c>Standard</c>, ...</summary>
    /// <exception cref="ArgumentException">The SKU name is not a known plan SKU.</exception>
    public static string TierOf(string sku)
    {
        var s = sku.ToUpperInvariant();
        return s switch
        {
            "F1" => "Free",
            "D1" => "Shared",
            "Y1" => "Dynamic",
            "FC1" => "FlexConsumption",
            _ when s.StartsWith("EP", StringComparison.Ordinal) => "ElasticPremium",
            _ when s.StartsWith('B') => "Basic",
            _ when s.StartsWith('S') => "Standard",
            _ when s.StartsWith('I') && s.EndsWith("MV2", StringComparison.Ordinal) => "IsolatedMV2",
            _ when s.StartsWith('I') && s.EndsWith("V2", StringComparison.Ordinal) => "IsolatedV2",
            _ when s.StartsWith('P') && s.EndsWith("MV3", StringComparison.Ordinal) => "PremiumMV3",
            _ when s.StartsWith('P') && s.EndsWith("V4", StringComparison.Ordinal) => "PremiumV4",
            _ when s.StartsWith('P') && s.EndsWith("V3", StringComparison.Ordinal) => "PremiumV3",
            _ when s.StartsWith('P') && s.EndsWith("V2", StringComparison.Ordinal) => "PremiumV2",
            _ when s.StartsWith('P') => "Premium",
            _ => throw new ArgumentException($"'{sku}' is not a known App Service plan SKU.", nameof(sku)),
        };
    }
}
