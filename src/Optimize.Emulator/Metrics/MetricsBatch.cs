using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Optimize.Emulator.Hosting;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Metrics;

/// <summary>
/// <c>POST /subscriptions/{sub}/metrics:getBatch</c> (operationId Batch, monitor.data-plane.metricBatch.2024-02-01.json;
/// specs/NOTES.md (e); conventions/azure-monitor-docs/migrate-to-batch-api.excerpts.md):
/// body <c>{"resourceids": [...]}</c> (lower-case, at most 50 unique ids, same subscription, region and type);
/// <c>metricnamespace</c> and <c>metricnames</c> required; <c>starttime</c>/<c>endtime</c> instead of timespan;
/// <c>filter</c> without <c>$</c>. 200 <c>{"values": [{starttime, endtime, interval, namespace, resourceregion, resourceid, value}]}</c>,
/// one item per id in request order; an id not in the fleet is an item whose metrics carry <c>errorCode</c>
/// <c>ResourceNotFound</c> and empty <c>timeseries</c>. Whole-call errors are wrapped in <c>error</c> (unlike Metrics_List).
/// With <see cref="EmulatorFaults.MetricsBatchThrottleRate"/>, calls are answered 529 with <c>Retry-After</c>.
/// </summary>
internal static class MetricsBatch
{
    /// <summary>Largest number of unique resource ids per call.</summary>
    public const int MaxResources = 50;

    /// <summary>Serves one batch call.</summary>
    public static async Task<IResult> HandleAsync(MetricsSurface surface, HttpContext context)
    {
        var world = surface.World;
        if (MetricsEndpoints.CheckApiVersion(context, wrapped: true) is { } refused)
        {
            return refused;
        }

        if (world.Draw(world.Faults.MetricsBatchThrottleRate))
        {
            context.Response.Headers.RetryAfter = world.Faults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return ArmError.Result(529, "Throttled", "The metrics backend is currently throttling requests (injected fault). Retry with exponential backoff.");
        }

        var q = context.Request.Query;
        var ns = q["metricnamespace"].ToString();
        var names = q["metricnames"].ToString();
        if (ns.Length == 0 || names.Length == 0)
        {
            return Bad("The query parameters 'metricnamespace' and 'metricnames' are required for metrics:getBatch.");
        }

        if (surface.Tables.Find(ns) is not { } table)
        {
            return Bad($"Metric namespace '{ns}' is not supported: metrics:getBatch serves resource-type namespaces only ({string.Join(", ", MetricNamespaces.Pages.Keys)}).");
        }

        List<string> ids;
        try
        {
            ids = await ResourceIds(context).ConfigureAwait(false);
        }
        catch (JsonException error)
        {
            return Bad("The request body is not valid JSON: " + error.Message);
        }
        catch (MetricsQueryException error)
        {
            return Bad(error.Message);
        }

        var subscription = context.Request.RouteValues["subscription"]?.ToString() ?? string.Empty;
        var outside = ids.FirstOrDefault(id => FaultMiddlewareSubscription(id) is not { } s || !s.Equals(subscription, StringComparison.OrdinalIgnoreCase));
        if (outside is not null)
        {
            return Bad($"All resources in a batch must be in the same subscription: '{outside}' is not in subscription '{subscription}'.");
        }

        // A fleet resource, or a site hosted on a fleet plan (SimulatedFleet.HostedSites: a Microsoft.Web/sites in the plan's region).
        var resources = ids.Select(id => world.Fleet.Find(id) is { } r
            ? new Subject(id, r, null, r.Resource.Id)
            : world.Fleet.FindHostedSite(id) is { } site
                ? new Subject(id, null, site, world.Fleet.HostedSites(site.Plan)[site.Site])
                : new Subject(id, null, null, id)).ToList();
        var found = resources.Where(r => r.Found).ToList();
        if (found.FirstOrDefault(r => !r.Namespace.Equals(table.Namespace, StringComparison.OrdinalIgnoreCase)) is { } other)
        {
            return Bad($"All resources in a batch must be the same resource type: '{other.Id}' is not a {table.Namespace}.");
        }

        if (found.Select(r => r.Location).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1)
        {
            return Bad("All resources in a batch must be in the same Azure region: the ids span " + string.Join(", ", found.Select(r => r.Location).Distinct(StringComparer.OrdinalIgnoreCase)) + ".");
        }

        try
        {
            var query = MetricsQuery.ParseBatch(Param(q["starttime"]), Param(q["endtime"]), Param(q["interval"]), Param(q["aggregation"]), names, world.Time.GetUtcNow());
            var rows = MetricsSurface.Rows(table, query);
            var dimensions = MetricsSurface.FilterDimensions(Param(q["filter"]), rows);
            var values = new JsonArray();
            foreach (var subject in resources)
            {
                values.Add(Item(surface, table, subject, rows, query, dimensions, q));
            }

            return Results.Json(new JsonObject { ["values"] = values });
        }
        catch (MetricsQueryException error)
        {
            return Bad(error.Message);
        }
    }

    private static JsonObject Item(MetricsSurface surface, MetricTable table, Subject subject, IReadOnlyList<MetricRow> rows,
        MetricsQuery query, IReadOnlyList<string> dimensions, IQueryCollection q)
    {
        var id = subject.Id;
        var metrics = subject switch
        {
            { Resource: { } resource } => surface.Metrics(resource, rows, query, dimensions, q["filter"].ToString()),
            { Hosted: { } site } => surface.HostedSiteMetrics(subject.CanonicalId, site.Plan, site.Count, rows, query),
            _ => new JsonArray([.. rows.Select(r => (JsonNode)MetricsJson.FailedMetric(id, r, "ResourceNotFound", $"The resource '{id}' was not found."))]),
        };
        var item = new JsonObject
        {
            ["starttime"] = Param(q["starttime"]) ?? MetricsQuery.Iso(query.Start),
            ["endtime"] = Param(q["endtime"]) ?? MetricsQuery.Iso(query.End),
            ["interval"] = query.IntervalText,
            ["namespace"] = table.Namespace.ToLowerInvariant(),
            ["resourceregion"] = subject.Found ? subject.Location : null,
            ["resourceid"] = subject.CanonicalId,
            ["value"] = metrics,
        };
        if (!subject.Found)
        {
            item.Remove("resourceregion");
        }

        return item;
    }

    /// <summary>The unique ids of the body's <c>resourceids</c> (lower-case property, as the docs require), in order.</summary>
    private static async Task<List<string>> ResourceIds(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        if (body?["resourceids"] is not JsonArray array || array.Count == 0)
        {
            throw new MetricsQueryException("The request body must be {\"resourceids\": [\"<resource id>\", ...]} with at least one id (the property name is lower case).");
        }

        var ids = new List<string>();
        foreach (var node in array)
        {
            if (node is not JsonValue value || !value.TryGetValue<string>(out var id) || string.IsNullOrWhiteSpace(id))
            {
                throw new MetricsQueryException("Every entry of 'resourceids' must be a resource id string.");
            }

            if (!ids.Contains(id, StringComparer.OrdinalIgnoreCase))
            {
                ids.Add(id);
            }
        }

        return ids.Count <= MaxResources ? ids
            : throw new MetricsQueryException($"Up to {MaxResources} unique resource ids can be specified in each call; {ids.Count} were given.");
    }

    private static string? FaultMiddlewareSubscription(string id) => FaultMiddleware.Subscription(new PathString(id.StartsWith('/') ? id : "/" + id));

    private static string? Param(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 ? null : value.ToString();

    private static IResult Bad(string message) => ArmError.Result(400, "BadRequest", message);
}

/// <summary>One id of a batch: a fleet resource, a site hosted on a fleet plan, or neither (not found).</summary>
/// <param name="Id">The id as sent.</param>
/// <param name="Resource">The fleet resource, or null.</param>
/// <param name="Hosted">The hosted site (its plan, position and the plan's site count), or null.</param>
/// <param name="CanonicalId">The id as the emulator spells it (the id sent when not found).</param>
internal sealed record Subject(string Id, SimulatedResource? Resource, (SimulatedResource Plan, int Site, int Count)? Hosted, string CanonicalId)
{
    /// <summary>True when the id is a fleet resource or a hosted site.</summary>
    public bool Found => Resource is not null || Hosted is not null;

    /// <summary>The metric namespace of its type.</summary>
    public string Namespace => Resource is { } r ? MetricNamespaces.Of(r.Resource.Kind) : MetricNamespaces.Sites;

    /// <summary>Its region (a hosted site is in its plan's).</summary>
    public string? Location => Resource?.Resource.Location ?? Hosted?.Plan.Resource.Location;
}
