using Optimize.Catalog;
using Optimize.Simulator.Workloads;

namespace Optimize.Simulator.Fleet;

/// <summary>Creates simulated fleets.</summary>
public static class FleetGenerator
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
}
