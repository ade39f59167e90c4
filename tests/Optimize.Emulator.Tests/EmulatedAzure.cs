using Optimize.Azure;
using Optimize.Hosting;

namespace Optimize.Emulator.Tests;

/// <summary>
/// The production Azure adapters (<see cref="AzureAdapters.Create"/>) wired to an in-process emulator: their own pipelines,
/// retries and LRO polling, with the emulator's handler as the transport and a fixed token (no credential probing).
/// </summary>
internal static class EmulatedAzure
{
    /// <summary>The adapters on <paramref name="emulator"/>; <paramref name="skipped"/> receives inventory and metrics skips;
    /// <paramref name="configure"/> adjusts the options (page size, clock) before they are validated.</summary>
    public static AzureEngine Create(EmulatorFixture emulator, Action<string>? skipped = null, Action<AzureAdapterOptions>? configure = null)
    {
        var options = EmulatorConnection.InProcess(emulator.Host.CreateHandler());
        configure?.Invoke(options);
        return AzureAdapters.Create(EmulatorConnection.Token, options, skipped);
    }
}
