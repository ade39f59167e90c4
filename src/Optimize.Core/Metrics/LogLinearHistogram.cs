namespace Optimize.Metrics;

/// <summary>
/// A fixed-size log-linear histogram of non-negative values (HDR style): each power of two between
/// 2^-7 (≈0.0078) and 2^24 (≈16.7 million) is split into 64 linear sub-buckets, so a bucket is at most 1/64 of
/// its lower bound wide and its midpoint is within ≈0.78% of any value in it. Values below 2^-7 share one "zero"
/// bucket, values from 2^24 up share one overflow bucket; callers clamp results to the exact min and max, so both
/// ends stay exact. Works equally for percent (0–100), milliseconds and instance counts. 1,986 counters, no
/// allocation after construction.
/// </summary>
internal sealed class LogLinearHistogram
{
    /// <summary>The largest relative error of a quantile read from the histogram: half a bucket, 1/128 ≈ 0.78 %.</summary>
    internal const double RelativeError = 0.5 / (1 << SubBucketBits);

    /// <summary>Sub-buckets per power of two (2^6).</summary>
    internal const int SubBucketBits = 6;

    private const int SubBuckets = 1 << SubBucketBits;
    private const int MinExponent = -7;
    private const int MaxExponent = 24;
    private const int OctaveBuckets = (MaxExponent - MinExponent) * SubBuckets;

    /// <summary>Index 0: the zero bucket; 1..OctaveBuckets: log-linear; last: overflow.</summary>
    private readonly int[] _counts = new int[OctaveBuckets + 2];
    private int _lowest = int.MaxValue;
    private int _highest = -1;

    /// <summary>Number of values recorded.</summary>
    public long Count { get; private set; }

    /// <summary>Records one value (must be finite and ≥ 0; the caller checks).</summary>
    public void Record(double value)
    {
        var index = IndexOf(value);
        _counts[index]++;
        Count++;
        if (index < _lowest)
        {
            _lowest = index;
        }

        if (index > _highest)
        {
            _highest = index;
        }
    }

    /// <summary>Forgets everything; clears only the touched range.</summary>
    public void Clear()
    {
        if (_highest >= 0)
        {
            Array.Clear(_counts, _lowest, _highest - _lowest + 1);
        }

        _lowest = int.MaxValue;
        _highest = -1;
        Count = 0;
    }

    /// <summary>
    /// Writes the values at the given nearest ranks (1-based, ascending) into <paramref name="results"/>:
    /// the midpoint of the bucket holding that rank. One pass over the touched buckets.
    /// </summary>
    public void ValuesAtRanks(ReadOnlySpan<long> ranks, Span<double> results)
    {
        long cumulative = 0;
        var next = 0;
        for (var i = _lowest; i <= _highest && next < ranks.Length; i++)
        {
            cumulative += _counts[i];
            while (next < ranks.Length && cumulative >= ranks[next])
            {
                results[next++] = Midpoint(i);
            }
        }

        for (; next < ranks.Length; next++)
        {
            results[next] = double.NaN;
        }
    }

    /// <summary>The bucket of <paramref name="value"/>.</summary>
    internal static int IndexOf(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        if (exponent < MinExponent)
        {
            return 0;
        }

        if (exponent >= MaxExponent)
        {
            return OctaveBuckets + 1;
        }

        var mantissaTop = (int)((bits >> (52 - SubBucketBits)) & (SubBuckets - 1));
        return 1 + ((exponent - MinExponent) * SubBuckets) + mantissaTop;
    }

    /// <summary>The representative value of bucket <paramref name="index"/>: the middle of its range.</summary>
    internal static double Midpoint(int index)
    {
        if (index == 0)
        {
            return 0;
        }

        if (index == OctaveBuckets + 1)
        {
            return double.PositiveInfinity;
        }

        var octave = (index - 1) / SubBuckets;
        var sub = (index - 1) % SubBuckets;
        var lower = Math.ScaleB(1.0 + ((double)sub / SubBuckets), octave + MinExponent);
        var width = Math.ScaleB(1.0 / SubBuckets, octave + MinExponent);
        return lower + (width / 2);
    }
}
