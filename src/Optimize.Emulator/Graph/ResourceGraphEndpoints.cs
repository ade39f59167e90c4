using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Optimize.Emulator.Arm;
using Optimize.Emulator.Hosting;

namespace Optimize.Emulator.Graph;

/// <summary>
/// <c>POST /providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01</c> (operationId <c>Resources</c>,
/// specs/whole/resourcegraph.resourcegraph.2022-10-01.json): the query runs over the <c>resources</c> table of the fleet's
/// resources in the body's <c>subscriptions</c> (every fleet subscription when absent), through the KQL subset of
/// <see cref="GraphQuery"/>; rows from <see cref="GraphRows"/>. <c>QueryRequestOptions</c>: <c>$top</c> 1–1000 (default 100,
/// the emulator's choice), <c>$skip</c> ≥ 0, <c>$skipToken</c> (opaque; it carries the next offset, the page size and the rows the first page matched (GraphSnapshots), and is bound to
/// the same query and scopes; <c>$top</c>/<c>$skip</c> override it, as the spec says), <c>resultFormat</c> objectArray only.
/// A page ends with <c>$skipToken</c> while rows remain; a projection without <c>id</c> cannot be paged (Resource Graph pages by
/// id), so it answers one page with <c>resultTruncated</c> "true". More than <see cref="MaxSubscriptions"/> subscriptions is 400
/// ("Troubleshoot errors using Azure Resource Graph", Too many subscriptions: the REST API accepts a maximum number of
/// subscriptions; batch in subsets within the 1,000 limit). Quota headers and 429 from <see cref="GraphQuota"/>.
/// Errors: <c>{"error":{"code":"BadRequest","details":[{"code":"InvalidQuery"},{"code":…}]}}</c> (spec <c>ErrorResponse</c>).
/// </summary>
internal static class ResourceGraphEndpoints
{
    /// <summary>The most subscriptions one request may name.</summary>
    public const int MaxSubscriptions = 1000;

    /// <summary>Rows per page when <c>$top</c> is absent.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Maps the endpoint.</summary>
    public static void Map(IEndpointRouteBuilder app, EmulatorWorld world)
    {
        var quota = new GraphQuota(world.Time);
        app.MapPost("/providers/Microsoft.ResourceGraph/resources", (Delegate)((HttpContext context) => QueryAsync(world, quota, context)))
            .Operation("Resources");
    }

    private static async Task<IResult> QueryAsync(EmulatorWorld world, GraphQuota quota, HttpContext context)
    {
        if (ArmRequests.ApiVersion(context.Request, "2022-10-01") is { } badVersion)
        {
            return badVersion;
        }

        var (allowed, remaining, resetsAfter) = quota.Take();
        context.Response.Headers["x-ms-user-quota-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-ms-user-quota-resets-after"] = GraphQuota.Format(resetsAfter);
        if (!allowed)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(resetsAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return ArmError.Result(429, "RateLimiting", "Please provide below info when asking for support: the emulator's Resource Graph quota is exhausted.", details:
                [Detail("RateLimiting", $"Client application has been throttled and should not attempt to repeat the request until {GraphQuota.Format(resetsAfter)} has elapsed ({GraphQuota.Limit} queries per {GraphQuota.Window.TotalSeconds:0} s).")]);
        }

        var (body, invalid) = await ArmRequests.BodyAsync(context.Request).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        try
        {
            return Results.Json(Run(world, body!));
        }
        catch (GraphQueryException e)
        {
            return BadRequest(e.Code, e.Message);
        }
    }

    private static JsonObject Run(EmulatorWorld world, JsonObject body)
    {
        if (body["managementGroups"] is JsonArray { Count: > 0 })
        {
            throw new GraphQueryException("UnsupportedScope", "The emulator has no management groups; name subscriptions instead.");
        }

        var subscriptions = Subscriptions(world, body["subscriptions"]);
        var queryText = body["query"] is JsonValue q && q.TryGetValue<string>(out var s) ? s : null;
        var query = GraphQuery.Parse(queryText);
        var options = body["options"] as JsonObject ?? (body["options"] is null ? new JsonObject() : throw Invalid("options must be an object."));
        if (options["resultFormat"] is JsonValue format && format.ToString() != "objectArray")
        {
            throw Invalid($"resultFormat '{format}' is not served by the emulator; use objectArray.");
        }

        var fingerprint = Fingerprint(queryText!, subscriptions);
        var (offset, pageSize, snapshot) = (0, DefaultPageSize, (string?)null);
        if (options["$skipToken"] is JsonValue token)
        {
            (offset, pageSize, snapshot) = ReadToken(token.ToString(), fingerprint);
        }

        pageSize = Int(options["$top"], "$top", 1, 1000) ?? pageSize;
        offset = Int(options["$skip"], "$skip", 0, int.MaxValue) ?? offset;

        var kept = world.GraphSnapshots.Find(snapshot);
        var matching = kept ?? world.Fleet.Resources
            .Where(r => subscriptions.Contains(r.Resource.SubscriptionId))
            .SelectMany(r => GraphRows.HostedSiteRows(world, r).Prepend(GraphRows.Row(world, r)))
            .Where(query.Matches)
            .ToList();
        var pageable = query.Projection is null || query.Projection.Contains("id");

        // A kept row may be served again (a retried page): the page gets copies.
        var page = matching.Skip(offset).Take(pageSize).Select(r => (JsonObject)query.Project(r).DeepClone()).ToList();
        var more = offset + page.Count < matching.Count;
        var result = new JsonObject
        {
            ["totalRecords"] = matching.Count,
            ["count"] = page.Count,
            ["resultTruncated"] = more && !pageable ? "true" : "false",
        };
        if (more && pageable)
        {
            result["$skipToken"] = WriteToken(offset + page.Count, pageSize, fingerprint, kept is null ? world.GraphSnapshots.Keep(matching) : snapshot!);
        }

        result["data"] = new JsonArray([.. page]);
        result["facets"] = new JsonArray();
        return result;
    }

    private static HashSet<string> Subscriptions(EmulatorWorld world, JsonNode? node)
    {
        if (node is null)
        {
            return new HashSet<string>(world.Fleet.Subscriptions, StringComparer.OrdinalIgnoreCase);
        }

        if (node is not JsonArray array || array.Any(n => n is not JsonValue v || !v.TryGetValue<string>(out _)))
        {
            throw Invalid("subscriptions must be an array of subscription ids.");
        }

        if (array.Count > MaxSubscriptions)
        {
            throw new GraphQueryException("TooManySubscriptions",
                $"The request names {array.Count} subscriptions; at most {MaxSubscriptions} are accepted in one request. Batch the subscriptions.");
        }

        return new HashSet<string>(array.Select(n => n!.GetValue<string>()), StringComparer.OrdinalIgnoreCase);
    }

    private static int? Int(JsonNode? node, string name, int min, int max)
    {
        if (node is null)
        {
            return null;
        }

        return node is JsonValue v && v.TryGetValue<int>(out var value) && value >= min && value <= max
            ? value
            : throw Invalid($"options.{name} must be an integer from {min} to {max} (was {node.ToJsonString()}).");
    }

    private static string Fingerprint(string query, IEnumerable<string> subscriptions)
    {
        var text = query + "\n" + string.Join(",", subscriptions.Select(s => s.ToLowerInvariant()).Order(StringComparer.Ordinal));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8);
    }

    private static string WriteToken(int offset, int pageSize, string fingerprint, string snapshot) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(FormattableString.Invariant($"emu2:{offset}:{pageSize}:{fingerprint}:{snapshot}")));

    private static (int Offset, int PageSize, string Snapshot) ReadToken(string token, string fingerprint)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            if (parts.Length == 5 && parts[0] == "emu2" && parts[3] == fingerprint
                && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var offset) && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var size))
            {
                return (offset, size, parts[4]);
            }
        }
        catch (FormatException)
        {
        }

        throw Invalid("The $skipToken is invalid or was issued for another query or other scopes.");
    }

    private static GraphQueryException Invalid(string message) => new("InvalidRequest", message);

    private static IResult BadRequest(string code, string message)
    {
        var details = new List<JsonObject>();
        if (code is "ParserFailure" or "UnsupportedQuery" or "UnknownColumn" or "UnsupportedTable")
        {
            details.Add(Detail("InvalidQuery", "Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying."));
        }

        details.Add(Detail(code, message));
        return ArmError.Result(400, "BadRequest", $"The emulator refused the request: {message}", details: details);
    }

    private static JsonObject Detail(string code, string message) => new() { ["code"] = code, ["message"] = message };
}
