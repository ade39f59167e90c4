namespace Optimize.Pricing;

/// <summary>Well-known SKU names of price keys that are not catalog sizes.</summary>
public static class PriceSkus
{
    /// <summary>
    /// The Flex Consumption on-demand execution meter, priced per <see cref="GbSecondUnit"/>:
    /// <c>new PriceKey(ResourceKind.FunctionApp, PriceSkus.FlexConsumptionGbSecond, region)</c>.
    /// </summary>
    public const string FlexConsumptionGbSecond = "FlexConsumption";

    /// <summary>Unit of the Flex on-demand execution meter.</summary>
    public const string GbSecondUnit = "1 GB Second";

    /// <summary>Unit of VM and plan meters (one instance for one hour).</summary>
    public const string HourUnit = "1 Hour";
}
