using Optimize.Catalog;
using Optimize.Model;
using Optimize.Simulator.Workloads;

namespace Optimize.Simulator.Fleet;

/// <summary>
/// A fleet of VMs replaying a trace: VM <c>i</c> replays column <c>i</c> from <see cref="TraceFleetOptions.Origin"/>, on a
/// size picked from (seed, column) among the catalog's non-burstable families, 4–16 vCPUs (so a smaller size exists).
/// Demand is <c>trace % / 100 × the size's vCPUs</c>, so the CPU metric on the original size is the trace value itself.
/// </summary>
internal sealed class TraceFleetLayout : IResourceLayout
{
    /// <summary>Resource group of every replayed VM.</summary>
    public const string ResourceGroup = "rg-trace-replay";

    private readonly TraceSet _trace;
    private readonly TraceFleetOptions _options;
    private readonly ulong _seed;
    private readonly long _originStep;
    private readonly SkuSpec[][] _families;

    public TraceFleetLayout(TraceSet trace, TraceFleetOptions options, ISkuCatalog catalog)
    {
        _trace = trace;
        _options = options;
        _seed = unchecked((ulong)options.Seed * 0x9E3779B97F4A7C15UL) + 29;
        _originStep = WorkloadModel.StepOf(options.Origin);
        _families = [.. catalog.Candidates(ResourceKind.VirtualMachine, options.Region)
            .Where(s => s.VCpus is >= 2 and <= 16 && s.MemoryGb > 0 && !s.Family.Equals("B", StringComparison.OrdinalIgnoreCase))
            .GroupBy(s => s.Family, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderBy(s => s.VCpus).ThenBy(s => s.MemoryGb).ToArray())
            .Where(g => g.Any(s => s.VCpus >= 4 && s.VCpus > g[0].VCpus))
            .OrderBy(g => g[0].Family, StringComparer.Ordinal)];
        if (_families.Length == 0)
        {
            throw new InvalidOperationException($"The SKU catalog offers no non-burstable VM family with a 4–16 vCPU size and a smaller one in {options.Region}; the trace fleet cannot be sized.");
        }
    }

    /// <inheritdoc />
    public SimulatedResource Build(int index)
    {
        var spec = SizeOf(index);
        var column = _trace.ColumnIds[index];
        var sub = FleetLayout.Subscriptions[index % FleetLayout.Subscriptions.Count];
        var name = $"vm-trace-{Sanitize(column)}-{index:D4}";
        var id = $"/subscriptions/{sub}/resourceGroups/{ResourceGroup}/providers/Microsoft.Compute/virtualMachines/{name}";
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["env"] = "backtest",
            ["trace-column"] = column,
        };
        var workload = new TraceWorkload(_trace, index, spec.VCpus, 0.25 * spec.MemoryGb, 0.2) { OriginStep = _originStep };

        // The scenario is never seen by the engine; RightSized keeps scenario-specific effects (data gaps, unknown sizes) off.
        return new SimulatedResource(index, new ResourceRef(id, ResourceKind.VirtualMachine, _options.Region, tags), new VmConfig(spec.Name),
            FleetScenario.RightSized, workload, null, null,
            DeterministicRandom.Between(_seed, index, 30, 15, 50), DeterministicRandom.Between(_seed, index, 31, 0.02, 0.2), null);
    }

    private SkuSpec SizeOf(int index)
    {
        var family = _families[(int)(DeterministicRandom.Hash(_seed, index, 20) % (ulong)_families.Length)];
        var sizes = family.Where(s => s.VCpus >= 4 && s.VCpus > family[0].VCpus).ToArray();
        return sizes[(int)(DeterministicRandom.Hash(_seed, index, 21) % (ulong)sizes.Length)];
    }

    private static string Sanitize(string column)
    {
        var kept = new string([.. column.Where(char.IsAsciiLetterOrDigit)]);
        return kept.Length == 0 ? "col" : kept;
    }
}
