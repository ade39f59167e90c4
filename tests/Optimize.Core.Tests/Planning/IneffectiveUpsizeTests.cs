using Optimize.Changes;
using Optimize.Core.Tests.Policy;
using Optimize.Guards;
using Optimize.Journal;
using Optimize.Metrics;
using Optimize.Planning;
using Optimize.Policy;
using Optimize.Recommendations;
using static Optimize.Core.Tests.Planning.PlanningTestData;

namespace Optimize.Core.Tests.Planning;

/// <summary>After an upsize was rolled back, the next passes do not retry it blindly (cooldowns.afterIneffectiveUpsize).</summary>
public sealed class IneffectiveUpsizeTests
{
    private static readonly Optimize.Model.ResourceRef Vm = Resource(name: "vm-hot");

    private static Advice HotUpsize() => Advice.Recommend(Recommendation(Vm, savings: -140.16m, direction: Direction.Up) with
    {
        Evidence = [new EvidenceItem("cpu.p95", 93, "%")],
    });

    /// <summary>The upsize chg-up1 (D4s_v5 → D8s_v5, +140.16 USD/month), rolled back on 20 Nov 2026 at 02:00 UTC.</summary>
    private static ChangeRecord RolledBackUpsize(ChangeState state = ChangeState.RolledBack)
    {
        var earlier = Change(Vm, state, new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero), "chg-up1");
        var up = Recommendation(Vm, direction: Direction.Up);
        return earlier with
        {
            Plan = earlier.Plan with { Baseline = up.Current, Stages = [earlier.Plan.Stages[0] with { Target = up.Target }], EstimatedMonthlySavings = -140.16m },
            Outcome = "rolled back: upsize ineffective: cpu p95 93 > 85 (limit) on Standard_D8s_v5 30 min after settle",
        };
    }

    [Fact]
    public void Plan_UpsizeAfterIneffectiveUpsize_HeldNamingTheChangeAndItsReason()
    {
        // Rolled back 20 Nov 02:00 + 60 d = 19 Jan 2027 02:00; the pass runs 24 Nov.
        var decision = Assert.Single(Planner.Plan(Input(AutoPolicy(), [HotUpsize()], latest: [RolledBackUpsize()])).Decisions);

        Assert.Equal((DecisionOutcome.Recommended, SkipReasons.IneffectiveUpsizeCode), (decision.Outcome, decision.ReasonCode));
        Assert.Equal("earlier upsize chg-up1 to Standard_D8s_v5 was rolled back (rolled back: upsize ineffective: cpu p95 93 > 85 (limit) "
            + "on Standard_D8s_v5 30 min after settle); no upsize until 2027-01-19 02:00Z", decision.Message);
    }

    [Theory]
    [InlineData(40, SkipReasons.IneffectiveUpsizeCode)] // 31 Dec: past the 30 d rollback rest, inside the 60 d upsize rest
    [InlineData(61, "")] // 20 Jan 2027: past both, planned
    public void Plan_UpsizeLater_HeldUntilTheIneffectiveUpsizeRestEnds(int days, string code)
    {
        var now = new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero).AddDays(days);

        var decision = Assert.Single(Planner.Plan(Input(AutoPolicy(), [HotUpsize()], latest: [RolledBackUpsize()], now: now)).Decisions);

        Assert.Equal(code, decision.ReasonCode);
    }

    [Fact]
    public void Plan_DownsizeAfterIneffectiveUpsize_FollowsTheRollbackCooldownOnly()
    {
        var now = new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero).AddDays(31);

        var decision = Assert.Single(Planner.Plan(Input(AutoPolicy(), [Recommend(Vm)], latest: [RolledBackUpsize()], now: now)).Decisions);

        Assert.Equal(DecisionOutcome.Planned, decision.Outcome);
    }

    [Fact]
    public void Plan_Upsize_PlanCarriesTheReliefGuardAfterTheKindGuards()
    {
        var plan = Assert.Single(Planner.Plan(Input(AutoPolicy(), [HotUpsize()])).Plans);

        var kind = KindPolicy.Defaults(Optimize.Model.ResourceKind.VirtualMachine);
        Assert.Equal([.. kind.Guards, new GuardSpec(MetricNames.Cpu, "p95", AbsoluteMax: 85)], plan.Guards);
    }

    [Fact]
    public void Policy_IneffectiveUpsizeRestShorterThanRollbackRest_ErrorWithPath()
    {
        var error = Assert.Single(PolicyAssert.Invalid(PolicyLoader.Load("""{ "version": 1, "cooldowns": { "afterIneffectiveUpsize": "10d" } }""")));

        Assert.Equal("/cooldowns/afterIneffectiveUpsize", error.Path);
        Assert.Equal("10d must be at least afterRollback (30d)", error.Message);
    }
}
