using Optimize.Changes;
using Optimize.Model;
using Optimize.Planning;
using Optimize.Policy;
using Optimize.Recommendations;

namespace Optimize.Core.Tests.Planning;

/// <summary>Builders with safe defaults for planner tests: an auto policy with no windows, a Tuesday 02:00 UTC pass.</summary>
internal static class PlanningTestData
{
    public const string PassId = "pass-20261124T020000Z-test";
    public const string Subscription = "00000000-0000-0000-0000-000000000001";

    /// <summary>Tuesday 24 November 2026, 02:00 UTC: inside the default 01:00–06:00 UTC window.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    public static ResourceRef Resource(
        ResourceKind kind = ResourceKind.VirtualMachine,
        string group = "rg-app",
        string name = "res1",
        IReadOnlyDictionary<string, string>? tags = null,
        string subscription = Subscription)
    {
        var type = kind switch
        {
            ResourceKind.FunctionApp => "Microsoft.Web/sites",
            ResourceKind.AppServicePlan => "Microsoft.Web/serverfarms",
            ResourceKind.VirtualMachine => "Microsoft.Compute/virtualMachines",
            ResourceKind.ScaleSet => "Microsoft.Compute/virtualMachineScaleSets",
            _ => "Microsoft.Insights/autoscalesettings",
        };
        return new ResourceRef($"/subscriptions/{subscription}/resourceGroups/{group}/providers/{type}/{name}", kind, "westeurope", tags);
    }

    public static Dictionary<string, string> Tags(params string[] pairs) =>
        pairs.Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);

    /// <summary>A current and a smaller target configuration of the kind.</summary>
    public static (ResourceConfig Current, ResourceConfig Target) Configs(ResourceKind kind) => kind switch
    {
        ResourceKind.FunctionApp => (new FunctionAppConfig(4096, 100), new FunctionAppConfig(2048, 100)),
        ResourceKind.AppServicePlan => (new AppServicePlanConfig("P2v3", 3), new AppServicePlanConfig("P1v3", 3)),
        ResourceKind.VirtualMachine => (new VmConfig("Standard_D8s_v5"), new VmConfig("Standard_D4s_v5")),
        ResourceKind.ScaleSet => (new ScaleSetConfig("Standard_D4s_v5", 6), new ScaleSetConfig("Standard_D4s_v5", 4)),
        _ => (new AutoscaleConfig("/subscriptions/x/resourceGroups/y/providers/Microsoft.Web/serverfarms/z", 2, 10, 2, 70, 30),
              new AutoscaleConfig("/subscriptions/x/resourceGroups/y/providers/Microsoft.Web/serverfarms/z", 1, 10, 1, 70, 30)),
    };

    public static Recommendation Recommendation(ResourceRef resource, decimal savings = 100m, Direction direction = Direction.Down, int stages = 1)
    {
        var (current, target) = Configs(resource.Kind);
        if (direction == Direction.Up)
        {
            (current, target) = (target, current);
        }

        IReadOnlyList<ResourceConfig> steps = [.. Enumerable.Repeat(target, stages)];
        return new Recommendation(resource, current, target, direction, $"rationale for {resource.Name}",
            [new EvidenceItem("cpu.p95", 23.4, "%")], savings, "USD", steps);
    }

    public static Advice Recommend(ResourceRef resource, decimal savings = 100m, Direction direction = Direction.Down, int stages = 1) =>
        Advice.Recommend(Recommendation(resource, savings, direction, stages));

    /// <summary>Auto everywhere, no change windows (always open), default limits and cooldowns.</summary>
    public static OptimizePolicy AutoPolicy() => new() { DefaultMode = ChangeMode.Auto, ChangeWindows = [] };

    public static ChangeRecord Change(ResourceRef resource, ChangeState state, DateTimeOffset updatedAt, string changeId = "chg-earlier")
    {
        var recommendation = Recommendation(resource);
        var plan = new ChangePlan(changeId, "pass-earlier", resource, recommendation.Current,
            [new ChangeStage(0, recommendation.Target, TimeSpan.FromMinutes(15), TimeSpan.FromHours(4), TimeSpan.FromMinutes(30))],
            false, TimeSpan.FromHours(24), [], TimeSpan.FromDays(7), 100m, "USD", "earlier");
        return new ChangeRecord(changeId, plan, state, 0, null, updatedAt - TimeSpan.FromHours(6), updatedAt, state.ToString());
    }

    public static PlannerInput Input(
        OptimizePolicy policy,
        IReadOnlyList<Advice> advices,
        IReadOnlyList<ChangeRecord>? active = null,
        IReadOnlyList<ChangeRecord>? latest = null,
        DateTimeOffset? now = null) =>
        new(PassId, now ?? Now, policy, advices, active ?? [],
            (latest ?? []).ToDictionary(c => c.Resource.Id, c => c));
}
