using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Optimize.Emulator.Hosting;

namespace Optimize.Emulator.Contract;

/// <summary>
/// Holds every request whose operation the pack describes (path template + method at the request's api-version) to the
/// published schema, and every response of it too.
/// <para>
/// Request: a body the schema refuses is answered 400 in ARM's error shape (<c>{"error":{code, message, target, details}}</c>,
/// conventions/arm-rpc/common-api-details.md "Error response content"; code <c>InvalidRequestContent</c>, target the JSON path)
/// and recorded as a request <see cref="ContractViolation"/>; the endpoint is not reached, so nothing changes. A property the
/// schema does not have is refused although the RPC does not make RPs refuse it: it leaves request validation to the RP
/// (resource-api-reference.md "ARM will perform some basic validation before forwarding the request", "The RP is expected to
/// be more restrictive and have its own validation"), and the emulator stands for the strictest RP so that a client never
/// depends on a property being silently ignored. A read-only property is refused too; the RPC lets an RP ignore a
/// provisioningState equal to the server's (async-api-reference.md, "If the user provides a provisioningState matching the
/// value on the server, the server should ignore it" and must 400 otherwise); the emulator does not compare with the stored
/// value, so clients must leave read-only properties out (as the project's adapters do).
/// </para>
/// <para>
/// Response: the body is buffered, checked against the schema of its status (else <c>default</c>) and passed on unchanged; a
/// mismatch is recorded as a response violation (an emulator bug: the spec decides the document's shape).
/// </para>
/// </summary>
internal sealed class ContractMiddleware(RequestDelegate next, EmulatorWorld world)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var contract = world.Contract;
        var operation = contract?.OperationOf(context.Request.Method, context.Request.Path.Value ?? "", context.Request.Query["api-version"].FirstOrDefault());
        if (contract is null || operation is null)
        {
            await next(context);
            return;
        }

        var routed = context.GetEndpoint()?.Metadata.GetMetadata<AzureOperation>()?.OperationId;
        if (routed is not null && routed != operation)
        {
            world.Log.Violation(new ContractViolation(operation, "response", "",
                $"the emulator serves {context.Request.Method} {context.Request.Path} as '{routed}'; the spec's operation is '{operation}'"));
        }

        if (!await CheckRequestAsync(contract, operation, context))
        {
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        buffer.Position = 0;
        var sent = Parse(buffer.ToArray(), out var unreadable);
        foreach (var violation in unreadable is null ? contract.CheckResponse(operation, context.Response.StatusCode, sent) : [])
        {
            world.Log.Violation(violation);
        }

        if (unreadable is not null)
        {
            world.Log.Violation(new ContractViolation(operation, "response", "", unreadable));
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>True when the request may go on; else the 400 was written and the violations recorded.</summary>
    private async Task<bool> CheckRequestAsync(IContractCheck contract, string operation, HttpContext context)
    {
        context.Request.EnableBuffering();
        using var copy = new MemoryStream();
        await context.Request.Body.CopyToAsync(copy, context.RequestAborted);
        context.Request.Body.Position = 0;

        var body = Parse(copy.ToArray(), out var unreadable);
        IReadOnlyList<ContractViolation> violations = unreadable is null
            ? contract.CheckRequest(operation, body)
            : [new ContractViolation(operation, "request", "", unreadable)];
        if (violations.Count == 0)
        {
            return true;
        }

        foreach (var violation in violations)
        {
            world.Log.Violation(violation);
        }

        var first = violations[0];
        var target = SpecContractCheck.Dotted(first.Pointer);
        var details = violations.Select(v => new JsonObject
        {
            ["code"] = "InvalidRequestContent",
            ["message"] = v.Message,
            ["target"] = SpecContractCheck.Dotted(v.Pointer),
        });
        var message = $"The request content is invalid for {operation} (api-version {context.Request.Query["api-version"]}): {first.Message}"
            + (violations.Count > 1 ? $" (and {violations.Count - 1} more, see details)" : "");
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json; charset=utf-8";
        var error = ArmError.Body("InvalidRequestContent", message, target.Length == 0 ? null : target, details);
        await context.Response.WriteAsync(error.ToJsonString(), context.RequestAborted);
        return false;
    }

    /// <summary>The JSON of <paramref name="bytes"/>, null when empty; <paramref name="unreadable"/> says why it is not JSON.</summary>
    private static JsonNode? Parse(byte[] bytes, out string? unreadable)
    {
        unreadable = null;
        if (bytes.Length == 0 || bytes.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(bytes);
        }
        catch (JsonException ex)
        {
            unreadable = $"the body is not JSON ({ex.Message}): {Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 80))}";
            return null;
        }
    }
}
