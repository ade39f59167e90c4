using Optimize.Changes;
using Optimize.Journal;
using Optimize.Model;
using Optimize.Planning;
using Optimize.Policy;
using Optimize.Recommendations;
using static Optimize.Core.Tests.Planning.PlanningTestData;

namespace Optimize.Core.Tests.Planning;

public sealed partial class PlannerTests
{
    private static readonly ResourceRef Target = Resource(name: "target");
    private static readonly ResourceRef Other = Resource(name: "other");

    [Theory]
    [InlineData("all clear", DecisionOutcome.Planned, "")]
    [InlineData("out of scope", DecisionOutcome.Skipped, SkipReasons.OutOfScopeCode)]
    [InlineData("scope mode off", DecisionOutcome.Skipped, SkipReasons.ModeOffCode)]
    [InlineData("default mode off", DecisionOutcome.Skipped, SkipReasons.ModeOffCode)]
    [InlineData("mode off beats advisor skip", DecisionOutcome.Skipped, SkipReasons.ModeOffCode)]
    [InlineData("kind disabled", DecisionOutcome.Skipped, SkipReasons.KindDisabledCode)]
    [InlineData("opt-out tag", DecisionOutcome.Skipped, SkipReasons.OptOutCode)]
    [InlineData("opt-out tag with value false", DecisionOutcome.Planned, "")]
    [InlineData("opt-out beats advisor skip", DecisionOutcome.Skipped, SkipReasons.OptOutCode)]
    [InlineData("advisor skip passes through", DecisionOutcome.Skipped, SkipReasons.RightSizedCode)]
    [InlineData("below minimum savings", DecisionOutcome.Skipped, SkipReasons.BelowMinimumSavingsCode)]
    [InlineData("retune never blocked by savings", DecisionOutcome.Planned, "")]
    [InlineData("scale-up never blocked by savings", DecisionOutcome.Planned, "")]
    [InlineData("below minimum beats recommend mode", DecisionOutcome.Skipped, SkipReasons.BelowMinimumSavingsCode)]
    [InlineData("recommend mode", DecisionOutcome.Recommended, SkipReasons.RecommendOnlyCode)]
    [InlineData("opt-in required and missing", DecisionOutcome.Recommended, SkipReasons.NotOptedInCode)]
    [InlineData("opt-in required and present", DecisionOutcome.Planned, "")]
    [InlineData("change active on the resource", DecisionOutcome.Recommended, SkipReasons.InFlightCode)]
    [InlineData("latest change still active", DecisionOutcome.Recommended, SkipReasons.InFlightCode)]
    [InlineData("cooldown after promoted change", DecisionOutcome.Recommended, SkipReasons.CooldownCode)]
    [InlineData("cooldown after change over", DecisionOutcome.Planned, "")]
    [InlineData("cooldown after rollback", DecisionOutcome.Recommended, SkipReasons.CooldownCode)]
    [InlineData("cooldown after failed rollback", DecisionOutcome.Recommended, SkipReasons.CooldownCode)]
    [InlineData("rejected change leaves no cooldown", DecisionOutcome.Planned, "")]
    [InlineData("outside change window", DecisionOutcome.Recommended, SkipReasons.OutsideWindowCode)]
    [InlineData("inside change window", DecisionOutcome.Planned, "")]
    [InlineData("in-flight limit reached", DecisionOutcome.Recommended, SkipReasons.InFlightLimitCode)]
    [InlineData("pass limit reached", DecisionOutcome.Recommended, SkipReasons.PassLimitCode)]
    [InlineData("approve mode", DecisionOutcome.Planned, "")]
    public void Plan_Guardrail_DecidesWithReason(string @case, DecisionOutcome outcome, string code)
    {
        var input = Scenario(@case);

        var result = Planner.Plan(input);

        var decision = result.Decisions[^1];
        Assert.Equal(Target.Id, decision.ResourceId);
        Assert.Equal((outcome, code), (decision.Outcome, decision.ReasonCode));
        Assert.Equal(outcome == DecisionOutcome.Planned, result.Plans.Any(p => p.Resource.Equals(Target)));
        Assert.Equal(outcome == DecisionOutcome.Planned ? Planner.ChangeIdFor(PassId, Target.Id) : null, decision.ChangeId);
    }

    private static PlannerInput Scenario(string @case)
    {
        var auto = AutoPolicy();
        var advice = Recommend(Target);
        var rightSized = Advice.NoChange(Target, SkipReasons.RightSized("cpu p95 55% within target"));
        var window = new ChangeWindow { Start = new(1, 0), End = new(6, 0), TimeZone = "UTC" };
        return @case switch
        {
            "all clear" => Input(auto, [advice]),
            "out of scope" => Input(auto with { Scopes = [new PolicyScope { ResourceGroups = ["rg-prod-*"] }] }, [advice]),
            "scope mode off" => Input(auto with { Scopes = [new PolicyScope { Mode = ChangeMode.Off }] }, [advice]),
            "default mode off" => Input(auto with { DefaultMode = ChangeMode.Off }, [advice]),
            "mode off beats advisor skip" => Input(auto with { DefaultMode = ChangeMode.Off }, [rightSized]),
            "kind disabled" => Input(auto with { Kinds = new KindPolicies { VirtualMachine = new KindPolicy { Enabled = false } } }, [advice]),
            "opt-out tag" => Input(auto, [Recommend(Resource(name: "target", tags: Tags("Optimize-Opt-Out=yes")))]),
            "opt-out tag with value false" => Input(auto, [Recommend(Resource(name: "target", tags: Tags("optimize-opt-out=False")))]),
            "opt-out beats advisor skip" => Input(auto, [Advice.NoChange(Resource(name: "target", tags: Tags("optimize-opt-out=true")), SkipReasons.NoData("cpu"))]),
            "advisor skip passes through" => Input(auto, [rightSized]),
            "below minimum savings" => Input(auto, [Recommend(Target, savings: 4.2m)]),
            "retune never blocked by savings" => Input(auto, [Recommend(Target, savings: 0m, direction: Direction.Retune)]),
            "scale-up never blocked by savings" => Input(auto, [Recommend(Target, savings: -80m, direction: Direction.Up)]),
            "below minimum beats recommend mode" => Input(auto with { DefaultMode = ChangeMode.Recommend }, [Recommend(Target, savings: 1m)]),
            "recommend mode" => Input(auto with { DefaultMode = ChangeMode.Recommend }, [advice]),
            "opt-in required and missing" => Input(auto with { Tags = new TagPolicy { RequireOptIn = true } }, [advice]),
            "opt-in required and present" => Input(auto with { Tags = new TagPolicy { RequireOptIn = true } }, [Recommend(Resource(name: "target", tags: Tags("optimize-opt-in=true")))]),
            "change active on the resource" => Input(auto, [advice], active: [Change(Target, ChangeState.Observing, Now.AddHours(-1))]),
            "latest change still active" => Input(auto, [advice], latest: [Change(Target, ChangeState.AwaitingApproval, Now.AddHours(-1))]),
            "cooldown after promoted change" => Input(auto, [advice], latest: [Change(Target, ChangeState.Promoted, Now.AddDays(-2))]),
            "cooldown after change over" => Input(auto, [advice], latest: [Change(Target, ChangeState.Promoted, Now.AddDays(-8))]),
            "cooldown after rollback" => Input(auto, [advice], latest: [Change(Target, ChangeState.RolledBack, Now.AddDays(-10))]),
            "cooldown after failed rollback" => Input(auto, [advice], latest: [Change(Target, ChangeState.RollbackFailed, Now.AddDays(-29))]),
            "rejected change leaves no cooldown" => Input(auto, [advice], latest: [Change(Target, ChangeState.Rejected, Now.AddHours(-1))]),
            "outside change window" => Input(auto with { ChangeWindows = [window] }, [advice], now: Now.AddHours(10)),
            "inside change window" => Input(auto with { ChangeWindows = [window] }, [advice]),
            "in-flight limit reached" => Input(auto with { Limits = new LimitPolicy { MaxInFlight = 2 } }, [Recommend(Other, 200m), advice],
                active: [Change(Resource(name: "third"), ChangeState.Applying, Now.AddHours(-1))]),
            "pass limit reached" => Input(auto with { Limits = new LimitPolicy { MaxChangesPerPass = 1 } }, [Recommend(Other, 200m), advice]),
            "approve mode" => Input(auto with { DefaultMode = ChangeMode.Approve }, [advice]),
            _ => throw new ArgumentOutOfRangeException(nameof(@case), @case, "Unknown scenario."),
        };
    }
}
