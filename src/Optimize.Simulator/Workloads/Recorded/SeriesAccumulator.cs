namespace Optimize.Simulator.Workloads.Recorded;

/// <summary>
/// One resource and metric's rows folded into 5-minute steps as they stream by: per step the sum and count of the rows'
/// values (their mean is the step's average), the highest peak and the lowest low. Memory grows with steps, not rows.
/// </summary>
internal sealed class SeriesAccumulator(int firstLine)
{
    private readonly List<double> _sum = [];
    private readonly List<int> _count = [];
    private readonly List<double> _max = [];
    private readonly List<double> _min = [];

    /// <summary>The line the series first appeared on.</summary>
    public int FirstLine { get; } = firstLine;

    /// <summary>The first step, or -1 before any row.</summary>
    public long Start { get; private set; } = -1;

    /// <summary>Steps from <see cref="Start"/> covered so far.</summary>
    public int Length => _sum.Count;

    /// <summary>Timestamp (ticks) and line of the last row, for the ordering check.</summary>
    public long LastTicks { get; set; } = long.MinValue;

    public int LastLine { get; set; }

    /// <summary>Adds one row covering <paramref name="steps"/> steps from <paramref name="step"/> (1 for PT1M and PT5M, 12 for PT1H).</summary>
    public void Add(long step, int steps, double value, double peak, double low)
    {
        if (Start < 0)
        {
            Start = step;
        }

        for (var s = step; s < step + steps; s++)
        {
            var i = (int)(s - Start);
            while (_sum.Count <= i)
            {
                _sum.Add(0);
                _count.Add(0);
                _max.Add(double.NegativeInfinity);
                _min.Add(double.PositiveInfinity);
            }

            _sum[i] += value;
            _count[i]++;
            _max[i] = Math.Max(_max[i], peak);
            _min[i] = Math.Min(_min[i], low);
        }
    }

    /// <summary>Writes the averages, peaks and lows into arrays starting at <paramref name="firstStep"/>; steps without rows stay NaN.</summary>
    public void CopyTo(long firstStep, float[] average, float[] peak, float[]? low, double scale = 1)
    {
        var offset = (int)(Start - firstStep);
        for (var i = 0; i < _sum.Count; i++)
        {
            if (_count[i] == 0)
            {
                continue;
            }

            average[offset + i] = (float)(_sum[i] / _count[i] * scale);
            peak[offset + i] = (float)(_max[i] * scale);
            if (low is not null)
            {
                low[offset + i] = (float)(_min[i] * scale);
            }
        }
    }
}
