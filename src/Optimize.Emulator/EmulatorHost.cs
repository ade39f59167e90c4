using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Optimize.Catalog;
using Optimize.Emulator.Contract;
using Optimize.Emulator.Hosting;

namespace Optimize.Emulator;

/// <summary>
/// A running emulator. <see cref="StartInProcessAsync"/> serves it through <c>Microsoft.AspNetCore.TestHost</c>: the
/// handler from <see cref="CreateHandler"/> answers requests to Azure's own hosts (management.azure.com,
/// {region}.metrics.monitor.azure.com, prices.azure.com) without a socket, so clients keep their production endpoints.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorHost(WebApplication app, EmulatorWorld world)
    {
        _app = app;
        World = world;
    }

    /// <summary>The world behind the surface (fleet, clock, request log).</summary>
    public EmulatorWorld World { get; }

    /// <summary>Starts an in-process emulator.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every violation listed).</exception>
    public static async Task<EmulatorHost> StartInProcessAsync(EmulatorOptions options, ISkuCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid emulator options: " + string.Join(" ", errors), nameof(options));
        }

        var world = new EmulatorWorld(options, catalog, LoadContract(options));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        EmulatorApp.AddServices(builder.Services, world);
        var app = builder.Build();
        EmulatorApp.Configure(app, world);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new EmulatorHost(app, world);
    }

    /// <summary>A handler that sends requests to this emulator (whatever their host). The caller owns it.</summary>
    public HttpMessageHandler CreateHandler() => _app.GetTestServer().CreateHandler();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The spec check of the pack (<see cref="EmulatorOptions.ContractDirectory"/>, else the one found as the metrics tables find it), or null.</summary>
    private static IContractCheck? LoadContract(EmulatorOptions options)
    {
        var pack = options.ContractDirectory ?? Metrics.MetricTables.FindPack(Directory.GetCurrentDirectory());
        return pack is null ? null : SpecContractCheck.Load(pack);
    }
}
