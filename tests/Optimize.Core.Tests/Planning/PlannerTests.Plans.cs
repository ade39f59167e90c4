using Optimize.Changes;
using Optimize.Guards;
using Optimize.Journal;
using Optimize.Model;
using Optimize.Planning;
using Optimize.Policy;
using Optimize.Recommendations;
using static Optimize.Core.Tests.Planning.PlanningTestData;

namespace Optimize.Core.Tests.Planning;

public sealed partial class PlannerTests
{
    [Theory]
    [InlineData(ApprovalTimeoutAction.Reject, false)]
    [InlineData(ApprovalTimeoutAction.KeepWaiting, true)]
    public void Plan_ApprovalOnTimeout_CarriedIntoThePlan(ApprovalTimeoutAction action, bool keepWaiting)
    {
        var policy = AutoPolicy() with { DefaultMode = ChangeMode.Approve, Approval = new ApprovalPolicy { OnTimeout = action } };

        var plan = Assert.Single(Planner.Plan(Input(policy, [Advice.Recommend(Recommendation(Target, savings: 140m, stages: 1))])).Plans);

        Assert.Equal(keepWaiting, plan.KeepWaitingForApproval);
    }

    [Fact]
    public void Plan_PlannedVm_BuildsPlanFromRecommendationAndKindPolicy()
    {
        var timing = new StageTiming { Settle = TimeSpan.FromMinutes(5), Observe = TimeSpan.FromHours(2), CheckEvery = TimeSpan.FromMinutes(20), BaselineWindow = TimeSpan.FromDays(3) };
        GuardSpec[] guards = [new GuardSpec("cpu", "p95", AbsoluteMax: 80)];
        var policy = AutoPolicy() with
        {
            DefaultMode = ChangeMode.Approve,
            Approval = new ApprovalPolicy { Timeout = TimeSpan.FromHours(8) },
            Kinds = new KindPolicies { VirtualMachine = new KindPolicy { Stages = timing, Guards = guards, AllowDeallocation = true } },
        };
        var recommendation = Recommendation(Target, savings: 140m, stages: 2);

        var result = Planner.Plan(Input(policy, [Advice.Recommend(recommendation)]));

        var plan = Assert.Single(result.Plans);
        Assert.Equal(Planner.ChangeIdFor(PassId, Target.Id), plan.ChangeId);
        Assert.Matches("^chg-[0-9a-f]{16}$", plan.ChangeId);
        Assert.Equal(PassId, plan.PassId);
        Assert.Equal(Target, plan.Resource);
        Assert.Equal(recommendation.Current, plan.Baseline);
        Assert.Equal([0, 1], plan.Stages.Select(s => s.Index));
        Assert.All(plan.Stages, s => Assert.Equal((timing.Settle, timing.Observe, timing.CheckEvery, true), (s.Settle, s.Observe, s.CheckEvery, s.AllowDeallocation)));
        Assert.Equal(recommendation.Target, plan.FinalTarget);
        Assert.True(plan.RequiresApproval);
        Assert.Equal(TimeSpan.FromHours(8), plan.ApprovalTimeout);
        Assert.Equal(guards, plan.Guards);
        Assert.Equal(TimeSpan.FromDays(3), plan.BaselineWindow);
        Assert.Equal((140m, "USD", recommendation.Rationale), (plan.EstimatedMonthlySavings, plan.Currency, plan.Rationale));

        var decision = Assert.Single(result.Decisions);
        Assert.Equal(new DecisionRecord(PassId, Target.Id, ResourceKind.VirtualMachine, DecisionOutcome.Planned, string.Empty, recommendation.Rationale,
            recommendation.Current, recommendation.Target, 140m, recommendation.Evidence, plan.ChangeId), decision);
    }

    [Fact]
    public void Plan_VmWithoutDeallocationAllowance_StagesMayNotDeallocate()
    {
        // The default policy never restarts a VM to resize it: that needs kinds.virtualMachine.allowDeallocation.
        var plan = Assert.Single(Planner.Plan(Input(AutoPolicy(), [Recommend(Target)])).Plans);

        Assert.Equal(ResourceKind.VirtualMachine, plan.Resource.Kind);
        Assert.All(plan.Stages, s => Assert.False(s.AllowDeallocation));
    }

    [Theory]
    [InlineData(ResourceKind.FunctionApp)]
    [InlineData(ResourceKind.AppServicePlan)]
    [InlineData(ResourceKind.ScaleSet)]
    [InlineData(ResourceKind.AutoscaleSetting)]
    public void Plan_NonVmKind_NoDeallocationAndKindGuards(ResourceKind kind)
    {
        var resource = Resource(kind);

        var plan = Assert.Single(Planner.Plan(Input(AutoPolicy(), [Recommend(resource)])).Plans);

        Assert.False(plan.RequiresApproval);
        Assert.All(plan.Stages, s => Assert.False(s.AllowDeallocation));
        Assert.Equal(new OptimizePolicy().Kinds.For(kind).Guards, plan.Guards);
    }

    [Fact]
    public void Plan_Ranking_UpsFirstThenSavingsUnderPassLimit()
    {
        var small = Resource(name: "small");
        var large = Resource(name: "large");
        var medium = Resource(name: "medium");
        var hot = Resource(name: "hot");
        var policy = AutoPolicy() with { Limits = new LimitPolicy { MaxChangesPerPass = 2, MaxInFlight = 10 } };

        var result = Planner.Plan(Input(policy, [Recommend(small, 50m), Recommend(large, 300m), Recommend(medium, 120m), Recommend(hot, -40m, Direction.Up)]));

        // Two slots: the scale-up (safety first) and the largest saving.
        Assert.Equal([hot.Id, large.Id], result.Plans.Select(p => p.Resource.Id));
        Assert.Equal(
            [SkipReasons.PassLimitCode, string.Empty, SkipReasons.PassLimitCode, string.Empty],
            result.Decisions.Select(d => d.ReasonCode));
        Assert.Equal([small.Id, large.Id, medium.Id, hot.Id], result.Decisions.Select(d => d.ResourceId));
        Assert.Equal("pass limit of 2 changes reached", result.Decisions[0].Message);
    }

    [Fact]
    public void Plan_Ranking_InFlightLimitKeepsMostValuable()
    {
        // Two active changes elsewhere and a limit of 3: one slot left, for the 90/month saving.
        var policy = AutoPolicy() with { Limits = new LimitPolicy { MaxInFlight = 3 } };
        ChangeRecord[] active =
        [
            Change(Resource(name: "busy1"), ChangeState.Observing, Now.AddHours(-2), "chg-1"),
            Change(Resource(name: "busy2"), ChangeState.AwaitingApproval, Now.AddHours(-2), "chg-2"),
        ];

        var result = Planner.Plan(Input(policy, [Recommend(Resource(name: "a"), 30m), Recommend(Resource(name: "b"), 90m)], active));

        Assert.Equal("b", Assert.Single(result.Plans).Resource.Name);
        Assert.Equal((DecisionOutcome.Recommended, SkipReasons.InFlightLimitCode), (result.Decisions[0].Outcome, result.Decisions[0].ReasonCode));
        Assert.Equal("in-flight limit of 3 changes reached", result.Decisions[0].Message);
    }

    [Fact]
    public void Plan_SameResourceTwice_SecondWaitsForFirst()
    {
        var result = Planner.Plan(Input(AutoPolicy(), [Recommend(Target, 20m), Recommend(Target, 60m)]));

        var plan = Assert.Single(result.Plans);
        Assert.Equal(60m, plan.EstimatedMonthlySavings);
        Assert.Equal(SkipReasons.InFlight(plan.ChangeId).Message, result.Decisions[0].Message);
    }

    [Fact]
    public void Plan_OutsideWindowAcrossMidnightInAmsterdam_NamesNextOpening()
    {
        // Friday 22:00–04:00 Amsterdam (UTC+1 in November). Saturday 28 November 05:00 local (04:00Z) is closed; the
        // next opening is Friday 4 December 22:00 local = 21:00Z.
        var window = new ChangeWindow { Days = [DayOfWeek.Friday], Start = new(22, 0), End = new(4, 0), TimeZone = "Europe/Amsterdam" };
        var policy = AutoPolicy() with { ChangeWindows = [window] };

        var closed = Planner.Plan(Input(policy, [Recommend(Target)], now: new DateTimeOffset(2026, 11, 28, 4, 0, 0, TimeSpan.Zero)));
        var open = Planner.Plan(Input(policy, [Recommend(Target)], now: new DateTimeOffset(2026, 11, 28, 2, 30, 0, TimeSpan.Zero)));

        Assert.Equal(SkipReasons.OutsideWindow(new DateTimeOffset(2026, 12, 4, 21, 0, 0, TimeSpan.Zero)), new SkipReason(closed.Decisions[0].ReasonCode, closed.Decisions[0].Message));
        Assert.Equal("outside change window (next opens 2026-12-04 21:00Z)", closed.Decisions[0].Message);
        Assert.Equal(DecisionOutcome.Planned, Assert.Single(open.Decisions).Outcome);
    }

    [Theory]
    [InlineData("after change", ChangeState.Promoted, -2, "cooldown until 2026-11-29 02:00Z (after change)")]
    [InlineData("after rollback", ChangeState.RolledBack, -10, "cooldown until 2026-12-14 02:00Z (after rollback)")]
    public void Plan_Cooldown_MessageNamesUntilAndCause(string @case, ChangeState state, int daysAgo, string message)
    {
        // Default cooldowns: 7 days after a change, 30 after a rollback, counted from the record's last update.
        var result = Planner.Plan(Input(AutoPolicy(), [Recommend(Target)], latest: [Change(Target, state, Now.AddDays(daysAgo))]));

        Assert.Equal(message, result.Decisions[0].Message);
        Assert.NotEmpty(@case);
    }

    [Fact]
    public void Plan_Recommended_KeepsTargetAndSaving_SkippedDoesNot()
    {
        var policy = AutoPolicy() with { DefaultMode = ChangeMode.Recommend };
        var cheap = Resource(name: "cheap");

        var result = Planner.Plan(Input(policy, [Recommend(Target, 75m), Recommend(cheap, 3m)]));

        Assert.Empty(result.Plans);
        Assert.Equal((DecisionOutcome.Recommended, 75m), (result.Decisions[0].Outcome, result.Decisions[0].EstimatedMonthlySavings));
        Assert.NotNull(result.Decisions[0].Target);
        Assert.Equal("recommend-only in scope 'default'", result.Decisions[0].Message);
        Assert.Equal((DecisionOutcome.Skipped, 0m), (result.Decisions[1].Outcome, result.Decisions[1].EstimatedMonthlySavings));
        Assert.Null(result.Decisions[1].Target);
        Assert.Equal("saving 3.00 USD/month < minimum 10.00", result.Decisions[1].Message);
    }

    [Fact]
    public void Plan_SameInput_SameOutput()
    {
        var input = Input(AutoPolicy(), [Recommend(Target, 50m), Recommend(Other, 80m)]);

        var first = Planner.Plan(input);
        var second = Planner.Plan(input);

        Assert.Equal(first.Plans.Select(p => p.ChangeId), second.Plans.Select(p => p.ChangeId));
        Assert.Equal(first.Decisions, second.Decisions, (a, b) => a with { Evidence = [] } == b with { Evidence = [] });
        Assert.NotEqual(Planner.ChangeIdFor("pass-other", Target.Id), first.Plans.Single(p => p.Resource.Equals(Target)).ChangeId);
    }

    [Fact]
    public void Plan_NoAdvices_NothingDecided()
    {
        var result = Planner.Plan(Input(AutoPolicy(), []));

        Assert.Empty(result.Decisions);
        Assert.Empty(result.Plans);
    }

    [Fact]
    public void PlannerInput_TerminalActiveChange_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Input(AutoPolicy(), [], active: [Change(Target, ChangeState.Promoted, Now)]));

        Assert.Equal("activeChanges", e.ParamName);
    }
}
