namespace Optimize.Metrics;

/// <summary>
/// A streaming, bounded summary of one metric series: feed points with <see cref="Add"/> (NaN marks a gap and is
/// counted as missing, never as zero), read a <see cref="MetricSummary"/> with <see cref="ToSummary"/>, then
/// <see cref="Reset"/> and reuse it for the next series. Mean and Max are exact; percentiles come from a
/// <see cref="LogLinearHistogram"/> (nearest rank, relative error ≤ 0.8%, clamped to the exact min and max).
/// Memory is fixed (about 8 KB) and adding a point allocates nothing. Not thread-safe.
/// </summary>
public sealed class MetricAccumulator
{
    private readonly LogLinearHistogram _histogram = new();
    private double _sum;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private double _previous = double.NaN;
    private int _points;
    private int _transitions;

    /// <summary>Points added, gaps included.</summary>
    public int Points => _points;

    /// <summary>Points observed (not NaN).</summary>
    public int Observed => (int)_histogram.Count;

    /// <summary>Adds one point. NaN is a gap: it counts toward <see cref="Points"/>, not toward <see cref="Observed"/>,
    /// and does not break a run: transitions compare each observed point with the previous observed one.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative or infinite (metrics are
    /// utilizations, durations and counts).</exception>
    public void Add(double value)
    {
        _points++;
        if (double.IsNaN(value))
        {
            return;
        }

        if (value < 0 || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Metric points must be finite and non-negative (NaN marks a gap).");
        }

        _histogram.Record(value);
        _sum += value;
        if (value < _min)
        {
            _min = value;
        }

        if (value > _max)
        {
            _max = value;
        }

        if (!double.IsNaN(_previous) && value != _previous)
        {
            _transitions++;
        }

        _previous = value;
    }

    /// <summary>Adds every point of <paramref name="values"/> in order (see <see cref="Add"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A point is negative or infinite; the points before it stay added.</exception>
    public void AddRange(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            Add(v);
        }
    }

    /// <summary>Forgets every point so the accumulator can be reused.</summary>
    public void Reset()
    {
        _histogram.Clear();
        _sum = 0;
        _min = double.PositiveInfinity;
        _max = double.NegativeInfinity;
        _previous = double.NaN;
        _points = 0;
        _transitions = 0;
    }

    /// <summary>The summary of the points added so far.</summary>
    /// <param name="metric">Metric name (<see cref="MetricNames"/>).</param>
    /// <param name="expected">Grid points the lookback should hold (the query's expected points), ≥ 0.</param>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expected"/> is negative.</exception>
    public MetricSummary ToSummary(string metric, int expected)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        ArgumentOutOfRangeException.ThrowIfNegative(expected);
        var n = _histogram.Count;
        if (n == 0)
        {
            return MetricSummary.Empty(metric, expected);
        }

        Span<long> ranks = [Rank(0.50, n), Rank(0.90, n), Rank(0.95, n), Rank(0.99, n)];
        Span<double> values = stackalloc double[4];
        _histogram.ValuesAtRanks(ranks, values);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Clamp(values[i], _min, _max);
        }

        return new MetricSummary(metric, expected, (int)n, _sum / n, values[0], values[1], values[2], values[3], _max, _transitions);
    }

    /// <summary>Nearest rank: the smallest rank r with r/n ≥ p, at least 1. For n = 720, p95 → rank 684.</summary>
    internal static long Rank(double p, long n) => Math.Max(1, (long)Math.Ceiling((p * n) - 1e-9));
}
