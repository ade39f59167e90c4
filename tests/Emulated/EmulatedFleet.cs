using Optimize.Azure;
using Optimize.Catalog;
using Optimize.Emulator;
using Optimize.Hosting;
using Optimize.Simulator.Fleet;

namespace Optimize.Tests.Emulated;

/// <summary>
/// A simulated fleet served by the in-process Azure emulator (<see cref="EmulatorHost"/>, through TestHost) and the production
/// adapters (<see cref="AzureAdapters.Create"/>) talking to it, as the CLI's <c>EmulatedCloud</c> wires them: the same pipelines,
/// retries, long-running-operation polling and request shapes the Function App uses. The emulator's handler is the only
/// transport and the token is a fixed string, so nothing leaves the process. Linked into the test projects that drive the engine.
/// </summary>
internal sealed class EmulatedFleet : IAsyncDisposable
{
    private readonly EmulatorHost _host;

    private EmulatedFleet(EmulatorHost host, SimulatedFleet fleet, AzureEngine engine, ISkuCatalog catalog)
    {
        _host = host;
        Fleet = fleet;
        Engine = engine;
        Catalog = catalog;
    }

    /// <summary>The fleet the emulator serves; writes through the adapters move its timelines.</summary>
    public SimulatedFleet Fleet { get; }

    /// <summary>The production adapters on the emulator.</summary>
    public AzureEngine Engine { get; }

    /// <summary>The SKU catalog as the adapters loaded it from Microsoft.Compute/skus (the built-in catalog for other kinds).</summary>
    public ISkuCatalog Catalog { get; }

    /// <summary>The emulator's state: its request log and the contract violations it saw.</summary>
    public EmulatorWorld World => _host.World;

    /// <summary>
    /// Serves <paramref name="fleet"/> on <paramref name="clock"/> with <paramref name="faults"/> and builds the adapters on it;
    /// loads the SKU catalog of every subscription and region of the fleet (which also arms the VM client's size checks) unless
    /// <paramref name="loadCatalog"/> is false (then <see cref="Catalog"/> is the fleet's own: for runs under faults that change
    /// only App Service plans, whose adapters need no SKU list).
    /// </summary>
    public static async Task<EmulatedFleet> StartAsync(
        SimulatedFleet fleet, TimeProvider clock, EmulatorFaults? faults = null, Action<string>? skipped = null, int maxRetries = 3,
        bool loadCatalog = true, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var options = new EmulatorOptions { Time = clock, Faults = faults ?? EmulatorFaults.None };
        var host = await EmulatorHost.StartInProcessAsync(options, fleet.Catalog, fleet, ct);
        try
        {
            var engine = AzureAdapters.Create(EmulatorConnection.Token, EmulatorConnection.InProcess(host.CreateHandler(), maxRetries), skipped);
            ISkuCatalog? catalog = null;
            foreach (var subscription in loadCatalog ? fleet.Subscriptions : Array.Empty<string>())
            {
                catalog = await engine.LoadCatalogAsync(subscription, fleet.Options.Regions, fleet.Catalog, ct);
            }

            return new EmulatedFleet(host, fleet, engine, catalog ?? fleet.Catalog);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
