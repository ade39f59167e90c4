using System.Text.Json;
using Optimize.Changes;
using Optimize.Planning;
using Optimize.Policy;
using Optimize.Workflow.Runner;
using static Optimize.Core.Tests.Planning.PlanningTestData;

namespace Optimize.Core.Tests.Planning;

/// <summary>The planner hands the policy's change windows to the workflow, which waits for them before every apply.</summary>
public sealed partial class PlannerTests
{
    private static readonly ChangeWindow NightUtc = new();

    private static readonly ChangeWindow LateAmsterdam = new()
    {
        Days = [DayOfWeek.Monday, DayOfWeek.Tuesday],
        Start = new(22, 0),
        End = new(4, 0),
        TimeZone = "Europe/Amsterdam",
    };

    [Fact]
    public void Plan_PolicyWithWindows_PlanCarriesThePolicyWindows()
    {
        var policy = AutoPolicy() with { ChangeWindows = [NightUtc, LateAmsterdam] };

        var plan = Assert.Single(Planner.Plan(Input(policy, [Recommend(Target)])).Plans);

        Assert.Equal([NightUtc, LateAmsterdam], plan.ChangeWindows);
    }

    [Fact]
    public void Plan_PolicyWithoutWindows_PlanHasNoWindowsSoTheWorkflowNeverWaits()
    {
        var plan = Assert.Single(Planner.Plan(Input(AutoPolicy(), [Recommend(Target)])).Plans);

        Assert.Empty(plan.ChangeWindows);
    }

    [Fact]
    public void Plan_PlanWithWindows_WindowsSurviveTheWorkflowJsonRoundTrip()
    {
        var policy = AutoPolicy() with { ChangeWindows = [NightUtc, LateAmsterdam] };
        var plan = Assert.Single(Planner.Plan(Input(policy, [Recommend(Target)])).Plans);

        var json = JsonSerializer.Serialize(plan, WorkflowRunner.SerializerOptions);
        var back = JsonSerializer.Deserialize<ChangePlan>(json, WorkflowRunner.SerializerOptions)!;

        Assert.Equal(2, back.ChangeWindows.Count);
        Assert.Equal(LateAmsterdam.Days, back.ChangeWindows[1].Days);
        Assert.Equal((LateAmsterdam.Start, LateAmsterdam.End, LateAmsterdam.TimeZone), (back.ChangeWindows[1].Start, back.ChangeWindows[1].End, back.ChangeWindows[1].TimeZone));
    }
}
