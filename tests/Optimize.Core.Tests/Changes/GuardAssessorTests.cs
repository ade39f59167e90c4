using Optimize.Changes;
using Optimize.Guards;
using Optimize.Metrics;
using Optimize.Workflow;

namespace Optimize.Tests.Changes;

/// <summary>One row per rule of <see cref="GuardAssessor"/> (argo <c>evaluate.go</c> style).</summary>
public sealed class GuardAssessorTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, GuardSpec, double?, int, double, VerdictKind, string> Rules => new()
    {
        // case, guard, baseline, observed points of 10, p95 value, expected kind, expected message
        { "within limit and regression", Latency(300, 25), 120, 10, 140, VerdictKind.Successful, "latencyMs p95 140 within limits" },
        { "coverage too low", Latency(300, 25), 120, 2, 140, VerdictKind.Inconclusive, "latencyMs p95: coverage 20% < 50%" },
        { "no data", Latency(300, 25), 120, 0, double.NaN, VerdictKind.Inconclusive, "latencyMs p95: no data" },
        { "above the SLO limit", new GuardSpec("cpu", "p95", AbsoluteMax: 90), null, 10, 93.1, VerdictKind.Failed, "cpu p95 93.1 > 90 (limit)" },
        { "limit wins over regression", Latency(300, 25), 120, 10, 412, VerdictKind.Failed, "latencyMs p95 412 > 300 (limit)" },
        // 120 × 1.25 = 150 < 160
        { "regression beyond percent", Latency(300, 25), 120, 10, 160, VerdictKind.Failed, "latencyMs p95 160 > 120 +25% (baseline)" },
        { "regression exactly at percent", Latency(300, 25), 120, 10, 150, VerdictKind.Successful, "latencyMs p95 150 within limits" },
        // 0.1 + 0.5 = 0.6 < 0.7
        { "regression beyond increase", new GuardSpec("errorPercent", "mean", MaxIncrease: 0.5), 0.1, 10, 0.7, VerdictKind.Failed, "errorPercent mean 0.7 > 0.1 +0.5 (baseline)" },
        { "regression-only without baseline", new GuardSpec("errorPercent", "mean", MaxIncrease: 0.5), null, 10, 0.7, VerdictKind.Inconclusive, "errorPercent mean 0.7: no baseline to compare with" },
        { "limit and regression without baseline", Latency(300, 25), null, 10, 200, VerdictKind.Successful, "latencyMs p95 200 within limits" },
        { "no limits at all", new GuardSpec("instances", "max"), null, 10, 7, VerdictKind.Successful, "instances max 7 within limits" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void AssessGuard_Rules_KindAndMessage(string name, GuardSpec guard, double? baseline, int observed, double value, VerdictKind kind, string message)
    {
        var summary = Summary(guard.Metric, observed, value);

        var verdict = GuardAssessor.AssessGuard(guard, baseline, summary);

        Assert.True(kind == verdict.Kind, $"{name}: expected {kind}, got {verdict.Kind} ({verdict.Message})");
        Assert.Equal(message, verdict.Message);
    }

    [Fact]
    public void AssessGuard_MetricMissing_Inconclusive() =>
        Assert.Equal(VerdictKind.Inconclusive, GuardAssessor.AssessGuard(Latency(300, 25), 120, null).Kind);

    [Fact]
    public void Assess_OneFailedOneInconclusive_WorstWins()
    {
        GuardSpec[] guards = [Latency(300, 25), new GuardSpec("cpu", "p95", AbsoluteMax: 90)];
        var baseline = new GuardBaseline(new Dictionary<string, double> { ["latencyMs"] = 120 }, "");
        var observed = new Dictionary<string, MetricSummary> { ["latencyMs"] = Summary("latencyMs", 1, 100), ["cpu"] = Summary("cpu", 10, 95) };

        var verdict = GuardAssessor.Assess(guards, baseline, observed, At);

        Assert.Equal(VerdictKind.Failed, verdict.Kind);
        Assert.Equal("cpu p95 95 > 90 (limit)", verdict.Summary);
        Assert.Equal(At, verdict.At);
        Assert.Equal([VerdictKind.Inconclusive, VerdictKind.Failed], verdict.Guards.Select(g => g.Kind));
    }

    [Fact]
    public void Assess_NoGuards_Successful() =>
        Assert.Equal(VerdictKind.Successful, GuardAssessor.Assess([], new GuardBaseline(new Dictionary<string, double>(), ""), new Dictionary<string, MetricSummary>(), At).Kind);

    [Fact]
    public void Baseline_EnoughAndTooLittleData_KeepsOnlyTrustedValuesAndSaysWhy()
    {
        GuardSpec[] guards = [Latency(300, 25), new GuardSpec("cpu", "p95", AbsoluteMax: 90), new GuardSpec("errorPercent", "mean", MaxIncrease: 1)];
        var summaries = new Dictionary<string, MetricSummary> { ["latencyMs"] = Summary("latencyMs", 10, 120), ["cpu"] = Summary("cpu", 3, 40) };

        var baseline = GuardAssessor.Baseline(guards, summaries);

        Assert.Equal(new Dictionary<string, double> { ["latencyMs"] = 120 }, baseline.Values);
        Assert.Equal("latencyMs p95 120; cpu p95: coverage 30% < 50%; errorPercent mean: no data", baseline.Message);
    }

    [Fact]
    public void Baseline_TwoStatisticsOfOneMetric_KeyedByStatisticAndAssessedSeparately()
    {
        GuardSpec[] guards = [Latency(1000, 25), new GuardSpec("latencyMs", "mean", MaxRegressionPercent: 10)];
        var summaries = new Dictionary<string, MetricSummary> { ["latencyMs"] = Summary("latencyMs", 10, 200, mean: 100) };

        var baseline = GuardAssessor.Baseline(guards, summaries);
        var verdict = GuardAssessor.Assess(guards, baseline, new Dictionary<string, MetricSummary> { ["latencyMs"] = Summary("latencyMs", 10, 210, mean: 120) }, At);

        Assert.Equal(200, baseline.Values["latencyMs.p95"]);
        Assert.Equal(100, baseline.Values["latencyMs.mean"]);

        // p95 210 ≤ 200 × 1.25 = 250 passes; mean 120 > 100 × 1.1 = 110 fails.
        Assert.Equal([VerdictKind.Successful, VerdictKind.Failed], verdict.Guards.Select(g => g.Kind));
    }

    private static GuardSpec Latency(double max, double pct) => new("latencyMs", "p95", AbsoluteMax: max, MaxRegressionPercent: pct);

    private static MetricSummary Summary(string metric, int observed, double p95, double? mean = null)
    {
        if (observed == 0)
        {
            return MetricSummary.Empty(metric, 10);
        }

        var m = mean ?? p95;
        return new MetricSummary(metric, 10, observed, m, p95, p95, p95, p95, p95, 0);
    }
}
