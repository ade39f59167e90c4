using FsCheck;
using FsCheck.Fluent;
using Optimize.Changes;
using Optimize.Guards;
using Optimize.Metrics;

namespace Optimize.Tests.Changes;

/// <summary>Invariants of <see cref="GuardAssessor"/> over random guards and summaries.</summary>
public sealed class GuardAssessorPropertyTests
{
    [Fact]
    public void AssessGuard_CoverageBelowMinimum_NeverSuccessful()
    {
        Prop.ForAll(
            Gen.Choose(0, 100).ToArbitrary(),
            Gen.Choose(1, 100).ToArbitrary(),
            Gen.Choose(0, 1000).ToArbitrary(),
            (observed, minimumPercent, value) =>
            {
                var guard = new GuardSpec("cpu", "p95", AbsoluteMax: 2000, MinimumCoverage: minimumPercent / 100.0);
                var summary = new MetricSummary("cpu", 100, observed, value, value, value, value, value, value, 0);
                var verdict = GuardAssessor.AssessGuard(guard, 500, summary);
                return observed >= minimumPercent || verdict.Kind == VerdictKind.Inconclusive;
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AssessGuard_ObservedAboveLimit_AlwaysFailedWithFullCoverage()
    {
        Prop.ForAll(
            Gen.Choose(0, 10_000).ToArbitrary(),
            Gen.Choose(0, 10_000).ToArbitrary(),
            (limit, value) =>
            {
                var guard = new GuardSpec("latencyMs", "max", AbsoluteMax: limit);
                var summary = new MetricSummary("latencyMs", 10, 10, value, value, value, value, value, value, 0);
                var kind = GuardAssessor.AssessGuard(guard, null, summary).Kind;
                return value > limit ? kind == VerdictKind.Failed : kind == VerdictKind.Successful;
            }).QuickCheckThrowOnFailure();
    }
}
