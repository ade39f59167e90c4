using Optimize.Catalog;
using Optimize.Emulator.Arm;
using Optimize.Emulator.Contract;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator;

/// <summary>
/// Everything behind the REST surface: the simulated fleet (the single source of truth for configurations, workload and
/// capacity), the emulator's clock, the ARM documents of resources that were read or written, long-running operations,
/// the seeded fault draws, the request log and the contract checker.
/// </summary>
public sealed class EmulatorWorld
{
    private readonly Lock _randomGate = new();
    private readonly Random _faultRandom;

    /// <summary>Builds the world of <paramref name="options"/> (validated by the caller) on <paramref name="fleet"/>, or on a fleet
    /// generated from <see cref="EmulatorOptions.Fleet"/> when it is null.</summary>
    internal EmulatorWorld(EmulatorOptions options, ISkuCatalog catalog, IContractCheck? contract, SimulatedFleet? fleet = null)
    {
        Options = options;
        Fleet = fleet ?? FleetGenerator.Generate(options.Fleet, catalog);
        Time = options.Time;
        Contract = contract;
        _faultRandom = new Random(options.Faults.Seed);
        Documents = new ResourceStore(this);
        Operations = new OperationStore(this);
    }

    /// <summary>The options it was started with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>The simulated fleet.</summary>
    public SimulatedFleet Fleet { get; }

    /// <summary>The emulator's clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Requests served and contract violations seen.</summary>
    public RequestLog Log { get; } = new();

    /// <summary>The published-schema checker, or null when no contract pack was found.</summary>
    public IContractCheck? Contract { get; }

    /// <summary>ARM documents per resource.</summary>
    internal ResourceStore Documents { get; }

    /// <summary>Long-running operations.</summary>
    internal OperationStore Operations { get; }

    /// <summary>The rows of paged Resource Graph queries, kept for their <c>$skipToken</c>s.</summary>
    internal Graph.GraphSnapshots GraphSnapshots { get; } = new();

    /// <summary>The faults in force.</summary>
    public EmulatorFaults Faults => Options.Faults;

    /// <summary>True with probability <paramref name="rate"/> (seeded, thread-safe); never draws for a zero rate.</summary>
    internal bool Draw(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        lock (_randomGate)
        {
            return _faultRandom.NextDouble() < rate;
        }
    }
}
