using Optimize.Simulator.Fleet;

namespace Optimize.Emulator;

/// <summary>How to start the emulator. Validated by <see cref="Validate"/>, which lists every violation.</summary>
public sealed record EmulatorOptions
{
    /// <summary>The simulated world behind the REST surface (seed, size, regions, optional trace).</summary>
    public FleetOptions Fleet { get; init; } = new();

    /// <summary>HTTP faults to inject (throttling, 5xx, failed operations, 529 on metrics batch); none by default.</summary>
    public EmulatorFaults Faults { get; init; } = EmulatorFaults.None;

    /// <summary>
    /// The contract pack (a folder holding <c>specs/</c> and <c>metrics/</c>, as in <c>../shared/azure-contract</c>). When null the
    /// emulator looks for <c>shared/azure-contract</c> beside or above the working directory; when none is found, request bodies
    /// are not checked against the published schemas and <see cref="EmulatorWorld.Contract"/> is null (the start line says so).
    /// </summary>
    public string? ContractDirectory { get; init; }

    /// <summary>Clock of the simulated world (metrics exist up to its now; writes take effect at its now).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Seconds a long-running operation stays InProgress on the emulator's clock before it completes. Default 0 (done on first poll).</summary>
    public TimeSpan OperationDuration { get; init; } = TimeSpan.Zero;

    /// <summary>Every violation, empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(Fleet.Validate());
        errors.AddRange(Faults.Validate());
        if (OperationDuration < TimeSpan.Zero)
        {
            errors.Add($"{nameof(OperationDuration)} must not be negative.");
        }

        if (ContractDirectory is not null && !Directory.Exists(Path.Combine(ContractDirectory, "specs")))
        {
            errors.Add($"{nameof(ContractDirectory)} '{ContractDirectory}' has no specs/ folder (expected the azure-contract pack).");
        }

        return errors;
    }
}
