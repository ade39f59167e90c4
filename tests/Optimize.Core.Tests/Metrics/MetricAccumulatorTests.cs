using FsCheck;
using FsCheck.Fluent;
using Optimize.Metrics;

namespace Optimize.Core.Tests.Metrics;

public sealed class MetricAccumulatorTests
{
    [Fact]
    public void ToSummary_OneToHundred_ExactMeanMaxAndPercentilesWithinOnePercent()
    {
        var acc = new MetricAccumulator();
        for (var i = 1; i <= 100; i++)
        {
            acc.Add(i);
        }

        var s = acc.ToSummary(MetricNames.Cpu, 100);

        // Nearest rank on 1..100: p50 = 50, p90 = 90, p95 = 95, p99 = 99; mean 50.5, max 100 exact.
        Assert.Equal(50.5, s.Mean, 9);
        Assert.Equal(100, s.Max);
        Assert.Equal(50, s.P50, 50 * 0.01);
        Assert.Equal(90, s.P90, 90 * 0.01);
        Assert.Equal(95, s.P95, 95 * 0.01);
        Assert.Equal(99, s.P99, 99 * 0.01);
        Assert.Equal(99, s.Transitions);
    }

    [Fact]
    public void Add_NaN_CountedAsGapNeverZero()
    {
        var acc = new MetricAccumulator();
        acc.AddRange([10, double.NaN, 10, double.NaN]);

        var s = acc.ToSummary(MetricNames.Memory, 4);

        Assert.Equal(2, s.Observed);
        Assert.Equal(0.5, s.Coverage);
        Assert.Equal(10, s.Mean);
        Assert.Equal(10, s.P50); // a zeroed gap would make the median 5 or 0
        Assert.Equal(4, acc.Points);
    }

    [Fact]
    public void Add_ChangesAcrossGaps_TransitionsCompareObservedNeighbours()
    {
        var acc = new MetricAccumulator();

        // 1→1 no, 1→2 yes, 2→2 no, (gap), 2→2 no, 2→3 yes.
        acc.AddRange([1, 1, 2, 2, double.NaN, 2, 3]);

        Assert.Equal(2, acc.ToSummary(MetricNames.Instances, 7).Transitions);
    }

    [Fact]
    public void ToSummary_NothingObserved_EmptyNotZero()
    {
        var acc = new MetricAccumulator();
        acc.AddRange([double.NaN, double.NaN]);

        var s = acc.ToSummary(MetricNames.Cpu, 2);

        Assert.False(s.HasData);
        Assert.True(double.IsNaN(s.P95));
        Assert.True(double.IsNaN(s.Mean));
    }

    [Fact]
    public void Reset_Reused_SameAsFresh()
    {
        var reused = new MetricAccumulator();
        reused.AddRange([500, 900, 1, 3]);
        reused.Reset();
        reused.AddRange([5, 7, 7, 9]);
        var fresh = new MetricAccumulator();
        fresh.AddRange([5, 7, 7, 9]);

        Assert.Equal(fresh.ToSummary(MetricNames.Cpu, 4), reused.ToSummary(MetricNames.Cpu, 4));
        Assert.Equal(9, reused.ToSummary(MetricNames.Cpu, 4).Max);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.PositiveInfinity)]
    public void Add_NegativeOrInfinite_Throws(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MetricAccumulator().Add(value));

    [Theory]
    [InlineData(0.95, 720, 684)]
    [InlineData(0.99, 720, 713)] // ⌈712.8⌉
    [InlineData(0.5, 1, 1)]
    [InlineData(0.5, 10, 5)]
    public void Rank_NearestRank_SmallestRankCoveringP(double p, long n, long expected) =>
        Assert.Equal(expected, MetricAccumulator.Rank(p, n));

    [Fact]
    public void ToSummary_RandomData_PercentilesWithinOnePercentOfExact()
    {
        // Values across percent and millisecond ranges, gaps included; compare with exact nearest-rank percentiles.
        var point = Gen.Frequency(
            (1, Gen.Constant(double.NaN)),
            (4, Gen.Choose(0, 10_000).Select(i => i / 100.0)),
            (2, Gen.Choose(1, 5_000_000).Select(i => i / 10.0)));
        var gen = Gen.ArrayOf(point).Where(a => a.Length > 0);
        var acc = new MetricAccumulator();
        Prop.ForAll(gen.ToArbitrary(), values =>
        {
            acc.Reset();
            acc.AddRange(values);
            var observed = values.Where(v => !double.IsNaN(v)).Order().ToArray();
            var s = acc.ToSummary(MetricNames.LatencyMs, values.Length);
            if (observed.Length == 0)
            {
                return !s.HasData && s.Observed == 0;
            }

            bool Close(double actual, double p)
            {
                var exact = observed[MetricAccumulator.Rank(p, observed.Length) - 1];
                return Math.Abs(actual - exact) <= (exact * 0.01) + 0.0079;
            }

            return s.Observed == observed.Length
                && s.Max == observed[^1]
                && Math.Abs(s.Mean - observed.Average()) <= 1e-6 * Math.Max(1, observed[^1])
                && Close(s.P50, 0.5) && Close(s.P90, 0.9) && Close(s.P95, 0.95) && Close(s.P99, 0.99);
        }).QuickCheckThrowOnFailure();
    }
}
