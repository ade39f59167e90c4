using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Optimize.Emulator.Hosting;

namespace Optimize.Emulator.Arm;

/// <summary>
/// ARM long-running operations (conventions/arm-rpc/async-api-reference.md): an operation is InProgress until
/// <see cref="EmulatorOptions.OperationDuration"/> has passed on the emulator's clock, then Succeeded or Failed.
/// <c>Azure-AsyncOperation</c> answers 200 with <c>{id, name, status, startTime, endTime, error}</c>; <c>Location</c>
/// answers 202 (no body) while running and the final status when done.
/// </summary>
internal sealed class OperationStore(EmulatorWorld world)
{
    private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Starts an operation; the caller has already applied (or, for a failed one, not applied) its effect.
    /// Returns the absolute <c>Azure-AsyncOperation</c> and <c>Location</c> URIs, on the request's own scheme and host.
    /// </summary>
    /// <param name="request">The request that started it (its host is the ARM endpoint the client used).</param>
    /// <param name="subscription">Subscription of the resource.</param>
    /// <param name="provider">Resource provider namespace, for example <c>Microsoft.Compute</c>.</param>
    /// <param name="location">Region of the resource.</param>
    /// <param name="error">The error the operation ends with; null for success.</param>
    /// <param name="result">The body a done <c>Location</c> poll returns (200); null answers 204.</param>
    public (Uri AsyncOperation, Uri Location) Start(HttpRequest request, string subscription, string provider, string location, JsonObject? error, JsonNode? result)
    {
        var id = Guid.NewGuid().ToString();
        var now = world.Time.GetUtcNow();
        _operations[id] = new Operation(id, now, now + world.Options.OperationDuration, error, result);
        var root = $"{request.Scheme}://{request.Host}/subscriptions/{subscription}/providers/{provider}/locations/{location}";
        return (new Uri($"{root}/operations/{id}?api-version={request.Query["api-version"]}"),
            new Uri($"{root}/operationResults/{id}?api-version={request.Query["api-version"]}"));
    }

    /// <summary>Maps the two polling endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app, EmulatorWorld world)
    {
        app.MapGet("/subscriptions/{sub}/providers/{provider}/locations/{location}/operations/{id}", (string id) => world.Operations.Status(id))
            .Operation("AsyncOperation_Get");
        app.MapGet("/subscriptions/{sub}/providers/{provider}/locations/{location}/operationResults/{id}", (string id) => world.Operations.Result(id))
            .Operation("OperationResult_Get");
    }

    private IResult Status(string id)
    {
        if (!_operations.TryGetValue(id, out var op))
        {
            return ArmError.Result(404, "OperationNotFound", $"The operation '{id}' was not found.");
        }

        var done = world.Time.GetUtcNow() >= op.End;
        var body = new JsonObject
        {
            ["id"] = id,
            ["name"] = id,
            ["status"] = !done ? "InProgress" : op.Error is null ? "Succeeded" : "Failed",
            ["startTime"] = op.Start.UtcDateTime.ToString("O"),
        };
        if (done)
        {
            body["endTime"] = op.End.UtcDateTime.ToString("O");
            if (op.Error is not null)
            {
                body["error"] = op.Error.DeepClone();
            }
        }

        return Results.Json(body);
    }

    private IResult Result(string id)
    {
        if (!_operations.TryGetValue(id, out var op))
        {
            return ArmError.Result(404, "OperationNotFound", $"The operation '{id}' was not found.");
        }

        if (world.Time.GetUtcNow() < op.End)
        {
            return Results.StatusCode(202);
        }

        if (op.Error is not null)
        {
            return Results.Json(new JsonObject { ["error"] = op.Error.DeepClone() }, statusCode: 400);
        }

        return op.Result is null ? Results.NoContent() : Results.Json(op.Result.DeepClone());
    }

    private sealed record Operation(string Id, DateTimeOffset Start, DateTimeOffset End, JsonObject? Error, JsonNode? Result);
}
