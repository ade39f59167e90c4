using Optimize.Catalog;
using Optimize.Model;
using Optimize.Simulator.Workloads;

namespace Optimize.Simulator.Fleet;

/// <summary>
/// One resource of the simulated world as generated: a pure function of (seed, index), rebuilt on demand and never
/// stored, so a fleet of any size holds no per-resource objects until a resource is changed.
/// </summary>
public sealed class SimulatedResource
{
    internal SimulatedResource(
        int index,
        ResourceRef resource,
        ResourceConfig initialConfig,
        FleetScenario scenario,
        WorkloadModel? workload,
        int? targetIndex,
        int? governorIndex,
        double baseLatencyMs,
        double baseErrorPercent,
        SkuSpec? hiddenSpec)
    {
        Index = index;
        Resource = resource;
        InitialConfig = initialConfig;
        Scenario = scenario;
        Workload = workload;
        TargetIndex = targetIndex;
        GovernorIndex = governorIndex;
        BaseLatencyMs = baseLatencyMs;
        BaseErrorPercent = baseErrorPercent;
        HiddenSpec = hiddenSpec;
    }

    /// <summary>Position in the fleet, 0-based (also the numeric suffix of the name).</summary>
    public int Index { get; }

    /// <summary>The resource as the engine sees it.</summary>
    public ResourceRef Resource { get; }

    /// <summary>The configuration it was generated with (before any write).</summary>
    public ResourceConfig InitialConfig { get; }

    /// <summary>What it was designed to show.</summary>
    public FleetScenario Scenario { get; }

    /// <summary>Its demand; null for an autoscale setting (it has none of its own).</summary>
    public WorkloadModel? Workload { get; }

    /// <summary>For an autoscale setting: the index of the plan or scale set it scales.</summary>
    public int? TargetIndex { get; }

    /// <summary>For a plan or scale set governed by an autoscale setting: that setting's index.</summary>
    public int? GovernorIndex { get; }

    /// <summary>Response time at no load, milliseconds.</summary>
    internal double BaseLatencyMs { get; }

    /// <summary>Error share at no load, percent.</summary>
    internal double BaseErrorPercent { get; }

    /// <summary>The true spec of an unknown size (the catalog does not know it; the world does).</summary>
    internal SkuSpec? HiddenSpec { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Resource.Id} [{Scenario}] {InitialConfig.Describe()}";
}
