using Optimize.Model;
using Optimize.Simulator.Workloads;

namespace Optimize.Simulator.Fleet;

/// <summary>A resource's configuration over time: the initial configuration, then each recorded write.</summary>
internal sealed class ConfigTimeline
{
    private readonly ResourceConfig _initial;
    private readonly ConfigChange[] _changes;

    public ConfigTimeline(SimulatedResource resource, ConfigChange[] changes)
    {
        _initial = resource.InitialConfig;
        _changes = changes;
    }

    /// <summary>The configuration in force at <paramref name="at"/>.</summary>
    public ResourceConfig At(DateTimeOffset at)
    {
        var config = _initial;
        foreach (var change in _changes)
        {
            if (change.At > at)
            {
                break;
            }

            config = change.Config;
        }

        return config;
    }

    /// <summary>The configuration in force at the start of <paramref name="step"/>.</summary>
    public ResourceConfig AtStep(long step) => _changes.Length == 0 ? _initial : At(WorkloadModel.StartOf(step));

    /// <summary>True when a restarting write happened in <paramref name="step"/> or the step before.</summary>
    public bool Restarting(long step)
    {
        foreach (var change in _changes)
        {
            if (change.Restarted)
            {
                var s = WorkloadModel.StepOf(change.At);
                if (step == s || step == s + 1)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
