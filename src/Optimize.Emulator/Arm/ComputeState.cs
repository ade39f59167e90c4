using System.Collections.Concurrent;
using System.Globalization;
using Optimize.Model;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Workloads;

namespace Optimize.Emulator.Arm;

/// <summary>The upgrade policy modes of a scale set (virtualMachineScaleSets spec, <c>UpgradePolicy.mode</c>).</summary>
internal enum UpgradeMode
{
    /// <summary>Existing instances keep the old model until <c>manualUpgrade</c> lists them (NOTES (d)); the doc's default.</summary>
    Manual,

    /// <summary>Every instance moves to the new model at once.</summary>
    Automatic,

    /// <summary>
    /// Instances move in batches of ⌈<see cref="ComputeState.RollingBatchFraction"/>·count⌉ (<c>rollingUpgradePolicy.maxBatchInstancePercent</c>,
    /// default 20, NOTES (d)): the first when the PATCH is accepted, the next at each read of the instances list.
    /// </summary>
    Rolling,
}

/// <summary>
/// What ARM knows about compute resources that the simulator's configuration timeline does not: each VM's power state and
/// each scale set's instances with the model (SKU) they run. Thread-safe; one lock per resource.
/// </summary>
internal sealed class ComputeState(EmulatorWorld world)
{
    private readonly ConcurrentDictionary<int, VmPower> _power = new();
    private readonly ConcurrentDictionary<int, ScaleSetInstances> _instances = new();

    /// <summary>The published default of <c>rollingUpgradePolicy.maxBatchInstancePercent</c>, 20 % (specs/NOTES.md (d)).</summary>
    public const double RollingBatchFraction = 0.2;

    /// <summary>Whether the VM is deallocated (a new VM is running).</summary>
    public bool IsDeallocated(SimulatedResource vm) => _power.TryGetValue(vm.Index, out var p) && p.Deallocated;

    /// <summary>Records the VM's power state.</summary>
    public void SetDeallocated(SimulatedResource vm, bool deallocated) => _power.GetOrAdd(vm.Index, _ => new VmPower()).Deallocated = deallocated;

    /// <summary>
    /// The upgrade policy of a scale set: a pure function of the fleet's seed and index, so every run of one fleet agrees
    /// (mostly Manual, the documented default; one in four Automatic, one in eight Rolling).
    /// </summary>
    public UpgradeMode ModeOf(SimulatedResource scaleSet) =>
        (DeterministicRandom.Hash(world.Fleet.Seed, scaleSet.Index, 0, 0x5ca1e) % 8) switch
        {
            0 or 1 => UpgradeMode.Automatic,
            2 => UpgradeMode.Rolling,
            _ => UpgradeMode.Manual,
        };

    /// <summary>A snapshot of the instances of a scale set: (instance id, SKU it runs), instance ids ascending.</summary>
    public IReadOnlyList<(string InstanceId, string Sku)> Instances(SimulatedResource scaleSet)
    {
        var set = SetOf(scaleSet);
        lock (set)
        {
            return [.. set.Skus.Select(p => (p.Key.ToString(CultureInfo.InvariantCulture), p.Value))];
        }
    }

    /// <summary>The model's SKU while some instances still run an older one (Manual policy), else null.</summary>
    public string? PendingSku(SimulatedResource scaleSet)
    {
        var set = SetOf(scaleSet);
        lock (set)
        {
            return set.PendingSku;
        }
    }

    /// <summary>
    /// Applies a model change to the instances: the capacity first (new instances get the new model, removed ones go from
    /// the highest id), then the SKU, which existing instances take at once unless the policy is Manual. Returns the
    /// configuration the instances now run (the fleet's truth): under Manual, the new capacity on the old SKU until every
    /// instance is upgraded.
    /// </summary>
    public ScaleSetConfig ApplyModel(SimulatedResource scaleSet, ScaleSetConfig from, ScaleSetConfig to)
    {
        var set = SetOf(scaleSet);
        lock (set)
        {
            while (set.Skus.Count > to.Capacity)
            {
                set.Skus.Remove(set.Skus.Keys[^1]);
            }

            while (set.Skus.Count < to.Capacity)
            {
                set.Skus[set.NextId++] = to.Sku;
            }

            var skuChanges = !string.Equals(from.Sku, to.Sku, StringComparison.OrdinalIgnoreCase);
            var mode = ModeOf(scaleSet);
            if (skuChanges && mode != UpgradeMode.Manual)
            {
                var stale = set.Skus.Where(p => !string.Equals(p.Value, to.Sku, StringComparison.OrdinalIgnoreCase)).Select(p => p.Key).ToArray();
                foreach (var id in mode == UpgradeMode.Rolling ? stale.Take(RollingBatch(set.Skus.Count)) : stale)
                {
                    set.Skus[id] = to.Sku;
                }
            }

            set.PendingSku = set.Skus.Values.All(s => string.Equals(s, to.Sku, StringComparison.OrdinalIgnoreCase)) ? null : to.Sku;
            return set.PendingSku is null ? to : to with { Sku = from.Sku };
        }
    }

    /// <summary>
    /// Moves the listed instances to the model's SKU, all or none: returns the ids that are not instances of the set (then
    /// nothing moved), and whether this upgrade brought the last stale instance onto the model: that model's SKU (the fleet then records it), else null.
    /// </summary>
    public (IReadOnlyList<string> Unknown, string? Completed) Upgrade(SimulatedResource scaleSet, IReadOnlyList<string> instanceIds)
    {
        var set = SetOf(scaleSet);
        lock (set)
        {
            var ids = instanceIds.Select(t => (Text: t, Id: int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)).ToArray();
            var unknown = ids.Where(i => !set.Skus.ContainsKey(i.Id)).Select(i => i.Text).ToArray();
            if (unknown.Length > 0 || set.PendingSku is not { } model)
            {
                return (unknown, null);
            }

            foreach (var (_, id) in ids)
            {
                set.Skus[id] = model;
            }

            if (!set.Skus.Values.All(s => string.Equals(s, model, StringComparison.OrdinalIgnoreCase)))
            {
                return ([], null);
            }

            set.PendingSku = null;
            return ([], model);
        }
    }

    /// <summary>
    /// Under Rolling with instances still on an older model, moves the next batch (lowest ids first); returns the model's SKU
    /// when that brought the last instance onto it (the fleet then records it), else null.
    /// </summary>
    public string? AdvanceRolling(SimulatedResource scaleSet)
    {
        if (ModeOf(scaleSet) != UpgradeMode.Rolling)
        {
            return null;
        }

        var set = SetOf(scaleSet);
        lock (set)
        {
            if (set.PendingSku is not { } model)
            {
                return null;
            }

            var stale = set.Skus.Where(p => !string.Equals(p.Value, model, StringComparison.OrdinalIgnoreCase)).Select(p => p.Key).ToArray();
            foreach (var id in stale.Take(RollingBatch(set.Skus.Count)))
            {
                set.Skus[id] = model;
            }

            if (stale.Length > RollingBatch(set.Skus.Count))
            {
                return null;
            }

            set.PendingSku = null;
            return model;
        }
    }

    private static int RollingBatch(int count) => Math.Max(1, (int)Math.Ceiling(count * RollingBatchFraction));

    private ScaleSetInstances SetOf(SimulatedResource scaleSet) => _instances.GetOrAdd(scaleSet.Index, _ =>
    {
        var config = (ScaleSetConfig)scaleSet.InitialConfig;
        var set = new ScaleSetInstances();
        for (var i = 0; i < config.Capacity; i++)
        {
            set.Skus[set.NextId++] = config.Sku;
        }

        return set;
    });

    private sealed class VmPower
    {
        public bool Deallocated { get; set; }
    }

    private sealed class ScaleSetInstances
    {
        public SortedList<int, string> Skus { get; } = [];

        public int NextId { get; set; }

        public string? PendingSku { get; set; }
    }
}
