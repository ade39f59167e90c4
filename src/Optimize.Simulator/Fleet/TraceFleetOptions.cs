namespace Optimize.Simulator.Fleet;

/// <summary>How to build a fleet that replays a recorded trace (<see cref="FleetGenerator.FromTrace"/>).</summary>
public sealed record TraceFleetOptions
{
    /// <summary>Seed of the size choices (and of latency and error baselines): same seed, same fleet.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Number of VMs; VM <c>i</c> replays trace column <c>i</c>. At least 1 and at most the trace's column count.</summary>
    public int VmCount { get; init; } = 100;

    /// <summary>
    /// Start of the 5-minute interval that replays trace row 0 (the trace keeps no absolute timestamps). Must fall on a
    /// 5-minute boundary so rows map onto steps exactly. Default: Monday 19 October 2026, 00:00 UTC.
    /// </summary>
    public DateTimeOffset Origin { get; init; } = new(2026, 10, 19, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Region every VM is placed in.</summary>
    public string Region { get; init; } = "westeurope";

    /// <summary>Every violation of these options, empty when valid.</summary>
    /// <param name="columns">Columns of the trace the fleet will replay.</param>
    public IReadOnlyList<string> Validate(int columns)
    {
        var errors = new List<string>();
        if (VmCount < 1 || VmCount > columns)
        {
            errors.Add($"{nameof(VmCount)} must be between 1 and the trace's {columns} column(s), was {VmCount}.");
        }

        if (Origin.ToUnixTimeSeconds() % 300 != 0)
        {
            errors.Add($"{nameof(Origin)} must fall on a 5-minute boundary, was {Origin:O}.");
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            errors.Add($"{nameof(Region)} must be a non-empty region name.");
        }

        return errors;
    }
}
