namespace Optimize.Simulator.Fleet;

/// <summary>How to build a fleet replaying an Azure Monitor recording (<see cref="RecordingFleet.Build"/>).</summary>
public sealed record RecordingFleetOptions
{
    /// <summary>Seed of the drawn sizes (when <see cref="Sizes"/> lacks them) and of latency and error baselines.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// The real starting size of each recorded VM, by ARM id (case-insensitive), or null to draw every size from the seed as
    /// the trace fleet does. When given, every recorded VM must be in it.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Sizes { get; init; }

    /// <summary>Region every VM is placed in.</summary>
    public string Region { get; init; } = "westeurope";
}
