using Microsoft.AspNetCore.Http;

namespace Optimize.Emulator.Hosting;

/// <summary>Counts every request by the operationId of its endpoint (<c>unknown</c> when unrouted) and its final status.</summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, EmulatorWorld world)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        finally
        {
            var operation = context.GetEndpoint()?.Metadata.GetMetadata<AzureOperation>()?.OperationId ?? "unknown";
            world.Log.Record(operation, context.Response.StatusCode);
        }
    }
}
