using Optimize.Journal.Tables.Keys;

namespace Optimize.Journal.Tests.Keys;

public sealed class JournalKeysTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Inverted_LaterTime_SortsFirst()
    {
        Assert.True(string.CompareOrdinal(JournalKeys.Inverted(Day.AddTicks(1)), JournalKeys.Inverted(Day)) < 0);
    }

    [Fact]
    public void InvertedUpperBound_SeparatesTimesAtOrAfterSinceFromEarlierOnes()
    {
        var bound = JournalKeys.InvertedUpperBound(Day);

        Assert.True(string.CompareOrdinal(JournalKeys.NewestFirst(Day, "zzz"), bound) < 0);
        Assert.True(string.CompareOrdinal(JournalKeys.NewestFirst(Day.AddDays(3), "a"), bound) < 0);
        Assert.True(string.CompareOrdinal(JournalKeys.NewestFirst(Day.AddTicks(-1), "a"), bound) >= 0);
    }

    [Fact]
    public void DayPartition_NewerDay_SortsFirstAndBoundarySplitsDays()
    {
        var today = JournalKeys.DayPartition(Day);
        var yesterday = JournalKeys.DayPartition(Day.AddDays(-1));
        var boundary = JournalKeys.DayBoundary(Day);

        Assert.Equal("d~79738879~20261120", today);
        Assert.True(string.CompareOrdinal(today, yesterday) < 0);
        Assert.True(string.CompareOrdinal(today, boundary) < 0);
        Assert.True(string.CompareOrdinal(yesterday, boundary) >= 0);
        Assert.True(string.CompareOrdinal(today, JournalKeys.DayUpperBound) < 0);
    }

    [Fact]
    public void DayPartition_OtherOffset_UsesUtcDay()
    {
        var lateEvening = new DateTimeOffset(2026, 11, 20, 23, 30, 0, TimeSpan.FromHours(-5)); // 04:30 UTC on the 21st

        Assert.EndsWith("~20261121", JournalKeys.DayPartition(lateEvening), StringComparison.Ordinal);
    }
}
