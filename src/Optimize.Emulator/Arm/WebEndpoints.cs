using Microsoft.AspNetCore.Routing;

namespace Optimize.Emulator.Arm;

/// <summary>Endpoints of this Azure surface (not yet served).</summary>
internal static class WebEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app, EmulatorWorld world)
    {
        _ = app;
        _ = world;
    }
}
