namespace Optimize.Pricing;

/// <summary>One retail price.</summary>
/// <param name="Key">What it prices.</param>
/// <param name="UnitPrice">Price of one unit, in <paramref name="Currency"/>.</param>
/// <param name="Unit">Unit of measure: <c>1 Hour</c> per instance for VMs and plans; <c>1 GB Second</c> for Flex on-demand execution.</param>
/// <param name="Currency">ISO currency code.</param>
/// <param name="MeterId">The retail meter, so before and after are priced from the same meter kind.</param>
public sealed record Price(PriceKey Key, decimal UnitPrice, string Unit, string Currency, string MeterId)
{
    /// <summary>Hours in an average month, as Azure's pricing calculator uses.</summary>
    public const decimal HoursPerMonth = 730m;

    /// <summary>The monthly price of one instance running all month, for hourly meters.</summary>
    public decimal MonthlyPerInstance => UnitPrice * HoursPerMonth;
}
