namespace Optimize.Model;

/// <summary>A half-open interval of time [<see cref="Start"/>, <see cref="End"/>).</summary>
public readonly record struct TimeRange
{
    /// <summary>Creates the interval.</summary>
    /// <exception cref="ArgumentException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    public TimeRange(DateTimeOffset start, DateTimeOffset end)
    {
        if (end < start)
        {
            throw new ArgumentException($"End {end:O} is before start {start:O}.", nameof(end));
        }

        Start = start;
        End = end;
    }

    /// <summary>Inclusive start.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Exclusive end.</summary>
    public DateTimeOffset End { get; }

    /// <summary>End minus start.</summary>
    public TimeSpan Duration => End - Start;

    /// <summary>True when <paramref name="instant"/> lies in [Start, End).</summary>
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>The range of the given length that ends at <paramref name="end"/>.</summary>
    public static TimeRange Ending(DateTimeOffset end, TimeSpan length) => new(end - length, end);

    /// <inheritdoc />
    public override string ToString() => $"[{Start:O}, {End:O})";
}
