using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Optimize.Emulator.Hosting;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Arm;

/// <summary>
/// microsoft.insights/autoscalesettings at api-version 2022-10-01 (specs/whole/monitor.resource-manager.autoscale_API.2022-10-01.json):
/// GET and PATCH (<c>AutoscaleSettings_Update</c>: 200 only, no long-running operation). NOTES (b): the PATCH body is
/// <c>{tags, properties: AutoscaleSetting}</c>; the emulator replaces <c>properties</c> as a whole when it is sent, so
/// <c>profiles</c> is required and an omitted <c>enabled</c> takes its published default, false (as Azure/azure-rest-api-specs
/// #15423 reports of the service), and omitted notifications or predictive policy are gone. Sent <c>tags</c> replace the tags.
/// The fleet records the default profile's capacity and CPU thresholds; it keeps governing its target when <c>enabled</c> is false
/// (the simulator has no disabled autoscale), which tests read from the document instead.
/// </summary>
internal static class AutoscaleEndpoints
{
    /// <summary>The api-version served.</summary>
    internal const string ApiVersion = "2022-10-01";

    private const string Setting = "/subscriptions/{sub}/resourceGroups/{rg}/providers/microsoft.insights/autoscalesettings/{name}";

    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app, EmulatorWorld world)
    {
        world.Documents.Register(ResourceKind.AutoscaleSetting, new AutoscaleDocumentShape(world));
        app.MapGet(Setting, (HttpContext c) => ArmRequests.With(world, c, ResourceKind.AutoscaleSetting, [ApiVersion], s => Results.Json(world.Documents.Read(s).Document)))
            .Operation("AutoscaleSettings_Get");
        app.MapPatch(Setting, (Delegate)((HttpContext c) => ArmRequests.WithBodyAsync(world, c, ResourceKind.AutoscaleSetting, [ApiVersion], (s, body) => Patch(world, c, s, body))))
            .Operation("AutoscaleSettings_Update");
    }

    private static IResult Patch(EmulatorWorld world, HttpContext context, SimulatedResource setting, JsonObject body)
    {
        var etag = world.Documents.Read(setting).ETag;
        if (ArmRequests.IfMatch(context.Request, etag) is { } conflict)
        {
            return conflict;
        }

        var current = (AutoscaleConfig)world.Fleet.ConfigAt(setting, world.Time.GetUtcNow());
        AutoscaleConfig target = current;
        if (body["properties"] is { } sent)
        {
            if (sent is not JsonObject properties || properties["profiles"] is not JsonArray { Count: > 0 and <= 20 } profiles)
            {
                return ArmError.Result(400, "InvalidRequestContent", "The autoscale setting's properties must carry 'profiles' (1–20 profiles); it is required.", "properties.profiles");
            }

            var targetUri = properties["targetResourceUri"]?.GetValue<string>() ?? current.TargetResourceId;
            if (!string.Equals(targetUri, current.TargetResourceId, StringComparison.OrdinalIgnoreCase))
            {
                return ArmError.Result(400, "BadRequest", $"The autoscale setting's targetResourceUri cannot change (it scales '{current.TargetResourceId}').", "properties.targetResourceUri");
            }

            if (AutoscaleDocumentShape.Parse(profiles, current) is not { } parsed)
            {
                return ArmError.Result(400, "InvalidRequestContent",
                    "The default profile's capacity must hold integer strings with 0 ≤ minimum ≤ default ≤ maximum.", "properties.profiles");
            }

            target = parsed;
        }

        world.Documents.Write(setting, (document, _) =>
        {
            if (body["tags"] is JsonObject tags)
            {
                document["tags"] = tags.DeepClone();
            }

            if (body["properties"] is JsonObject properties)
            {
                var replaced = (JsonObject)properties.DeepClone();
                replaced["enabled"] ??= false;
                replaced["targetResourceUri"] ??= current.TargetResourceId;
                replaced["name"] = setting.Resource.Name;
                document["properties"] = replaced;
            }

            var now = world.Time.GetUtcNow();
            if (target != current)
            {
                world.Fleet.Record(setting, target, now, restarted: false);
            }

            return (true, 0);
        });
        return Results.Json(world.Documents.Read(setting).Document);
    }
}
