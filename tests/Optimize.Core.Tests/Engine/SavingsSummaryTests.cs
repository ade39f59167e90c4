using Optimize.Engine;

namespace Optimize.Core.Tests.Engine;

public sealed class SavingsSummaryTests
{
    [Fact]
    public void Of_SplitsDownsizesFromUpsizeCost_NetIsTheDifference()
    {
        // Downsizes 140.16 + 420.48 = 560.64; upsizes 140.16 + 226.30 = 366.46; retune 0; net 560.64 − 366.46 = 194.18.
        var summary = SavingsSummary.Of([140.16m, -140.16m, 420.48m, 0m, -226.30m], "USD");

        Assert.Equal((560.64m, 366.46m, 194.18m), (summary.Downsizes, summary.UpsizeCost, summary.Net));
    }

    [Fact]
    public void Of_UpsizesDearerThanDownsizes_NetIsNegative()
    {
        // The failure: upsizes outweigh downsizes, and the net says so instead of hiding the cost.
        var summary = SavingsSummary.Of([100m, -350m], "USD");

        Assert.Equal((100m, 350m, -250m), (summary.Downsizes, summary.UpsizeCost, summary.Net));
    }
}
