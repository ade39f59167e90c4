using Microsoft.AspNetCore.Http;

namespace Optimize.Emulator.Hosting;

/// <summary>
/// Injects the HTTP faults of <see cref="EmulatorFaults"/> before a request reaches its endpoint: latency, ARM throttling
/// (429 + Retry-After + x-ms-ratelimit-remaining-subscription-*) and server errors.
/// </summary>
internal sealed class FaultMiddleware(RequestDelegate next, EmulatorWorld world)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (world.Faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(world.Faults.Latency, context.RequestAborted);
        }

        await next(context);
    }
}
