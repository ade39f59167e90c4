namespace Optimize.Changes;

/// <summary>A weekly window in which stages may be applied.</summary>
public sealed record ChangeWindow
{
    /// <summary>Days the window opens (three-letter English names: Mon, Tue, …).</summary>
    public IReadOnlyList<DayOfWeek> Days { get; init; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>Local start time (inclusive).</summary>
    public TimeOnly Start { get; init; } = new(1, 0);

    /// <summary>Local end time (exclusive); before <see cref="Start"/> means the window runs past midnight.</summary>
    public TimeOnly End { get; init; } = new(6, 0);

    /// <summary>IANA time zone id, for example <c>Europe/Amsterdam</c>.</summary>
    public string TimeZone { get; init; } = "UTC";
}
