using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Optimize.Emulator.Hosting;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Metrics;

/// <summary>
/// Azure Monitor metrics at api-version 2024-02-01 (specs/whole/monitor.resource-manager.metrics.2024-02-01.json and
/// monitor.data-plane.metricBatch.2024-02-01.json):
/// <list type="bullet">
/// <item><c>GET {resourceId}/providers/Microsoft.Insights/metricDefinitions</c> (MetricDefinitions_List): the type's
/// supported-metrics table (<see cref="MetricTables"/>; the built-in fallback when no contract pack is found).</item>
/// <item><c>GET {resourceId}/providers/Microsoft.Insights/metrics</c> (Metrics_List): values computed from the fleet
/// (<see cref="FleetMetricValues"/>), only for names in the type's table.</item>
/// <item><c>POST /subscriptions/{sub}/metrics:getBatch</c> (Batch, the {region}.metrics.monitor.azure.com data plane; the
/// host is not checked): see <see cref="MetricsBatch"/>.</item>
/// </list>
/// Errors: a resource not in the fleet is ARM's 404 <c>ResourceNotFound</c>; a bad parameter or a metric the type does not
/// have is the Insights RP's unwrapped 400 <c>{code: BadRequest, message}</c>.
/// </summary>
internal static class MetricsEndpoints
{
    private const string ResourcePath = "/subscriptions/{subscription}/resourceGroups/{group}/providers/{provider}/{type}/{name}/providers/Microsoft.Insights";

    /// <summary>Maps the endpoints, loading the supported-metrics tables from the world's contract pack.</summary>
    /// <exception cref="InvalidDataException">The pack's metrics folder is incomplete.</exception>
    public static void Map(IEndpointRouteBuilder app, EmulatorWorld world)
    {
        var surface = new MetricsSurface(world, MetricTables.Load(world.Options));
        app.MapGet(ResourcePath + "/metricDefinitions", (HttpContext context) => Definitions(surface, context))
            .Operation("MetricDefinitions_List");
        app.MapGet(ResourcePath + "/metrics", (HttpContext context) => List(surface, context))
            .Operation("Metrics_List");
        app.MapPost("/subscriptions/{subscription}/metrics:getBatch", (Func<HttpContext, Task<IResult>>)(context => MetricsBatch.HandleAsync(surface, context)))
            .Operation("Batch", AzurePlane.MetricsDataPlane);
    }

    /// <summary>The api-version check: missing or other than 2024-02-01 is 400 (ARM's codes); null when it is fine.</summary>
    internal static IResult? CheckApiVersion(HttpContext context, bool wrapped)
    {
        var version = context.Request.Query["api-version"].ToString();
        if (version == MetricsSurface.ApiVersion)
        {
            return null;
        }

        var (code, message) = version.Length == 0
            ? ("MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.")
            : ("InvalidApiVersionParameter", $"The api-version '{version}' is invalid. The supported versions are '{MetricsSurface.ApiVersion}'.");
        return wrapped ? ArmError.Result(400, code, message) : Results.Json(new JsonObject { ["code"] = code, ["message"] = message }, statusCode: 400);
    }

    private static IResult Definitions(MetricsSurface surface, HttpContext context)
    {
        if (CheckApiVersion(context, wrapped: false) is { } refused)
        {
            return refused;
        }

        if (Resolve(surface, context) is not { } resource)
        {
            return NotFound(context);
        }

        var table = surface.TableOf(resource);
        var ns = context.Request.Query["metricnamespace"].ToString();
        if (ns.Length > 0 && !ns.Equals(table.Namespace, StringComparison.OrdinalIgnoreCase))
        {
            return MetricsJson.BadRequest($"Metric namespace '{ns}' is not valid for resource type '{table.Namespace}'. Valid namespaces: {table.Namespace}");
        }

        var value = new JsonArray([.. table.Rows.Select(r => (JsonNode)MetricsJson.Definition(resource.Resource.Id, table, r))]);
        return Results.Json(new JsonObject { ["value"] = value });
    }

    private static IResult List(MetricsSurface surface, HttpContext context)
    {
        if (CheckApiVersion(context, wrapped: false) is { } refused)
        {
            return refused;
        }

        // A fleet resource, or a site hosted on a fleet plan (SimulatedFleet.HostedSites; served from the plan's steps).
        MetricTable table;
        string region;
        Func<IReadOnlyList<MetricRow>, MetricsQuery, IReadOnlyList<string>, JsonArray> read;
        if (Resolve(surface, context) is { } resource)
        {
            table = surface.TableOf(resource);
            region = resource.Resource.Location;
            read = (rows, query, dimensions) => surface.Metrics(resource, rows, query, dimensions, Param(context.Request.Query["$filter"]));
        }
        else if (surface.World.Fleet.FindHostedSite(ResourceId(context)) is { } site
            && surface.Tables.Find(MetricNamespaces.Sites) is { } sites)
        {
            table = sites;
            region = site.Plan.Resource.Location;
            var id = surface.World.Fleet.HostedSites(site.Plan)[site.Site];
            read = (rows, query, _) => surface.HostedSiteMetrics(id, site.Plan, site.Count, rows, query);
        }
        else
        {
            return NotFound(context);
        }

        var q = context.Request.Query;
        var ns = q["metricnamespace"].ToString();
        if (ns.Length > 0 && !ns.Equals(table.Namespace, StringComparison.OrdinalIgnoreCase))
        {
            return MetricsJson.BadRequest($"Metric namespace '{ns}' is not valid for resource type '{table.Namespace}'. Valid namespaces: {table.Namespace}");
        }

        try
        {
            var query = MetricsQuery.Parse(Param(q["timespan"]), Param(q["interval"]), Param(q["aggregation"]), Param(q["metricnames"]), surface.World.Time.GetUtcNow());
            var rows = MetricsSurface.Rows(table, query);
            var dimensions = MetricsSurface.FilterDimensions(Param(q["$filter"]), rows);
            var metrics = read(rows, query, dimensions);
            return Results.Json(new JsonObject
            {
                ["cost"] = query.Grid().Points * rows.Count,
                ["timespan"] = $"{MetricsQuery.Iso(query.Start)}/{MetricsQuery.Iso(query.End)}",
                ["interval"] = query.IntervalText,
                ["value"] = metrics,
                ["namespace"] = table.Namespace.ToLowerInvariant(),
                ["resourceregion"] = region,
            });
        }
        catch (MetricsQueryException error)
        {
            return MetricsJson.BadRequest(error.Message);
        }
    }

    private static string? Param(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 ? null : value.ToString();

    private static SimulatedResource? Resolve(MetricsSurface surface, HttpContext context) => surface.World.Fleet.Find(ResourceId(context));

    private static string ResourceId(HttpContext context)
    {
        var r = context.Request.RouteValues;
        return $"/subscriptions/{r["subscription"]}/resourceGroups/{r["group"]}/providers/{r["provider"]}/{r["type"]}/{r["name"]}";
    }

    /// <summary>ARM's 404 for a resource that does not exist (its message, wrapped in <c>error</c>: ARM answers it, not the RP).</summary>
    private static IResult NotFound(HttpContext context)
    {
        var r = context.Request.RouteValues;
        return ArmError.Result(404, "ResourceNotFound",
            $"The Resource '{r["provider"]}/{r["type"]}/{r["name"]}' under resource group '{r["group"]}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }
}
