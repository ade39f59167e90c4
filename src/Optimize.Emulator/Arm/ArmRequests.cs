using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Optimize.Emulator.Hosting;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Arm;

/// <summary>
/// What every ARM resource endpoint does first (ARM RPC common-api-details.md): require the api-version it serves, find
/// the resource named by the path in the fleet, and read a JSON body; each failure is ARM's error shape.
/// </summary>
internal static class ArmRequests
{
    /// <summary>The ARM id of the resource a request addresses: its path up to <paramref name="segments"/> segments (8 for a top-level resource).</summary>
    public static string ResourceId(HttpRequest request, int segments = 8)
    {
        var parts = (request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return "/" + string.Join('/', parts.Take(segments));
    }

    /// <summary>400 <c>MissingApiVersionParameter</c> or <c>InvalidApiVersionParameter</c> unless the request asks for one of <paramref name="served"/>.</summary>
    public static IResult? ApiVersion(HttpRequest request, params string[] served)
    {
        var asked = request.Query["api-version"].ToString();
        if (asked.Length == 0)
        {
            return ArmError.Result(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
        }

        return served.Contains(asked, StringComparer.OrdinalIgnoreCase)
            ? null
            : ArmError.Result(400, "InvalidApiVersionParameter",
                $"The api-version '{asked}' is invalid. The supported versions are '{string.Join(",", served)}'.");
    }

    /// <summary>
    /// The checks every resource endpoint shares: one of <paramref name="apiVersions"/>, a fleet resource of <paramref name="kind"/>
    /// at the request's path; then <paramref name="handle"/> on it. Each failure is ARM's error.
    /// </summary>
    public static IResult With(EmulatorWorld world, HttpContext context, ResourceKind kind, string[] apiVersions, Func<SimulatedResource, IResult> handle)
    {
        if (ApiVersion(context.Request, apiVersions) is { } badVersion)
        {
            return badVersion;
        }

        var (resource, missing) = Find(world, ResourceId(context.Request));
        return missing ?? (resource!.Resource.Kind == kind
            ? handle(resource)
            : ArmError.Result(404, "ResourceNotFound", $"The Resource '{context.Request.Path}' was not found."));
    }

    /// <summary><see cref="With"/> for a write: the JSON body is read first (400 when it is not an object).</summary>
    public static async Task<IResult> WithBodyAsync(
        EmulatorWorld world, HttpContext context, ResourceKind kind, string[] apiVersions, Func<SimulatedResource, JsonObject, IResult> handle)
    {
        var (body, invalid) = await BodyAsync(context.Request).ConfigureAwait(false);
        return invalid ?? With(world, context, kind, apiVersions, r => handle(r, body!));
    }

    /// <summary>The fleet's resource with <paramref name="id"/>, or ARM's 404 <c>ResourceNotFound</c>.</summary>
    public static (SimulatedResource? Resource, IResult? Error) Find(EmulatorWorld world, string id)
    {
        var resource = world.Fleet.Find(id);
        if (resource is not null)
        {
            return (resource, null);
        }

        var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var group = parts.Length > 3 ? parts[3] : "";
        var type = parts.Length > 7 ? $"{parts[5]}/{parts[6]}/{parts[7]}" : id;
        return (null, ArmError.Result(404, "ResourceNotFound", $"The Resource '{type}' under resource group '{group}' was not found."));
    }

    /// <summary>The request's JSON object body, or 400 <c>InvalidRequestContent</c>.</summary>
    public static async Task<(JsonObject? Body, IResult? Error)> BodyAsync(HttpRequest request)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
            return node is JsonObject body
                ? (body, null)
                : (null, ArmError.Result(400, "InvalidRequestContent", "The request content must be a JSON object."));
        }
        catch (JsonException e)
        {
            return (null, ArmError.Result(400, "InvalidRequestContent", $"The request content was invalid and could not be deserialized: {e.Message}"));
        }
    }

    /// <summary>
    /// 412 <c>PreconditionFailed</c> when the request's <c>If-Match</c> names another ETag than <paramref name="etag"/>
    /// (ARM RPC: optimistic concurrency); null when it matches, is <c>*</c>, or is absent.
    /// </summary>
    public static IResult? IfMatch(HttpRequest request, string etag)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        return ifMatch.Length == 0 || ifMatch == "*" || ifMatch == etag
            ? null
            : ArmError.Result(412, "PreconditionFailed", $"The If-Match ETag {ifMatch} does not match the resource's current ETag {etag}.");
    }

    /// <summary>
    /// Starts a long-running operation for <paramref name="resource"/> and adds its <c>Azure-AsyncOperation</c> and
    /// <c>Location</c> headers (async-api-reference.md), with <c>Retry-After</c> in whole seconds of the operation's duration.
    /// The operation fails with <paramref name="error"/> (or a drawn <see cref="EmulatorFaults.OperationFailureRate"/>
    /// failure, whose code is <c>OperationFailed</c>).
    /// </summary>
    public static void StartOperation(EmulatorWorld world, HttpContext context, SimulatedResource resource, string provider, JsonObject? error, JsonNode? result)
    {
        var (asyncOperation, location) = world.Operations.Start(
            context.Request, resource.Resource.SubscriptionId, provider, resource.Resource.Location, error, result);
        context.Response.Headers["Azure-AsyncOperation"] = asyncOperation.AbsoluteUri;
        context.Response.Headers.Location = location.AbsoluteUri;
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(world.Options.OperationDuration.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The error body of a write that took effect but whose operation the fault plan makes report Failed
    /// (<see cref="EmulatorFaults.AppliedButFailedRate"/>), or null.
    /// </summary>
    public static JsonObject? DrawAppliedButFailed(EmulatorWorld world, string what) =>
        world.Draw(world.Faults.AppliedButFailedRate)
            ? (JsonObject)ArmError.Body("OperationFailed", $"The long-running operation for {what} failed (injected fault; the change took effect).")["error"]!.DeepClone()
            : null;

    /// <summary>The error body of an operation that the fault plan makes fail, or null.</summary>
    public static JsonObject? DrawOperationFailure(EmulatorWorld world, string what) =>
        world.Draw(world.Faults.OperationFailureRate)
            ? (JsonObject)ArmError.Body("OperationFailed", $"The long-running operation for {what} failed (injected fault).")["error"]!.DeepClone()
            : null;
}
