using FsCheck;
using FsCheck.Fluent;
using Optimize.Changes;
using Optimize.Policy;

namespace Optimize.Core.Tests.Policy;

public sealed class ChangeWindowCalendarTests
{
    // Weekdays 01:00–06:00 UTC.
    private static readonly ChangeWindow Night = new()
    {
        Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        Start = new(1, 0),
        End = new(6, 0),
    };

    // Fridays 22:00 to Saturday 04:00, Amsterdam time (UTC+1 in winter, UTC+2 in summer).
    private static readonly ChangeWindow FridayNightAmsterdam = new()
    {
        Days = [DayOfWeek.Friday],
        Start = new(22, 0),
        End = new(4, 0),
        TimeZone = "Europe/Amsterdam",
    };

    [Theory]
    [InlineData("Tuesday 00:59Z, before start", "2026-11-24T00:59:00Z", false)]
    [InlineData("Tuesday 01:00Z, start inclusive", "2026-11-24T01:00:00Z", true)]
    [InlineData("Tuesday 05:59Z", "2026-11-24T05:59:00Z", true)]
    [InlineData("Tuesday 06:00Z, end exclusive", "2026-11-24T06:00:00Z", false)]
    [InlineData("Saturday 02:00Z, day not listed", "2026-11-28T02:00:00Z", false)]
    [InlineData("offset instant converted", "2026-11-24T03:30:00+02:00", true)]
    public void IsOpen_UtcWindow(string @case, string instant, bool expected)
    {
        Assert.Equal(expected, new ChangeWindowCalendar([Night]).IsOpen(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.NotEmpty(@case);
    }

    [Theory]
    [InlineData("Friday 21:59 local (20:59Z)", "2026-11-27T20:59:00Z", false)]
    [InlineData("Friday 22:00 local (21:00Z)", "2026-11-27T21:00:00Z", true)]
    [InlineData("Saturday 00:30 local, past midnight", "2026-11-27T23:30:00Z", true)]
    [InlineData("Saturday 03:59 local (02:59Z)", "2026-11-28T02:59:00Z", true)]
    [InlineData("Saturday 04:00 local (03:00Z), end", "2026-11-28T03:00:00Z", false)]
    [InlineData("Saturday 22:30 local, Saturday not listed", "2026-11-28T21:30:00Z", false)]
    [InlineData("Friday 01:00 local, Thursday not listed", "2026-11-27T00:00:00Z", false)]
    [InlineData("summer: Friday 22:00 local is 20:00Z", "2026-07-03T20:00:00Z", true)]
    [InlineData("summer: 21:00Z is 23:00 local", "2026-07-03T21:00:00Z", true)]
    [InlineData("summer: Saturday 02:00Z is 04:00 local, closed", "2026-07-04T02:00:00Z", false)]
    public void IsOpen_WindowAcrossMidnightInAmsterdam(string @case, string instant, bool expected)
    {
        Assert.Equal(expected, new ChangeWindowCalendar([FridayNightAmsterdam]).IsOpen(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.NotEmpty(@case);
    }

    [Theory]
    [InlineData("open now: now", "2026-11-24T02:00:00Z", "2026-11-24T02:00:00Z")]
    [InlineData("later the same day", "2026-11-24T00:10:00Z", "2026-11-24T01:00:00Z")]
    [InlineData("after Tuesday's window: Wednesday", "2026-11-24T06:00:00Z", "2026-11-25T01:00:00Z")]
    [InlineData("Friday evening: Monday", "2026-11-27T12:00:00Z", "2026-11-30T01:00:00Z")]
    public void NextOpening_UtcWindow(string @case, string after, string expected)
    {
        var next = new ChangeWindowCalendar([Night]).NextOpening(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
        Assert.NotEmpty(@case);
    }

    [Fact]
    public void NextOpening_AcrossDstChange_UsesLocalStart()
    {
        // Saturday 24 October 2026, closed; Amsterdam leaves summer time on Sunday 25 October, so Friday 30 October
        // 22:00 local is 21:00Z (UTC+1), not 20:00Z.
        var next = new ChangeWindowCalendar([FridayNightAmsterdam]).NextOpening(new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 10, 30, 21, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void NextOpening_StartInDstGap_OpensAtEndOfGap()
    {
        // 02:30 does not exist in Amsterdam on Sunday 29 March 2026 (02:00 → 03:00 CEST): the window opens at 03:00
        // local, which is 01:00Z.
        var gap = new ChangeWindow { Days = [DayOfWeek.Sunday], Start = new(2, 30), End = new(5, 0), TimeZone = "Europe/Amsterdam" };

        var next = new ChangeWindowCalendar([gap]).NextOpening(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void NextOpening_SeveralWindows_Earliest()
    {
        var calendar = new ChangeWindowCalendar([FridayNightAmsterdam, Night]);

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 21, 0, 0, TimeSpan.Zero), calendar.NextOpening(new DateTimeOffset(2026, 11, 27, 7, 0, 0, TimeSpan.Zero)));
        Assert.True(calendar.IsOpen(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void IsOpen_NoWindows_AlwaysOpen()
    {
        var calendar = new ChangeWindowCalendar([]);
        var instant = new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero);

        Assert.True(calendar.IsAlwaysOpen);
        Assert.True(calendar.IsOpen(instant));
        Assert.Equal(instant, calendar.NextOpening(instant));
    }

    [Theory]
    [InlineData("unknown zone", "Mars/Olympus", 1, 2, 1)]
    [InlineData("start equals end", "UTC", 1, 1, 1)]
    [InlineData("no days", "UTC", 1, 2, 0)]
    public void Constructor_InvalidWindow_Throws(string @case, string zone, int start, int end, int days)
    {
        var window = new ChangeWindow { TimeZone = zone, Start = new(start, 0), End = new(end, 0), Days = [.. Enum.GetValues<DayOfWeek>().Take(days)] };

        Assert.Throws<ArgumentException>(() => new ChangeWindowCalendar([window]));
        Assert.NotEmpty(@case);
    }

    [Fact]
    public void NextOpening_Always_IsOpenAndNoEarlierOpeningExists()
    {
        var calendar = new ChangeWindowCalendar([FridayNightAmsterdam, Night]);
        var origin = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Prop.ForAll<ushort>(minutes =>
        {
            var after = origin.AddMinutes(minutes * 7);
            var next = calendar.NextOpening(after)!.Value;

            // Open at the answer, and closed one minute before it unless the answer is the instant itself.
            return next >= after && calendar.IsOpen(next) && (next == after || !calendar.IsOpen(next.AddMinutes(-1)));
        }).QuickCheckThrowOnFailure();
    }
}
