using Optimize.Catalog;
using Optimize.Simulator.Workloads.Recorded;

namespace Optimize.Simulator.Fleet;

/// <summary>Fleets replaying an Azure Monitor recording.</summary>
public static partial class FleetGenerator
{
    /// <summary>
    /// Builds a fleet of VMs replaying <paramref name="recording"/>: VM <c>i</c> replays resource <c>i</c> on the
    /// recording's own timeline (step for step, no wrap-around), on its size from <see cref="RecordingFleetOptions.Sizes"/>
    /// or, without it, a size drawn from (seed, index). See <see cref="Workloads.RecordedWorkload"/> for the demand.
    /// </summary>
    /// <exception cref="ArgumentException">A recorded VM is absent from the sizes, or its size is not in the catalog.</exception>
    /// <exception cref="InvalidOperationException">Sizes are drawn and the catalog offers no usable VM sizes in the region.</exception>
    public static SimulatedFleet FromRecording(MetricsRecording recording, RecordingFleetOptions options, ISkuCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        var layout = new RecordingFleetLayout(recording, options, catalog);
        var fleetOptions = new FleetOptions { Seed = options.Seed, ResourceCount = recording.Resources.Count, Regions = [options.Region] };
        return new SimulatedFleet(fleetOptions, catalog, null, layout);
    }
}
