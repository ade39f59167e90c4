using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Optimize.Emulator.Hosting;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Arm;

/// <summary>
/// Uniform scale sets (specs/Microsoft.Compute.virtualMachineScaleSets.2023-07-01.json): GET, PATCH of <c>sku</c> (name,
/// capacity; long-running), the instances list with <c>latestModelApplied</c>, and <c>manualupgrade</c>. A SKU change
/// follows the upgrade policy (NOTES (d)): under Manual the instances keep the old size until manualupgrade lists them, and
/// the simulated workload runs on the old size until the last one is upgraded; under Automatic every instance moves when the
/// PATCH is accepted; under Rolling one batch (20 %, the published maxBatchInstancePercent default) moves then and another at
/// each read of the instances list, the workload changing size with the last batch.
/// </summary>
internal static class ScaleSetEndpoints
{
    private const string ScaleSet = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachineScaleSets/{name}";

    private static readonly string[] ReadOnly =
        ["id", "name", "type", "location", "properties.uniqueId", "properties.provisioningState", "properties.timeCreated", "properties.orchestrationMode"];

    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app, EmulatorWorld world, ComputeState state)
    {
        app.MapGet(ScaleSet, (HttpContext c) => ComputeEndpoints.With(world, c, ResourceKind.ScaleSet, ss => Results.Json(world.Documents.Read(ss).Document)))
            .Operation("VirtualMachineScaleSets_Get");
        app.MapPatch(ScaleSet, (Delegate)((HttpContext c) => ComputeEndpoints.WithBodyAsync(world, c, ResourceKind.ScaleSet, (ss, body) => Patch(world, state, c, ss, body))))
            .Operation("VirtualMachineScaleSets_Update");
        app.MapGet(ScaleSet + "/virtualMachines", (HttpContext c) => ComputeEndpoints.With(world, c, ResourceKind.ScaleSet, ss => Instances(world, state, c, ss)))
            .Operation("VirtualMachineScaleSetVMs_List");
        app.MapPost(ScaleSet + "/manualupgrade", (Delegate)((HttpContext c) => ComputeEndpoints.WithBodyAsync(world, c, ResourceKind.ScaleSet, (ss, body) => Upgrade(world, state, c, ss, body))))
            .Operation("VirtualMachineScaleSets_UpdateInstances");
    }

    private static IResult Patch(EmulatorWorld world, ComputeState state, HttpContext context, SimulatedResource ss, JsonObject body)
    {
        var now = world.Time.GetUtcNow();
        var running = (ScaleSetConfig)world.Fleet.ConfigAt(ss, now);
        var model = running with { Sku = state.PendingSku(ss) ?? running.Sku };
        var target = model;
        if (body["sku"] is JsonObject sku)
        {
            if (sku["name"]?.GetValue<string>() is { } name)
            {
                var spec = world.Fleet.SpecOf(ss, new ScaleSetConfig(name, 1));
                if (spec is null)
                {
                    return ArmError.Result(400, "InvalidParameter", $"The value {name} provided for the scale set's sku.name is not a valid VM size in {ss.Resource.Location}.", "sku.name");
                }

                target = target with { Sku = spec.Name };
            }

            if (sku["capacity"] is { } capacity)
            {
                var count = capacity.GetValue<long>();
                if (count is < 0 or > 1000)
                {
                    return ArmError.Result(400, "InvalidParameter", $"The scale set's sku.capacity {count} is outside 0–1000.", "sku.capacity");
                }

                target = target with { Capacity = (int)count };
            }
        }

        var etag = world.Documents.Read(ss).ETag;
        if (ArmRequests.IfMatch(context.Request, etag) is { } conflict)
        {
            return conflict;
        }

        var failure = ArmRequests.DrawOperationFailure(world, $"updating '{ss.Resource.Name}'");
        if (failure is null)
        {
            world.Documents.Write(ss, (stored, _) =>
            {
                body.Remove("sku");
                JsonMerge.Apply(stored, body, ReadOnly);
                stored["properties"]!["provisioningState"] = "Succeeded";
                var runs = state.ApplyModel(ss, running, target);
                if (runs != running)
                {
                    world.Fleet.Record(ss, runs, now, restarted: !string.Equals(runs.Sku, running.Sku, StringComparison.OrdinalIgnoreCase));
                }

                return (true, 0);
            });
        }
        else
        {
            ComputeEndpoints.MarkFailed(world, ss);
        }

        if (failure is null && ArmRequests.DrawAppliedButFailed(world, $"updating '{ss.Resource.Name}'") is { } applied)
        {
            failure = applied;
            ComputeEndpoints.MarkFailed(world, ss);
        }

        var document = world.Documents.Read(ss).Document;
        document["properties"]!["provisioningState"] = "Updating";
        ArmRequests.StartOperation(world, context, ss, "Microsoft.Compute", failure, null);
        return Results.Json(document);
    }

    private static IResult Instances(EmulatorWorld world, ComputeState state, HttpContext context, SimulatedResource ss)
    {
        var filter = context.Request.Query["$filter"].ToString();
        var compact = filter.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        bool? latest = compact switch
        {
            "" => null,
            "properties/latestmodelappliedeqfalse" => false,
            "properties/latestmodelappliedeqtrue" => true,
            _ => (bool?)null,
        };
        if (compact.Length > 0 && latest is null)
        {
            // The spec documents only this filter for the list ("properties/latestModelApplied eq true|false").
            return ArmError.Result(400, "InvalidParameter", $"The $filter '{filter}' is not supported; use 'properties/latestModelApplied eq true|false'.", "$filter");
        }

        if (state.AdvanceRolling(ss) is { } rolled)
        {
            // A rolling upgrade's last batch landed: the workload now runs on the new size.
            var now = world.Time.GetUtcNow();
            world.Fleet.Record(ss, (ScaleSetConfig)world.Fleet.ConfigAt(ss, now) with { Sku = rolled }, now, restarted: true);
        }

        var model = state.PendingSku(ss) ?? ((ScaleSetConfig)world.Fleet.ConfigAt(ss, world.Time.GetUtcNow())).Sku;
        var r = ss.Resource;
        var value = new JsonArray();
        foreach (var (id, sku) in state.Instances(ss))
        {
            var applied = string.Equals(sku, model, StringComparison.OrdinalIgnoreCase);
            if (latest is { } wanted && wanted != applied)
            {
                continue;
            }

            value.Add(new JsonObject
            {
                ["instanceId"] = id,
                ["id"] = $"{r.Id}/virtualMachines/{id}",
                ["name"] = $"{r.Name}_{id}",
                ["type"] = "Microsoft.Compute/virtualMachineScaleSets/virtualMachines",
                ["location"] = r.Location,
                ["sku"] = new JsonObject { ["name"] = sku, ["tier"] = "Standard" },
                ["properties"] = new JsonObject { ["latestModelApplied"] = applied, ["provisioningState"] = "Succeeded" },
            });
        }

        return Results.Json(new JsonObject { ["value"] = value });
    }

    private static IResult Upgrade(EmulatorWorld world, ComputeState state, HttpContext context, SimulatedResource ss, JsonObject body)
    {
        if (body["instanceIds"] is not JsonArray ids || ids.Count == 0 || ids.Any(i => i is not JsonValue))
        {
            return ArmError.Result(400, "InvalidParameter", "Required parameter 'instanceIds' is missing (null) or empty.", "instanceIds");
        }

        var failure = ArmRequests.DrawOperationFailure(world, $"upgrading instances of '{ss.Resource.Name}'");
        if (failure is null)
        {
            var (unknown, completed) = state.Upgrade(ss, [.. ids.Select(i => i!.ToString())]);
            if (unknown.Count > 0)
            {
                return ArmError.Result(400, "InvalidParameter", $"The instance ids '{string.Join(",", unknown)}' are not valid for the scale set '{ss.Resource.Name}'.", "instanceIds");
            }

            if (completed is not null)
            {
                // The last stale instance took the model: the workload now runs on the new size.
                var now = world.Time.GetUtcNow();
                var running = (ScaleSetConfig)world.Fleet.ConfigAt(ss, now);
                world.Fleet.Record(ss, running with { Sku = completed }, now, restarted: true);
            }
        }

        ArmRequests.StartOperation(world, context, ss, "Microsoft.Compute", failure, null);
        return Results.StatusCode(202);
    }
}
