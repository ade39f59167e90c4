using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Optimize.Emulator.Hosting;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Arm;

/// <summary>
/// Microsoft.Web at api-version 2024-11-01 (specs/Microsoft.Web.sites.2024-11-01.json, specs/Microsoft.Web.serverfarms.2024-11-01.json):
/// <list type="bullet">
/// <item>sites (Flex Consumption apps): GET; PUT, a full replacement (ARM RPC), which is how scale settings change (NOTES item 3, the
/// Azure CLI's GET → PUT); PATCH, whose <c>SitePatchResource</c> has no <c>functionAppConfig</c> (NOTES (a)): the emulator
/// refuses it with 400 and records a contract violation, the stricter of the two readings NOTES (a) allows.</item>
/// <item>serverfarms: GET; PUT, a full replacement: read-only properties are server-set, create-only ones may not change, and
/// omitted writable ones take their schema defaults (NOTES (c)).</item>
/// </list>
/// Writes are long-running: 200 with <c>Azure-AsyncOperation</c> (async-api-reference.md, "PUT async").
/// </summary>
internal static class WebEndpoints
{
    /// <summary>The api-version served.</summary>
    internal const string ApiVersion = "2024-11-01";

    private const string Site = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Web/sites/{name}";
    private const string Plan = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Web/serverfarms/{name}";
    // Our model, not the contract: the spec fragment gives instanceMemoryMB and maximumInstanceCount as int32 with no
    // min/max/enum (specs/NOTES.md, FunctionsScaleAndConcurrency). The sizes 512/2048/4096 MB and the 40–1000 instance range
    // are the Flex Consumption service limits as Microsoft Learn's Flex plan page describes them (not in the pack).
    private static readonly int[] FlexMemorySizes = [512, 2048, 4096];

    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app, EmulatorWorld world)
    {
        world.Documents.Register(ResourceKind.FunctionApp, new SiteDocumentShape());
        world.Documents.Register(ResourceKind.AppServicePlan, new PlanDocumentShape(world));
        app.MapGet(Site, (HttpContext c) => With(world, c, ResourceKind.FunctionApp, r => Results.Json(world.Documents.Read(r).Document))).Operation("WebApps_Get");
        app.MapPut(Site, (Delegate)((HttpContext c) => WithBodyAsync(world, c, ResourceKind.FunctionApp, PutSite))).Operation("WebApps_CreateOrUpdate");
        app.MapPatch(Site, (Delegate)((HttpContext c) => WithBodyAsync(world, c, ResourceKind.FunctionApp, PatchSite))).Operation("WebApps_Update");
        app.MapGet(Plan, (HttpContext c) => With(world, c, ResourceKind.AppServicePlan, r => Results.Json(world.Documents.Read(r).Document))).Operation("AppServicePlans_Get");
        app.MapPut(Plan, (Delegate)((HttpContext c) => WithBodyAsync(world, c, ResourceKind.AppServicePlan, PutPlan))).Operation("AppServicePlans_CreateOrUpdate");
    }

    private static IResult With(EmulatorWorld world, HttpContext context, ResourceKind kind, Func<SimulatedResource, IResult> handle) =>
        ArmRequests.With(world, context, kind, [ApiVersion], handle);

    private static Task<IResult> WithBodyAsync(
        EmulatorWorld world, HttpContext context, ResourceKind kind, Func<EmulatorWorld, HttpContext, SimulatedResource, JsonObject, IResult> handle) =>
        ArmRequests.WithBodyAsync(world, context, kind, [ApiVersion], (r, body) => handle(world, context, r, body));

    private static IResult PutSite(EmulatorWorld world, HttpContext context, SimulatedResource site, JsonObject body)
    {
        if (body["location"] is null)
        {
            return ArmError.Result(400, "LocationRequired", "The location property is required for this definition.");
        }

        var scale = body["properties"]?["functionAppConfig"]?["scaleAndConcurrency"];
        var memory = scale?["instanceMemoryMB"]?.GetValue<int>();
        var maximum = scale?["maximumInstanceCount"]?.GetValue<int>();
        if (memory is null || maximum is null)
        {
            return ArmError.Result(400, "BadRequest",
                "A Flex Consumption app requires properties.functionAppConfig.scaleAndConcurrency with instanceMemoryMB and maximumInstanceCount.");
        }

        if (!FlexMemorySizes.Contains(memory.Value))
        {
            return ArmError.Result(400, "BadRequest", $"InstanceMemoryMB {memory} is invalid; the Flex Consumption sizes are {string.Join(", ", FlexMemorySizes)}.");
        }

        if (maximum is < 40 or > 1000)
        {
            return ArmError.Result(400, "BadRequest", $"MaximumInstanceCount {maximum} is invalid; it must be between 40 and 1000.");
        }

        return Replace(world, context, site, body, SiteDocumentShape.ReadOnly, [], new FunctionAppConfig(memory.Value, maximum.Value), restarted: false);
    }

    private static IResult PatchSite(EmulatorWorld world, HttpContext context, SimulatedResource site, JsonObject body)
    {
        if (body["properties"]?["functionAppConfig"] is not null)
        {
            world.Log.Violation(new ContractViolation("WebApps_Update", "request", "/properties/functionAppConfig",
                "SitePatchResource (2024-11-01) has no functionAppConfig (NOTES (a)); change Flex scale settings with GET → PUT of the Site"));
            return ArmError.Result(400, "BadRequest",
                "The PATCH body (SitePatchResource) has no property 'functionAppConfig' at api-version 2024-11-01; PUT the whole site to change it.",
                "properties.functionAppConfig");
        }

        var etag = world.Documents.Read(site).ETag;
        if (ArmRequests.IfMatch(context.Request, etag) is { } conflict)
        {
            return conflict;
        }

        world.Documents.Write(site, (stored, _) =>
        {
            JsonMerge.Apply(stored, body, ["id", "name", "type", "location", .. SiteDocumentShape.ReadOnly.Select(p => "properties." + p)]);
            return (true, 0);
        });
        return Results.Json(world.Documents.Read(site).Document);
    }

    private static IResult PutPlan(EmulatorWorld world, HttpContext context, SimulatedResource plan, JsonObject body)
    {
        if (body["location"] is null)
        {
            return ArmError.Result(400, "LocationRequired", "The location property is required for this definition.");
        }

        var current = (AppServicePlanConfig)world.Fleet.ConfigAt(plan, world.Time.GetUtcNow());
        var name = body["sku"]?["name"]?.GetValue<string>() ?? current.Sku;
        var workers = body["sku"]?["capacity"]?.GetValue<int>() ?? current.Workers;
        var spec = world.Fleet.SpecOf(plan, new AppServicePlanConfig(name, workers));
        if (spec is null)
        {
            return ArmError.Result(400, "BadRequest", $"The pricing tier '{name}' is not allowed for this App Service plan in {plan.Resource.Location}.", "sku.name");
        }

        if (workers < 1 || (spec.MaxWorkers > 0 && workers > spec.MaxWorkers))
        {
            return ArmError.Result(400, "BadRequest", $"The number of workers {workers} is invalid for {spec.Name}: it must be 1–{Math.Max(1, spec.MaxWorkers)}.", "sku.capacity");
        }

        var (stored, _) = world.Documents.Read(plan);
        foreach (var property in PlanDocumentShape.CreateOnly)
        {
            if (body["properties"]?[property] is { } sent && stored["properties"]?[property] is { } kept && !JsonNode.DeepEquals(sent, kept))
            {
                return ArmError.Result(400, "BadRequest", $"The property '{property}' can be set only when the App Service plan is created.", "properties." + property);
            }
        }

        return Replace(world, context, plan, body, PlanDocumentShape.ReadOnly, PlanDocumentShape.CreateOnly,
            new AppServicePlanConfig(spec.Name, workers), restarted: !string.Equals(spec.Name, current.Sku, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// A PUT's full replacement: the stored document becomes the body, except id/name/type and the read-only and create-only
    /// properties, which keep their stored values; the configuration is recorded in the fleet when it changes.
    /// </summary>
    private static IResult Replace(
        EmulatorWorld world, HttpContext context, SimulatedResource resource, JsonObject body, string[] readOnly, string[] createOnly, ResourceConfig target, bool restarted)
    {
        var etag = world.Documents.Read(resource).ETag;
        if (ArmRequests.IfMatch(context.Request, etag) is { } conflict)
        {
            return conflict;
        }

        var failure = ArmRequests.DrawOperationFailure(world, $"updating '{resource.Resource.Name}'");
        if (failure is null)
        {
            world.Documents.Write(resource, (stored, _) =>
            {
                var keptProperties = stored["properties"] as JsonObject ?? [];
                var properties = body["properties"]?.DeepClone() as JsonObject ?? [];
                foreach (var name in readOnly.Concat(createOnly))
                {
                    properties.Remove(name);
                    if (keptProperties[name] is { } kept)
                    {
                        properties[name] = kept.DeepClone();
                    }
                }

                foreach (var (name, _) in stored.ToArray())
                {
                    if (name is not ("id" or "name" or "type" or "location"))
                    {
                        stored.Remove(name);
                    }
                }

                foreach (var (name, value) in body)
                {
                    if (name is not ("id" or "name" or "type" or "location" or "properties") && value is not null)
                    {
                        stored[name] = value.DeepClone();
                    }
                }

                stored["properties"] = properties;
                var now = world.Time.GetUtcNow();
                if (world.Fleet.ConfigAt(resource, now) != target)
                {
                    world.Fleet.Record(resource, target, now, restarted);
                }

                return (true, 0);
            });
        }

        failure ??= ArmRequests.DrawAppliedButFailed(world, $"updating '{resource.Resource.Name}'");
        var (document, _) = world.Documents.Read(resource);
        ArmRequests.StartOperation(world, context, resource, "Microsoft.Web", failure, null);
        return Results.Json(document);
    }
}
