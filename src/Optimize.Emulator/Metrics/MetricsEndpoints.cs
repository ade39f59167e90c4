using Microsoft.AspNetCore.Routing;

namespace Optimize.Emulator.Metrics;

/// <summary>Endpoints of this Azure surface (not yet served).</summary>
internal static class MetricsEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app, EmulatorWorld world)
    {
        _ = app;
        _ = world;
    }
}
