namespace Optimize.Cli.Backtest;

/// <summary>
/// When a backtest runs on the trace's timeline: the first pass at 02:00 of day <see cref="StartDay"/> (after the policy's
/// lookback, so the first pass reads only trace data), and <see cref="Days"/> passes that end before the trace does (no
/// wrap-around).
/// </summary>
/// <param name="Origin">Start of trace row 0.</param>
/// <param name="Start">The virtual clock's start (01:00 of the start day; the first pass runs at 02:00).</param>
/// <param name="StartDay">Whole days of trace before the start day.</param>
/// <param name="Days">Days that will run.</param>
/// <param name="RequestedDays">Days asked for; more than <see cref="Days"/> when capped by the trace's end.</param>
/// <param name="TraceEnd">End of the trace's last row.</param>
internal sealed record BacktestWindow(DateTimeOffset Origin, DateTimeOffset Start, int StartDay, int Days, int RequestedDays, DateTimeOffset TraceEnd)
{
    /// <summary>Time of day of the nightly pass.</summary>
    public static readonly TimeSpan PassTime = TimeSpan.FromHours(2);

    /// <summary>True when fewer days run than were asked for.</summary>
    public bool Capped => Days < RequestedDays;

    /// <summary>
    /// Plans the window for a trace of <paramref name="rows"/> 5-minute rows starting at <paramref name="origin"/>; null with
    /// <paramref name="error"/> when the trace is shorter than the lookback plus one day.
    /// </summary>
    public static BacktestWindow? Plan(DateTimeOffset origin, int rows, TimeSpan lookback, int requestedDays, out string? error)
    {
        // 14-day lookback: the first pass at day 15, 02:00 reads days 1–15; an 8,004-row trace (27 d 19 h) ends 12 d 17 h
        // later, room for 12 days (each day runs to 01:59 of the next).
        var startDay = (int)Math.Ceiling(lookback.TotalDays) + 1;
        var traceEnd = origin + TimeSpan.FromMinutes(5L * rows);
        var firstPass = origin.AddDays(startDay) + PassTime;
        var room = (int)Math.Floor((traceEnd - firstPass + TimeSpan.FromMinutes(1)).TotalDays);
        if (room < 1)
        {
            error = $"The trace holds {rows} 5-minute rows ({(traceEnd - origin).TotalDays:0.0} days), too short for the policy's lookback of {lookback.TotalDays:0.#} days plus one day of backtest.";
            return null;
        }

        error = null;
        return new BacktestWindow(origin, firstPass - TimeSpan.FromHours(1), startDay, Math.Min(room, requestedDays), requestedDays, traceEnd);
    }
}
