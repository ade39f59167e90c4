using Optimize.Azure;
using Optimize.Catalog;
using Optimize.Hosting;
using Optimize.Emulator;
using Optimize.Simulator.Fleet;

namespace Optimize.Cli.Demo;

/// <summary>
/// The simulated fleet behind Azure's REST surface (<see cref="EmulatorHost"/>, in process through TestHost) and the production
/// adapters (<see cref="AzureAdapters.Create"/>) talking to it: the same pipelines, retries, long-running-operation polling and
/// request shapes the Function App uses. Requests keep Azure's own host names; the emulator's handler is the only transport, so
/// nothing leaves the process, and the token is a fixed string the emulator accepts (no credential is ever probed).
/// </summary>
internal sealed class EmulatedCloud : IAsyncDisposable
{
    private readonly EmulatorHost _host;

    private EmulatedCloud(EmulatorHost host, AzureEngine engine, ISkuCatalog catalog)
    {
        _host = host;
        Engine = engine;
        Catalog = catalog;
    }

    /// <summary>The production adapters on the emulator.</summary>
    public AzureEngine Engine { get; }

    /// <summary>The SKU catalog as the adapters loaded it from Microsoft.Compute/skus (built-in catalog for other kinds).</summary>
    public ISkuCatalog Catalog { get; }

    /// <summary>The emulator's world: its request log (requests by operation, contract violations) and contract checker.</summary>
    public EmulatorWorld World => _host.World;

    /// <summary>
    /// Serves <paramref name="fleet"/> on <paramref name="clock"/> and builds the adapters on it; loads the SKU catalog of every
    /// subscription and region of the fleet (which also arms the VM client's pre-deallocation size check).
    /// </summary>
    /// <param name="skipped">Receives the adapters' inventory and metrics skip messages.</param>
    public static async Task<EmulatedCloud> StartAsync(SimulatedFleet fleet, TimeProvider clock, Action<string>? skipped, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var host = await EmulatorHost.StartInProcessAsync(new EmulatorOptions { Time = clock }, fleet.Catalog, fleet, ct);
        try
        {
            var engine = AzureAdapters.Create(EmulatorConnection.Token, EmulatorConnection.InProcess(host.CreateHandler()), skipped);
            ISkuCatalog? catalog = null;
            foreach (var subscription in fleet.Subscriptions)
            {
                catalog = await engine.LoadCatalogAsync(subscription, fleet.Options.Regions, fleet.Catalog, ct);
            }

            return new EmulatedCloud(host, engine, catalog ?? fleet.Catalog);
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
