using Optimize.Cli.Backtest;

namespace Optimize.Cli.Tests.Backtest;

public sealed class BacktestWindowTests
{
    private static readonly DateTimeOffset Origin = new(2026, 10, 19, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    // 8,004 rows = 27 d 19 h. 14-day lookback: first pass day 15 02:00, 12 d 17 h of trace left → at most 12 days.
    [InlineData(8004, 14, 10, 15, 10)]
    [InlineData(8004, 14, 12, 15, 12)]
    [InlineData(8004, 14, 13, 15, 12)]
    [InlineData(8004, 14, 60, 15, 12)]
    // 7-day lookback: first pass day 8 02:00, 19 d 17 h left → 19 days.
    [InlineData(8004, 7, 30, 8, 19)]
    // 4,633 rows (16 d 02:05) and a 14-day lookback: one day, from day 15 02:00 to day 16 01:59.
    [InlineData(4633, 14, 5, 15, 1)]
    public void Plan_TraceAndLookback_StartsAfterLookbackAndCapsAtTraceEnd(int rows, int lookbackDays, int requested, int startDay, int days)
    {
        var window = BacktestWindow.Plan(Origin, rows, TimeSpan.FromDays(lookbackDays), requested, out var error);

        Assert.NotNull(window);
        Assert.Null(error);
        Assert.Equal(startDay, window.StartDay);
        Assert.Equal(days, window.Days);
        Assert.Equal(requested > days, window.Capped);
        Assert.Equal(Origin.AddDays(startDay).AddHours(1), window.Start);
        Assert.True(window.Start.AddHours(1).AddDays(window.Days).AddMinutes(-1) <= window.TraceEnd, "the last day ends within the trace");
    }

    [Theory]
    [InlineData(4608, 14)] // exactly 16 days: the single day would end at 16 d 01:59, past the trace
    [InlineData(100, 1)]
    public void Plan_TraceShorterThanLookbackPlusADay_ReturnsNullWithReason(int rows, int lookbackDays)
    {
        var window = BacktestWindow.Plan(Origin, rows, TimeSpan.FromDays(lookbackDays), 10, out var error);

        Assert.Null(window);
        Assert.Contains("too short for the policy's lookback", error, StringComparison.Ordinal);
    }
}
