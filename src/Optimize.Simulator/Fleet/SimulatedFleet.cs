using Optimize.Catalog;
using Optimize.Model;
using Optimize.Simulator.Workloads;

namespace Optimize.Simulator.Fleet;

/// <summary>
/// The simulated world: a fleet of resources of the five kinds, generated lazily from a seed, whose metrics are computed on
/// the fly from (seed, resource, time, configuration history). Only resources that were written to hold state (their
/// history). Thread-safe. Create with <see cref="FleetGenerator.Generate"/>; the engine reaches it only through Azure's REST
/// surface, served by the emulator (Optimize.Emulator) and read and written by the production adapters.
/// </summary>
public sealed partial class SimulatedFleet
{
    private readonly IResourceLayout _layout;

    internal SimulatedFleet(FleetOptions options, ISkuCatalog catalog, TraceSet? trace)
        : this(options, catalog, trace, null)
    {
    }

    /// <summary>A fleet whose resources come from <paramref name="layout"/> (the generated layout when null).</summary>
    internal SimulatedFleet(FleetOptions options, ISkuCatalog catalog, TraceSet? trace, IResourceLayout? layout)
    {
        Options = options;
        Catalog = catalog;
        Trace = trace;
        Seed = unchecked((ulong)options.Seed) ^ 0xA5A5_5A5A_C3C3_3C3CUL;
        _layout = layout ?? new FleetLayout(options, catalog, trace);
    }

    /// <summary>The options it was generated with.</summary>
    public FleetOptions Options { get; }

    /// <summary>The catalog sizes come from (also used to validate writes).</summary>
    public ISkuCatalog Catalog { get; }

    /// <summary>The replayed trace, when <see cref="FleetOptions.TracePath"/> was set.</summary>
    public TraceSet? Trace { get; }

    /// <summary>Number of resources.</summary>
    public int Count => Options.ResourceCount;

    /// <summary>The subscription ids resources live in.</summary>
    public IReadOnlyList<string> Subscriptions => FleetLayout.Subscriptions;

    /// <summary>Resources holding state (a configuration history): zero until something is written. For memory checks.</summary>
    public int StatefulResourceCount => _states.Count;

    internal ulong Seed { get; }

    /// <summary>The resource at <paramref name="index"/>, generated afresh (cheap, nothing retained).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside [0, <see cref="Count"/>).</exception>
    public SimulatedResource this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _layout.Build(index);
        }
    }

    /// <summary>Every resource, generated lazily as enumerated.</summary>
    public IEnumerable<SimulatedResource> Resources
    {
        get
        {
            for (var i = 0; i < Count; i++)
            {
                yield return _layout.Build(i);
            }
        }
    }

    /// <summary>The resource with this ARM id (case-insensitive), or null when it is not in the fleet.</summary>
    public SimulatedResource? Find(string resourceId)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        var index = FleetLayout.IndexOf(resourceId);
        if (index < 0 || index >= Count)
        {
            return null;
        }

        var candidate = _layout.Build(index);
        return string.Equals(candidate.Resource.Id, resourceId, StringComparison.OrdinalIgnoreCase) ? candidate : null;
    }

    /// <summary>The resources designed to show <paramref name="scenario"/> (a lazy scan of the fleet).</summary>
    /// <remarks>The resources designed to roll back after a downsize: <c>WithScenario(FleetScenario.RegressesAfterDownsize)</c>
    /// (index 1 when the fleet has at least 2 resources).</remarks>
    public IEnumerable<SimulatedResource> WithScenario(FleetScenario scenario) => Resources.Where(r => r.Scenario == scenario);

    /// <summary>The configuration in force at <paramref name="at"/> (the initial one before any write).</summary>
    /// <remarks>For a plan or scale set governed by an autoscale setting (<see cref="SimulatedResource.GovernorIndex"/>), the
    /// running instance count (metric <c>instances</c>) follows the setting; the configuration keeps its stored count.</remarks>
    public ResourceConfig ConfigAt(SimulatedResource resource, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new ConfigTimeline(resource, Changes(resource)).At(at);
    }

    /// <summary>The writes recorded for <paramref name="resource"/>, oldest first.</summary>
    public IReadOnlyList<ConfigChange> History(SimulatedResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Changes(resource);
    }

    /// <summary>The spec of the size in <paramref name="config"/>, or null when neither the catalog nor the world knows it.</summary>
    internal SkuSpec? SpecOf(SimulatedResource resource, ResourceConfig config)
    {
        var spec = config switch
        {
            VmConfig vm => Catalog.Find(ResourceKind.VirtualMachine, vm.Size),
            ScaleSetConfig ss => Catalog.Find(ResourceKind.ScaleSet, ss.Sku) ?? Catalog.Find(ResourceKind.VirtualMachine, ss.Sku),
            AppServicePlanConfig plan => Catalog.Find(ResourceKind.AppServicePlan, plan.Sku),
            FunctionAppConfig fn => Catalog.Find(ResourceKind.FunctionApp, $"FC-{fn.InstanceMemoryMb}"),
            _ => null,
        };
        var name = config switch
        {
            VmConfig vm => vm.Size,
            ScaleSetConfig ss => ss.Sku,
            AppServicePlanConfig plan => plan.Sku,
            _ => null,
        };
        return spec is not null ? Usable(spec)
            : resource.HiddenSpec is { } hidden && string.Equals(hidden.Name, name, StringComparison.OrdinalIgnoreCase) ? hidden : null;
    }

    /// <summary>
    /// A catalog spec the capacity model can use: a Flex Consumption size listed without vCPUs gets one vCPU per 2 GiB of
    /// instance memory (512 MB → 0.25, 2048 → 1, 4096 → 2), and without memory gets it from its <c>FC-&lt;MB&gt;</c> name.
    /// </summary>
    internal static SkuSpec Usable(SkuSpec spec)
    {
        if (spec.Kind != ResourceKind.FunctionApp || (spec.VCpus > 0 && spec.MemoryGb > 0))
        {
            return spec;
        }

        var memoryGb = spec.MemoryGb > 0 ? spec.MemoryGb : FleetLayout.MemoryMb(spec) / 1024.0;
        return spec with { MemoryGb = memoryGb, VCpus = spec.VCpus > 0 ? spec.VCpus : memoryGb / 2 };
    }
}
