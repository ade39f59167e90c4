using Optimize.Catalog;
using Optimize.Model;
using Optimize.Simulator.Workloads;
using Optimize.Simulator.Workloads.Recorded;

namespace Optimize.Simulator.Fleet;

/// <summary>
/// A fleet of VMs replaying a recording: VM <c>i</c> replays resource <c>i</c>. The emulator addresses resources by the
/// fleet's own id scheme (subscription and <c>-NNNN</c> index suffix), so the VM is named after the recorded VM's name
/// and carries the recorded ARM id in its <c>recorded-resource-id</c> tag.
/// </summary>
internal sealed class RecordingFleetLayout : IResourceLayout
{
    /// <summary>Resource group of every replayed VM.</summary>
    public const string ResourceGroup = "rg-recorded-replay";

    private readonly MetricsRecording _recording;
    private readonly RecordingFleetOptions _options;
    private readonly ulong _seed;
    private readonly SkuSpec[] _sizes;

    public RecordingFleetLayout(MetricsRecording recording, RecordingFleetOptions options, ISkuCatalog catalog)
    {
        _recording = recording;
        _options = options;
        _seed = unchecked((ulong)options.Seed * 0x9E3779B97F4A7C15UL) + 31;
        _sizes = new SkuSpec[recording.Resources.Count];
        SkuSpec[][]? families = null;
        var errors = new List<string>();
        for (var i = 0; i < _sizes.Length; i++)
        {
            var id = recording.Resources[i].ResourceId;
            if (options.Sizes is null)
            {
                families ??= Families(catalog, options.Region);
                var family = families[(int)(DeterministicRandom.Hash(_seed, i, 20) % (ulong)families.Length)];
                var sizes = family.Where(s => s.VCpus >= 4 && s.VCpus > family[0].VCpus).ToArray();
                _sizes[i] = sizes[(int)(DeterministicRandom.Hash(_seed, i, 21) % (ulong)sizes.Length)];
            }
            else if (!options.Sizes.TryGetValue(id, out var name))
            {
                errors.Add($"{id} is in the recording but not in the inventory.");
            }
            else if (catalog.Find(ResourceKind.VirtualMachine, name) is not { VCpus: > 0, MemoryGb: > 0 } spec)
            {
                errors.Add($"{id}: size '{name}' is not a VM size of the catalog.");
            }
            else
            {
                _sizes[i] = spec;
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.Take(10)) + (errors.Count > 10 ? $" (and {errors.Count - 10} more)" : ""), nameof(options));
        }
    }

    /// <summary>The size VM <paramref name="index"/> starts on (the size its recording was made on).</summary>
    public SkuSpec SizeOf(int index) => _sizes[index];

    /// <inheritdoc />
    public SimulatedResource Build(int index)
    {
        var series = _recording.Resources[index];
        var spec = _sizes[index];
        var sub = FleetLayout.Subscriptions[index % FleetLayout.Subscriptions.Count];
        var recordedName = series.ResourceId[(series.ResourceId.LastIndexOf('/') + 1)..];
        var kept = new string([.. recordedName.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-')]).Trim('-');
        var name = $"{(kept.Length == 0 ? "vm" : kept)}-{index:D4}";
        var id = $"/subscriptions/{sub}/resourceGroups/{ResourceGroup}/providers/Microsoft.Compute/virtualMachines/{name}";
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["env"] = "backtest",
            ["recorded-resource-id"] = series.ResourceId,
        };
        var workload = new RecordedWorkload(series, spec.VCpus, spec.MemoryGb);
        return new SimulatedResource(index, new ResourceRef(id, ResourceKind.VirtualMachine, _options.Region, tags), new VmConfig(spec.Name),
            FleetScenario.RightSized, workload, null, null,
            DeterministicRandom.Between(_seed, index, 30, 15, 50), DeterministicRandom.Between(_seed, index, 31, 0.02, 0.2), null);
    }

    private static SkuSpec[][] Families(ISkuCatalog catalog, string region)
    {
        SkuSpec[][] families = [.. catalog.Candidates(ResourceKind.VirtualMachine, region)
            .Where(s => s.VCpus is >= 2 and <= 16 && s.MemoryGb > 0 && !s.Family.Equals("B", StringComparison.OrdinalIgnoreCase))
            .GroupBy(s => s.Family, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderBy(s => s.VCpus).ThenBy(s => s.MemoryGb).ToArray())
            .Where(g => g.Any(s => s.VCpus >= 4 && s.VCpus > g[0].VCpus))
            .OrderBy(g => g[0].Family, StringComparer.Ordinal)];
        return families.Length > 0 ? families
            : throw new InvalidOperationException($"The SKU catalog offers no non-burstable VM family with a 4–16 vCPU size and a smaller one in {region}; sizes cannot be drawn (pass an inventory).");
    }
}
