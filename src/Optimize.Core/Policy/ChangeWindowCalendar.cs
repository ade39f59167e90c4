using Optimize.Changes;

namespace Optimize.Policy;

/// <summary>
/// Answers "may a stage start now?" and "when next?" for a policy's weekly change windows. Each window opens on its
/// listed days at <see cref="ChangeWindow.Start"/> local time in its own IANA time zone and closes at
/// <see cref="ChangeWindow.End"/> (exclusive); an end before the start closes on the next day (the day listed is the
/// day the window opens). A start that falls in a daylight-saving gap opens at the end of the gap; an ambiguous local
/// time means its first occurrence. No windows at all means always open.
/// </summary>
public sealed class ChangeWindowCalendar
{
    private readonly (ChangeWindow Window, TimeZoneInfo Zone)[] _windows;

    /// <summary>Prepares the calendar (time zones are resolved once).</summary>
    /// <exception cref="ArgumentException">A window has an unknown time zone, no days, or start equal to end.</exception>
    public ChangeWindowCalendar(IReadOnlyList<ChangeWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        _windows = [.. windows.Select(Resolve)];
    }

    /// <summary>True when no windows are configured (always open).</summary>
    public bool IsAlwaysOpen => _windows.Length == 0;

    /// <summary>True when <paramref name="instant"/> lies inside a window.</summary>
    public bool IsOpen(DateTimeOffset instant) => IsAlwaysOpen || Occurrences(instant, daysBefore: 1, daysAfter: 0).Any(o => o.Start <= instant && instant < o.End);

    /// <summary>
    /// The first instant at or after <paramref name="after"/> when a window is open: <paramref name="after"/> itself when
    /// open, else the next window start (UTC offset). Null only when no window can ever open.
    /// </summary>
    public DateTimeOffset? NextOpening(DateTimeOffset after)
    {
        if (IsOpen(after))
        {
            return after;
        }

        var starts = Occurrences(after, daysBefore: 1, daysAfter: 8).Select(o => o.Start).Where(s => s > after).ToList();
        return starts.Count == 0 ? null : starts.Min().ToUniversalTime();
    }

    private static (ChangeWindow, TimeZoneInfo) Resolve(ChangeWindow window, int index)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Start == window.End)
        {
            throw new ArgumentException($"Change window {index} starts and ends at {window.Start:HH\\:mm}.", nameof(window));
        }

        if (window.Days.Count == 0)
        {
            throw new ArgumentException($"Change window {index} has no days.", nameof(window));
        }

        try
        {
            return (window, TimeZoneInfo.FindSystemTimeZoneById(window.TimeZone));
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"Change window {index} has unknown time zone '{window.TimeZone}'.", nameof(window), e);
        }
    }

    /// <summary>Every window occurrence opening on a local date from <paramref name="daysBefore"/> days before the
    /// local date of <paramref name="instant"/> to <paramref name="daysAfter"/> days after, as UTC intervals.</summary>
    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Occurrences(DateTimeOffset instant, int daysBefore, int daysAfter)
    {
        foreach (var (window, zone) in _windows)
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
            for (var offset = -daysBefore; offset <= daysAfter; offset++)
            {
                var date = today.AddDays(offset);
                if (!window.Days.Contains(date.DayOfWeek))
                {
                    continue;
                }

                var endDate = window.End < window.Start ? date.AddDays(1) : date;
                yield return (ToInstant(date.ToDateTime(window.Start), zone), ToInstant(endDate.ToDateTime(window.End), zone));
            }
        }
    }

    private static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        // Skip forward through a daylight-saving gap (at most a few hours) to the first valid local minute.
        var guard = 0;
        while (zone.IsInvalidTime(local) && guard++ < 24 * 60)
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
    }
}
