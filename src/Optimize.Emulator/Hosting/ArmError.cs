using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Optimize.Emulator.Hosting;

/// <summary>
/// ARM's error response (<c>{"error":{"code","message","target","details"}}</c>, common-types ErrorResponse; ARM RPC
/// common-api-details.md "Error response content") written with its status.
/// </summary>
internal static class ArmError
{
    /// <summary>An error result with <paramref name="status"/>, <paramref name="code"/> and <paramref name="message"/>.</summary>
    public static IResult Result(int status, string code, string message, string? target = null, IEnumerable<JsonObject>? details = null) =>
        Results.Json(Body(code, message, target, details), statusCode: status);

    /// <summary>The error body.</summary>
    public static JsonObject Body(string code, string message, string? target = null, IEnumerable<JsonObject>? details = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (target is not null)
        {
            error["target"] = target;
        }

        if (details is not null)
        {
            error["details"] = new JsonArray([.. details]);
        }

        return new JsonObject { ["error"] = error };
    }

    /// <summary>Writes the error directly (for middleware).</summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(Body(code, message).ToJsonString(), context.RequestAborted);
    }
}
