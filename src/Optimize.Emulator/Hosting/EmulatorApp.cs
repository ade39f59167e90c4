using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Optimize.Emulator.Contract;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Optimize.Emulator.Arm;
using Optimize.Emulator.Graph;
using Optimize.Emulator.Metrics;
using Optimize.Emulator.Prices;

namespace Optimize.Emulator.Hosting;

/// <summary>
/// The emulator's ASP.NET Core application: one middleware chain (latency and faults, authentication, the request log,
/// the contract check) in front of the endpoints of each Azure surface.
/// </summary>
internal static class EmulatorApp
{
    /// <summary>Configures services shared by every surface.</summary>
    public static void AddServices(IServiceCollection services, EmulatorWorld world)
    {
        services.AddSingleton(world);
        services.AddRouting();
        services.AddLogging(logging => logging.ClearProviders());
    }

    /// <summary>Adds the middleware chain and maps every surface's endpoints.</summary>
    public static void Configure(WebApplication app, EmulatorWorld world)
    {
        app.UseRouting();
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseMiddleware<FaultMiddleware>();
        app.UseMiddleware<AuthenticationMiddleware>();
        app.UseMiddleware<ContractMiddleware>();
        OperationStore.Map(app, world);
        ComputeEndpoints.Map(app, world);
        WebEndpoints.Map(app, world);
        AutoscaleEndpoints.Map(app, world);
        ResourceGraphEndpoints.Map(app, world);
        MetricsEndpoints.Map(app, world);
        PricesEndpoints.Map(app, world);
        app.MapFallback((HttpContext context) => ArmError.Result(
            404, "NoRegisteredProviderFound", $"The emulator does not serve {context.Request.Method} {context.Request.Path}."));
    }
}
