using System.Collections.Concurrent;
using System.Collections.Frozen;
using Optimize.Catalog;
using Optimize.Model;
using Optimize.Simulator.Workloads;

namespace Optimize.Simulator.Fleet;

/// <summary>
/// Decides, from (seed, index) alone, what resource sits at an index: kind (a repeating block of 12), place (subscription,
/// group, region), tags, scenario, size and workload. Holds only per-(kind, region) candidate lists.
/// </summary>
internal sealed partial class FleetLayout : IResourceLayout
{
    /// <summary>The subscriptions of the simulated tenant.</summary>
    public static readonly IReadOnlyList<string> Subscriptions =
    [
        "8f2d6c1e-4b7a-4e2d-9c31-5a0e7b9d2f11",
        "3a9c0d47-1e6b-4f58-8d2a-b7c4e9f01a22",
        "c5e71b93-7d24-4a6f-b1e8-29d0f4a6c833",
    ];

    /// <summary>The size the catalog does not know.</summary>
    public const string UnknownVmSize = "Standard_X99_v9";

    private const int BlockSize = 12;

    // Kind of each position in a block; positions 4 and 7 are autoscale settings scaling positions 3 and 6.
    private static readonly ResourceKind[] BlockKinds =
    [
        ResourceKind.VirtualMachine, ResourceKind.AppServicePlan, ResourceKind.FunctionApp, ResourceKind.ScaleSet,
        ResourceKind.AutoscaleSetting, ResourceKind.VirtualMachine, ResourceKind.AppServicePlan, ResourceKind.AutoscaleSetting,
        ResourceKind.VirtualMachine, ResourceKind.FunctionApp, ResourceKind.ScaleSet, ResourceKind.VirtualMachine,
    ];

    // The designed scenarios of the first 30 resources (targets of autoscale settings are right-sized per instance). One
    // resource of each changeable kind regresses after a downsize: the plan at 1, the autoscale
    // setting at 16 (scaling the scale set at 15), the VM at 20, the scale set at 10, the Flex app at 26.
    private static readonly FleetScenario[] FirstScenarios =
    [
        FleetScenario.OverProvisioned, FleetScenario.RegressesAfterDownsize, FleetScenario.OverProvisioned, FleetScenario.RightSized,
        FleetScenario.FlappingAutoscale, FleetScenario.UnderProvisioned, FleetScenario.RightSized, FleetScenario.OverProvisioned,
        FleetScenario.UnknownSku, FleetScenario.BadData, FleetScenario.RegressesAfterDownsize, FleetScenario.OverProvisioned,
        FleetScenario.OverProvisioned, FleetScenario.OverProvisioned, FleetScenario.UnderProvisioned, FleetScenario.RightSized,
        FleetScenario.RegressesAfterDownsize, FleetScenario.BadData, FleetScenario.RightSized, FleetScenario.RightSized,
        FleetScenario.RegressesAfterDownsize, FleetScenario.OverProvisioned, FleetScenario.UnderProvisioned, FleetScenario.OverProvisioned,
        FleetScenario.OverProvisioned, FleetScenario.OverProvisioned, FleetScenario.RegressesAfterDownsize, FleetScenario.RightSized,
        FleetScenario.OverProvisioned, FleetScenario.RightSized,
    ];

    private static readonly string[][] Groups = [["rg-web-prod", "rg-data-prod"], ["rg-api-prod", "rg-batch-dev"], ["rg-shared-dev", "rg-test-dev"]];
    private static readonly string[] Roles = ["web", "api", "batch", "etl", "cache", "jobs", "orders", "search"];
    private static readonly string[] Teams = ["payments", "catalog", "platform", "analytics"];

    /// <summary>Every tag set a resource can have (env × team × opt-out), immutable and shared: a resource's tags cost
    /// nothing per resource, which keeps a 100,000-resource pass (whose advices hold every <see cref="ResourceRef"/>) small.
    /// Index: env (dev 0, prod 1) + 2 × team + (opt-out ? 2 × teams : 0).</summary>
    private static readonly IReadOnlyDictionary<string, string>[] TagSets =
    [
        .. from optOut in new[] { false, true }
           from team in Teams
           from env in new[] { "dev", "prod" }
           select TagSet(env, team, optOut),
    ];

    private readonly FleetOptions _options;
    private readonly ISkuCatalog _catalog;
    private readonly TraceSet? _trace;
    private readonly ulong _seed;
    private readonly ConcurrentDictionary<(ResourceKind, string), SkuSpec[][]> _families = new();

    public FleetLayout(FleetOptions options, ISkuCatalog catalog, TraceSet? trace)
    {
        _options = options;
        _catalog = catalog;
        _trace = trace;
        _seed = unchecked((ulong)options.Seed * 0x2545F4914F6CDD1DUL) + 17;
    }

    /// <summary>The kind at <paramref name="index"/>.</summary>
    public static ResourceKind KindAt(int index) => BlockKinds[index % BlockSize];

    /// <summary>The resource at <paramref name="index"/>, built afresh.</summary>
    public SimulatedResource Build(int index)
    {
        var kind = KindAt(index);
        var block = index / BlockSize;
        var sub = block % Subscriptions.Count;
        var group = Groups[sub][(block / Subscriptions.Count) % 2];
        var region = _options.Regions[(int)(DeterministicRandom.Hash(_seed, block, 1) % (ulong)_options.Regions.Count)];
        int? target = kind == ResourceKind.AutoscaleSetting ? index - 1 : null;
        int? governor = kind is ResourceKind.ScaleSet or ResourceKind.AppServicePlan
            && index + 1 < _options.ResourceCount && KindAt(index + 1) == ResourceKind.AutoscaleSetting ? index + 1 : null;
        var scenario = ScenarioAt(index, kind, governor is not null);
        var role = Roles[(int)(DeterministicRandom.Hash(_seed, index, 2) % (ulong)Roles.Length)];
        var name = $"{Prefix(kind)}-{role}-{index:D4}";
        var id = $"/subscriptions/{Subscriptions[sub]}/resourceGroups/{group}/providers/{ProviderType(kind)}/{name}";
        var prod = group.EndsWith("-prod", StringComparison.Ordinal);
        var team = (int)(DeterministicRandom.Hash(_seed, index, 3) % (ulong)Teams.Length);
        var optOut = index is 11 or 25 || (index >= FirstScenarios.Length && Unit(index, 4) < 0.04);
        var tags = TagSets[(prod ? 1 : 0) + (team * 2) + (optOut ? Teams.Length * 2 : 0)];
        var resource = new ResourceRef(id, kind, region, tags);
        return kind switch
        {
            ResourceKind.VirtualMachine => BuildVm(index, resource, scenario),
            ResourceKind.ScaleSet => BuildScaleSet(index, resource, scenario, governor),
            ResourceKind.AppServicePlan => BuildPlan(index, resource, scenario, governor),
            ResourceKind.FunctionApp => BuildFunction(index, resource, scenario),
            _ => BuildAutoscale(index, resource, scenario, target!.Value),
        };
    }

    private static FrozenDictionary<string, string> TagSet(string env, string team, bool optOut)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["env"] = env, ["team"] = team };
        if (optOut)
        {
            tags["optimize-opt-out"] = "true";
        }

        return tags.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Parses the index from a resource id of this fleet, or -1.</summary>
    public static int IndexOf(string resourceId)
    {
        var dash = resourceId.LastIndexOf('-');
        return dash >= 0 && int.TryParse(resourceId.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : -1;
    }

    private FleetScenario ScenarioAt(int index, ResourceKind kind, bool governed)
    {
        if (governed)
        {
            return FleetScenario.RightSized;
        }

        if (index < FirstScenarios.Length)
        {
            return FirstScenarios[index];
        }

        var u = Unit(index, 5);
        return kind switch
        {
            ResourceKind.AutoscaleSetting => u < 0.5 ? FleetScenario.OverProvisioned : u < 0.85 ? FleetScenario.RightSized : FleetScenario.FlappingAutoscale,
            _ when u < 0.62 => FleetScenario.OverProvisioned,
            _ when u < 0.84 => FleetScenario.RightSized,
            _ when u < 0.90 => FleetScenario.UnderProvisioned,
            _ when u < 0.95 => FleetScenario.BadData,
            ResourceKind.VirtualMachine => FleetScenario.UnknownSku,
            ResourceKind.AppServicePlan => FleetScenario.RegressesAfterDownsize,
            _ => FleetScenario.OverProvisioned,
        };
    }

    private double Unit(int index, long facet) => DeterministicRandom.Unit(_seed, index, facet);

    private double Between(int index, long facet, double min, double max) => DeterministicRandom.Between(_seed, index, facet, min, max);

    private static string Prefix(ResourceKind kind) => kind switch
    {
        ResourceKind.VirtualMachine => "vm",
        ResourceKind.ScaleSet => "vmss",
        ResourceKind.AppServicePlan => "plan",
        ResourceKind.FunctionApp => "func",
        _ => "autoscale",
    };

    private static string ProviderType(ResourceKind kind) => kind switch
    {
        ResourceKind.VirtualMachine => "Microsoft.Compute/virtualMachines",
        ResourceKind.ScaleSet => "Microsoft.Compute/virtualMachineScaleSets",
        ResourceKind.AppServicePlan => "Microsoft.Web/serverfarms",
        ResourceKind.FunctionApp => "Microsoft.Web/sites",
        _ => "Microsoft.Insights/autoscalesettings",
    };
}
