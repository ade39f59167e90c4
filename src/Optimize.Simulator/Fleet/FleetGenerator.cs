using Optimize.Catalog;
using Optimize.Simulator.Workloads;

namespace Optimize.Simulator.Fleet;

/// <summary>Creates simulated fleets.</summary>
public static partial class FleetGenerator
{
    /// <summary>
    /// Generates a fleet. Cheap for any size: resources are rebuilt from (seed, index) when asked for, so nothing is
    /// allocated per resource until it is written to. Reads the trace file, when given, once.
    /// </summary>
    /// <param name="options">Seed, size, regions, optional trace.</param>
    /// <param name="catalog">Sizes (vCPU, memory) of every SKU; resources get sizes it offers, and writes are validated against it.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every violation.</exception>
    /// <exception cref="InvalidOperationException">The catalog offers no sizes for a kind in any of the regions.</exception>
    public static SimulatedFleet Generate(FleetOptions options, ISkuCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid fleet options: " + string.Join(" ", errors), nameof(options));
        }

        var trace = options.TracePath is null ? null : TraceSet.Load(options.TracePath);
        var fleet = new SimulatedFleet(options, catalog, trace);
        _ = fleet[0]; // fail fast when the catalog cannot size the fleet
        if (options.ResourceCount > 3)
        {
            _ = fleet[1];
            _ = fleet[2];
            _ = fleet[3];
        }

        return fleet;
    }

    /// <summary>
    /// Builds a fleet of VMs replaying <paramref name="trace"/>: VM <c>i</c> replays column <c>i</c> with row 0 at
    /// <see cref="TraceFleetOptions.Origin"/>, on a size chosen from (seed, column); its CPU demand in vCPU is
    /// <c>trace % / 100 × the size's vCPUs</c>, so on that size the CPU metric reproduces the trace exactly. Memory is
    /// modelled (the trace has none): a quarter of the size's memory plus 0.2 GiB per vCPU of demand. Past the last row
    /// the trace wraps around.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid for this trace; the message lists every violation.</exception>
    /// <exception cref="InvalidOperationException">The catalog offers no usable VM sizes in the region.</exception>
    public static SimulatedFleet FromTrace(TraceSet trace, TraceFleetOptions options, ISkuCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        var errors = options.Validate(trace.ColumnCount);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid trace fleet options: " + string.Join(" ", errors), nameof(options));
        }

        var layout = new TraceFleetLayout(trace, options, catalog);
        var fleetOptions = new FleetOptions { Seed = options.Seed, ResourceCount = options.VmCount, Regions = [options.Region] };
        return new SimulatedFleet(fleetOptions, catalog, trace, layout);
    }
}
