using Optimize.Core.Tests.Policy;
using Optimize.Journal;
using Optimize.Planning;
using Optimize.Policy;
using Optimize.Recommendations;
using static Optimize.Core.Tests.Planning.PlanningTestData;

namespace Optimize.Core.Tests.Planning;

/// <summary>limits.maxMonthlyCostIncreasePerPass and limits.maxMonthlyCostIncreasePerResource, with worked numbers.</summary>
public sealed class PlannerCostCapTests
{
    private static Advice Upsize(string name, decimal cost, double cpuP95)
    {
        var rec = Recommendation(Resource(name: name), savings: -cost, direction: Direction.Up) with
        {
            Evidence = [new EvidenceItem("cpu.p95", cpuP95, "%"), new EvidenceItem("cpu.max", 100, "%"), new EvidenceItem("projected.cpu.p95", 45, "%")],
        };
        return Advice.Recommend(rec);
    }

    private static OptimizePolicy Capped(decimal? perPass = null, decimal? perResource = null) => AutoPolicy() with
    {
        Limits = new LimitPolicy { MaxMonthlyCostIncreasePerPass = perPass, MaxMonthlyCostIncreasePerResource = perResource },
    };

    [Fact]
    public void PerPassCap_AdmitsMostUrgentFirst_ThenWhatStillFits()
    {
        // Cap 500. Urgency order: a (p95 97 %, +300), b (p95 93 %, +250), c (p95 88 %, +150).
        // a: 0 + 300 ≤ 500 → planned; b: 300 + 250 = 550 > 500 → held; c: 300 + 150 = 450 ≤ 500 → planned.
        Advice[] advices = [Upsize("c", 150m, 88), Upsize("b", 250m, 93), Upsize("a", 300m, 97)];

        var result = Planner.Plan(Input(Capped(perPass: 500m), advices));

        Assert.Equal(["a", "c"], result.Plans.Select(p => p.Resource.Name));
        var held = Assert.Single(result.Decisions, d => d.Outcome == DecisionOutcome.Recommended);
        Assert.EndsWith("/b", held.ResourceId, StringComparison.Ordinal);
        Assert.Equal(SkipReasons.PassCostCapCode, held.ReasonCode);
        Assert.Equal("upsize adds 250.00 USD/month; 300.00 of the per-pass cap limits.maxMonthlyCostIncreasePerPass 500.00 already planned", held.Message);
    }

    [Fact]
    public void PerPassCap_DownsizesAreNotCounted()
    {
        // A 1,000 USD/month downsize does not use the upsize budget: the 400 upsize still fits in 500.
        Advice[] advices = [Recommend(Resource(name: "down"), savings: 1000m), Upsize("up", 400m, 95)];

        var result = Planner.Plan(Input(Capped(perPass: 500m), advices));

        Assert.Equal(2, result.Plans.Count);
    }

    [Fact]
    public void PerResourceCap_HoldsTheDearerUpsizeNamingTheCap()
    {
        Advice[] advices = [Upsize("dear", 300m, 99), Upsize("cheap", 200m, 90)];

        var result = Planner.Plan(Input(Capped(perResource: 200m), advices));

        Assert.Equal(["cheap"], result.Plans.Select(p => p.Resource.Name));
        var held = result.Decisions[0];
        Assert.Equal((DecisionOutcome.Recommended, SkipReasons.ResourceCostCapCode), (held.Outcome, held.ReasonCode));
        Assert.Equal("upsize adds 300.00 USD/month > per-resource cap limits.maxMonthlyCostIncreasePerResource 200.00", held.Message);
    }

    [Fact]
    public void NoCaps_EveryUpsizePlanned()
    {
        Advice[] advices = [Upsize("a", 3000m, 97), Upsize("b", 2500m, 93)];

        Assert.Equal(2, Planner.Plan(Input(AutoPolicy(), advices)).Plans.Count);
    }

    [Fact]
    public void Urgency_HighestObservedCpuOrMemoryStatistic_NotProjectedOrMax()
    {
        var rec = Recommendation(Resource(), savings: -10m, direction: Direction.Up) with
        {
            Evidence = [new("cpu.p95", 71, "%"), new("memory.p95", 92.5, "%"), new("cpu.max", 100, "%"), new("projected.memory.p95", 99, "%")],
        };

        Assert.Equal(92.5, Planner.Urgency(rec));
        Assert.Equal(10m, Planner.CostIncrease(rec));
    }

    [Theory]
    [InlineData("maxMonthlyCostIncreasePerPass")]
    [InlineData("maxMonthlyCostIncreasePerResource")]
    public void NegativeCap_IsAPolicyErrorWithItsPath(string field)
    {
        var error = Assert.Single(PolicyAssert.Invalid(PolicyLoader.Load($$"""{ "version": 1, "limits": { "{{field}}": -5 } }""")));

        Assert.Equal("/limits/" + field, error.Path);
        Assert.Contains("-5 is below the minimum 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Caps_LoadFromJson()
    {
        var policy = PolicyAssert.Valid(PolicyLoader.Load("""{ "version": 1, "limits": { "maxMonthlyCostIncreasePerPass": 500, "maxMonthlyCostIncreasePerResource": 120.5 } }"""));

        Assert.Equal((500m, 120.5m), (policy.Limits.MaxMonthlyCostIncreasePerPass, policy.Limits.MaxMonthlyCostIncreasePerResource));
        Assert.Null(PolicyLoader.Default.Limits.MaxMonthlyCostIncreasePerPass);
    }
}
