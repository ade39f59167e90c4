using System.Collections.Concurrent;
using Optimize.Model;
using Optimize.Simulator.Workloads;

namespace Optimize.Simulator.Fleet;

/// <summary>The only per-resource state: configuration histories of resources that were written to.</summary>
public sealed partial class SimulatedFleet
{
    private readonly ConcurrentDictionary<int, List<ConfigChange>> _states = new();

    /// <summary>A snapshot of the writes of <paramref name="resource"/>.</summary>
    internal ConfigChange[] Changes(SimulatedResource resource)
    {
        if (!_states.TryGetValue(resource.Index, out var list))
        {
            return [];
        }

        lock (list)
        {
            return [.. list];
        }
    }

    /// <summary>Records a write effective at <paramref name="at"/> (never before the previous write).</summary>
    internal ConfigChange Record(SimulatedResource resource, ResourceConfig config, DateTimeOffset at, bool restarted)
    {
        var list = _states.GetOrAdd(resource.Index, _ => []);
        lock (list)
        {
            var effective = list.Count > 0 && list[^1].At > at ? list[^1].At : at;
            var minutes = 2 + (int)(DeterministicRandom.Hash(Seed, resource.Index, list.Count, 90) % 9);
            var change = new ConfigChange(effective, config, TimeSpan.FromMinutes(minutes), restarted);
            list.Add(change);
            return change;
        }
    }

    /// <summary>The configuration before the latest write, or null when there was none (used to recognise a rollback).</summary>
    internal ResourceConfig? PreviousConfig(SimulatedResource resource)
    {
        var changes = Changes(resource);
        return changes.Length switch
        {
            0 => null,
            1 => resource.InitialConfig,
            _ => changes[^2].Config,
        };
    }
}
