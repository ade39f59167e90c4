using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Optimize.Catalog;
using Optimize.Emulator.Contract;
using Optimize.Emulator.Hosting;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator;

/// <summary>
/// A running emulator. <see cref="StartInProcessAsync"/> serves it through <c>Microsoft.AspNetCore.TestHost</c>: the
/// handler from <see cref="CreateHandler"/> answers requests to Azure's own hosts (management.azure.com,
/// {region}.metrics.monitor.azure.com, prices.azure.com) without a socket, so clients keep their production endpoints.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2? _certificate;

    private EmulatorHost(WebApplication app, EmulatorWorld world, X509Certificate2? certificate, Uri? address)
    {
        _app = app;
        World = world;
        _certificate = certificate;
        BaseAddress = address;
    }

    /// <summary>The world behind the surface (fleet, clock, request log).</summary>
    public EmulatorWorld World { get; }

    /// <summary>Where a loopback emulator listens (<c>https://127.0.0.1:{port}/</c>); null in process.</summary>
    public Uri? BaseAddress { get; }

    /// <summary>The pin of a loopback emulator's certificate (<see cref="LoopbackCertificate.Sha256"/>); null in process.</summary>
    public string? CertificateSha256 => _certificate is null ? null : LoopbackCertificate.Sha256(_certificate);

    /// <summary>Starts an in-process emulator on a fleet generated from <see cref="EmulatorOptions.Fleet"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every violation listed).</exception>
    public static Task<EmulatorHost> StartInProcessAsync(EmulatorOptions options, ISkuCatalog catalog, CancellationToken cancellationToken = default) =>
        StartInProcessAsync(options, catalog, null, cancellationToken);

    /// <summary>
    /// Starts an in-process emulator serving <paramref name="fleet"/> (for example one replaying recorded traces), or a fleet generated
    /// from <see cref="EmulatorOptions.Fleet"/> when it is null. Writes through the emulator move <paramref name="fleet"/>'s timelines.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (every violation listed).</exception>
    public static Task<EmulatorHost> StartInProcessAsync(
        EmulatorOptions options, ISkuCatalog catalog, SimulatedFleet? fleet, CancellationToken cancellationToken = default) =>
        StartAsync(options, catalog, fleet, null, cancellationToken);

    /// <summary>
    /// Starts an emulator on <c>https://127.0.0.1:{port}</c> (0 picks a free port) with a certificate made now
    /// (<see cref="LoopbackCertificate"/>); clients pin <see cref="CertificateSha256"/>. It listens on loopback only.
    /// </summary>
    /// <exception cref="ArgumentException">The options or the port are invalid (every violation listed).</exception>
    public static Task<EmulatorHost> StartLoopbackAsync(EmulatorOptions options, ISkuCatalog catalog, int port, CancellationToken cancellationToken = default) =>
        port is < 0 or > 65535
            ? throw new ArgumentException($"The port must be 0–65535 (was {port}).", nameof(port))
            : StartAsync(options, catalog, null, port, cancellationToken);

    /// <summary>A handler that sends requests to this in-process emulator (whatever their host). The caller owns it.</summary>
    /// <exception cref="InvalidOperationException">The emulator listens on loopback: use <see cref="BaseAddress"/>.</exception>
    public HttpMessageHandler CreateHandler() => _certificate is null
        ? _app.GetTestServer().CreateHandler()
        : throw new InvalidOperationException($"This emulator listens on {BaseAddress}; connect to it there, pinning its certificate.");

    private static async Task<EmulatorHost> StartAsync(
        EmulatorOptions options, ISkuCatalog catalog, SimulatedFleet? fleet, int? loopbackPort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid emulator options: " + string.Join(" ", errors), nameof(options));
        }

        var world = new EmulatorWorld(options, catalog, LoadContract(options), fleet);
        var builder = WebApplication.CreateSlimBuilder();
        var certificate = loopbackPort is null ? null : LoopbackCertificate.Create(TimeProvider.System);
        if (certificate is null)
        {
            builder.WebHost.UseTestServer();
        }
        else
        {
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, loopbackPort!.Value, listen => listen.UseHttps(certificate)));
        }

        EmulatorApp.AddServices(builder.Services, world);
        var app = builder.Build();
        EmulatorApp.Configure(app, world);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = certificate is null
            ? null
            : new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return new EmulatorHost(app, world, certificate, address);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _certificate?.Dispose();
    }

    /// <summary>The spec check of the pack (<see cref="EmulatorOptions.ContractDirectory"/>, else the one found as the metrics tables find it), or null.</summary>
    private static IContractCheck? LoadContract(EmulatorOptions options)
    {
        var pack = options.ContractDirectory ?? Metrics.MetricTables.FindPack(Directory.GetCurrentDirectory());
        return pack is null ? null : SpecContractCheck.Load(pack);
    }
}
