using System.Globalization;
using System.Xml;

namespace Optimize.Emulator.Metrics;

/// <summary>A refused metrics query: Monitor answers 400 <c>BadRequest</c> with <see cref="Exception.Message"/>.</summary>
internal sealed class MetricsQueryException(string message) : Exception(message);

/// <summary>
/// The query parameters shared by <c>Metrics_List</c> (<c>timespan</c>) and <c>Batch</c> (<c>starttime</c>/<c>endtime</c>),
/// parsed and checked (monitor.resource-manager.metrics.2024-02-01.json, parameters of Metrics_List):
/// <c>interval</c> is an ISO 8601 duration among Monitor's time grains or <c>FULL</c> (default PT1M);
/// <c>aggregation</c> a comma list of average, minimum, maximum, total, count (default: each metric's primary aggregation);
/// <c>metricnames</c> a comma list (at most 20).
/// </summary>
/// <param name="Start">Start of the timespan.</param>
/// <param name="End">End of the timespan (after <see cref="Start"/>).</param>
/// <param name="Interval">The grain; for FULL, the timespan's duration.</param>
/// <param name="Full">True when FULL was asked (one point for the whole timespan).</param>
/// <param name="Aggregations">The requested aggregations as AggregationType names, or empty for each metric's primary one.</param>
/// <param name="MetricNames">The requested metric names, or empty when none were given.</param>
internal sealed record MetricsQuery(DateTimeOffset Start, DateTimeOffset End, TimeSpan Interval, bool Full, IReadOnlyList<string> Aggregations, IReadOnlyList<string> MetricNames)
{
    /// <summary>The grains Monitor aggregates to (metricAvailabilities of GetMetricDefinitions.json).</summary>
    public static IReadOnlyList<TimeSpan> Grains { get; } =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(12), TimeSpan.FromDays(1),
    ];

    private static readonly string[] AggregationNames = ["Average", "Minimum", "Maximum", "Total", "Count"];

    /// <summary>The grid of this query: points aligned down to the grain (as Monitor stamps them), one point for FULL.</summary>
    public MetricGrid Grid()
    {
        if (Full)
        {
            return new MetricGrid(Start, End - Start, 1, End);
        }

        var origin = new DateTimeOffset(Start.UtcTicks - (Start.UtcTicks % Interval.Ticks), TimeSpan.Zero);
        var points = (int)Math.Ceiling((End - origin) / Interval);
        return new MetricGrid(origin, Interval, points, End);
    }

    /// <summary>The interval as the response spells it (ISO 8601, for example <c>PT1H</c>).</summary>
    public string IntervalText => XmlConvert.ToString(Interval);

    /// <summary>Parses a query; <paramref name="timespan"/> is <c>start/end</c>, <c>start/duration</c> or a duration ending now; null means the last hour.</summary>
    /// <exception cref="MetricsQueryException">A parameter is malformed or out of range.</exception>
    public static MetricsQuery Parse(string? timespan, string? interval, string? aggregation, string? metricNames, DateTimeOffset now)
    {
        var (start, end) = Timespan(timespan, now);
        return Build(start, end, interval, aggregation, metricNames);
    }

    /// <summary>Parses a batch query (<c>starttime</c>, <c>endtime</c>; either absent means the last hour ending at the other or now).</summary>
    /// <exception cref="MetricsQueryException">A parameter is malformed or out of range.</exception>
    public static MetricsQuery ParseBatch(string? startTime, string? endTime, string? interval, string? aggregation, string? metricNames, DateTimeOffset now)
    {
        var end = endTime is null ? now : Instant(endTime, "endtime");
        var start = startTime is null ? end - TimeSpan.FromHours(1) : Instant(startTime, "starttime");
        return Build(start, end, interval, aggregation, metricNames);
    }

    private static MetricsQuery Build(DateTimeOffset start, DateTimeOffset end, string? interval, string? aggregation, string? metricNames)
    {
        if (end <= start)
        {
            throw new MetricsQueryException($"Invalid time range: the start time {Iso(start)} must be before the end time {Iso(end)}.");
        }

        var full = string.Equals(interval, "FULL", StringComparison.OrdinalIgnoreCase);
        var grain = full ? end - start : Grain(interval);
        if (!full && (end - start) / grain > 100_000)
        {
            throw new MetricsQueryException($"The requested timespan {Iso(start)}/{Iso(end)} at interval {XmlConvert.ToString(grain)} has too many points.");
        }

        var names = Split(metricNames);
        if (names.Count > 20)
        {
            throw new MetricsQueryException($"Requested {names.Count} metrics; the limit is 20 metrics per query.");
        }

        var aggregations = Split(aggregation).Select(a => AggregationNames.FirstOrDefault(n => n.Equals(a, StringComparison.OrdinalIgnoreCase))
            ?? throw new MetricsQueryException($"Invalid aggregation type '{a}'. Supported aggregation types are: {string.Join(", ", AggregationNames)}.")).Distinct().ToArray();
        return new MetricsQuery(start, end, grain, full, aggregations, names);
    }

    private static TimeSpan Grain(string? interval)
    {
        if (string.IsNullOrWhiteSpace(interval))
        {
            return TimeSpan.FromMinutes(1);
        }

        var grain = Duration(interval, "interval");
        return Grains.Contains(grain) ? grain
            : throw new MetricsQueryException($"Invalid interval '{interval}'. Supported intervals are: {string.Join(", ", Grains.Select(XmlConvert.ToString))}, FULL.");
    }

    private static (DateTimeOffset Start, DateTimeOffset End) Timespan(string? timespan, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(timespan))
        {
            return (now - TimeSpan.FromHours(1), now);
        }

        var parts = timespan.Split('/');
        if (parts.Length == 1)
        {
            return (now - Duration(parts[0], "timespan"), now);
        }

        if (parts.Length != 2)
        {
            throw new MetricsQueryException($"Invalid timespan '{timespan}': expected 'startDateTime_ISO/endDateTime_ISO'.");
        }

        var start = Instant(parts[0], "timespan");
        var end = parts[1].StartsWith('P') ? start + Duration(parts[1], "timespan") : Instant(parts[1], "timespan");
        return (start, end);
    }

    private static DateTimeOffset Instant(string text, string parameter) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw new MetricsQueryException($"Invalid {parameter} '{text}': expected an ISO 8601 date-time such as 2026-12-01T00:00:00Z.");

    private static TimeSpan Duration(string text, string parameter)
    {
        try
        {
            var value = XmlConvert.ToTimeSpan(text);
            return value > TimeSpan.Zero ? value : throw new MetricsQueryException($"Invalid {parameter} '{text}': the duration must be positive.");
        }
        catch (FormatException)
        {
            throw new MetricsQueryException($"Invalid {parameter} '{text}': expected an ISO 8601 duration such as PT1H.");
        }
    }

    private static List<string> Split(string? list) =>
        [.. (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>An instant as Monitor stamps it (<c>2021-04-20T09:00:00Z</c>; fractional seconds kept when present).</summary>
    public static string Iso(DateTimeOffset at) =>
        at.UtcDateTime.ToString(at.UtcTicks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
