using Microsoft.AspNetCore.Http;

namespace Optimize.Emulator.Hosting;

/// <summary>
/// ARM and the metrics data plane need a bearer token (401 <c>AuthenticationFailed</c> without one, with a
/// <c>WWW-Authenticate</c> challenge); the Retail Prices API is anonymous. The emulator accepts any token: it checks that
/// the client authenticates, not who it is.
/// </summary>
internal sealed class AuthenticationMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var plane = context.GetEndpoint()?.Metadata.GetMetadata<AzureOperation>()?.Plane ?? AzurePlane.Arm;
        if (plane == AzurePlane.Prices)
        {
            return next(context);
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > "Bearer ".Length)
        {
            return next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\"";
        return ArmError.WriteAsync(context, 401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
    }
}
