using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Optimize.Emulator.Hosting;

namespace Optimize.Emulator.Prices;

/// <summary>
/// <c>GET https://prices.azure.com/api/retail/prices</c>, the Retail Prices API as its reference describes it
/// (../shared/azure-contract/prices/azure-retail-prices.md, 2021 copy), over <see cref="PriceItems"/>:
/// <list type="bullet">
/// <item>Anonymous ("This API gives you an unauthenticated experience"): the endpoint is on <see cref="AzurePlane.Prices"/>,
/// which the authentication middleware lets through without a token and the fault middleware never throttles. The host is not
/// checked (TestServer routes on the path), as for the other surfaces.</item>
/// <item><c>api-version</c>: none, or <c>2021-10-01-preview</c> ("Preview version": both return the full set of meters). Any
/// other version is refused with 400 <c>InvalidApiVersionParameter</c> (our model: the reference names no other).</item>
/// <item><c>currencyCode='EUR'</c> ("API sample calls", quotes as written there; also accepted bare): a code of "Supported
/// currencies", converted with <see cref="PriceModel.UsdRates"/> (our model); USD when absent.</item>
/// <item><c>meterRegion='primary'</c> ("Preview version"): primary meters only (every meter of the emulator is primary).</item>
/// <item><c>$filter</c>: <see cref="ODataFilter"/>'s subset. Other <c>$</c> options (<c>$top</c>, <c>$orderby</c>…), which the
/// reference never shows, are refused with 400; other parameters are ignored (our model).</item>
/// <item>Paging ("API response pagination"): "a maximum of 100 records" per response; <c>NextPageLink</c> is the request's URL
/// with <c>$skip</c> set to the next record (<c>https://prices.azure.com:443/api/retail/prices?…&amp;$skip=100</c>, as in the
/// reference's example), null on the last page.</item>
/// </list>
/// The envelope (<c>BillingCurrency</c>, <c>CustomerEntityId</c>, <c>CustomerEntityType</c>, <c>Items</c>, <c>NextPageLink</c>,
/// <c>Count</c> of this page) is not shown whole in the reference, which names only <c>NextPageLink</c>; the values
/// <c>Default</c> / <c>Retail</c> and the 400 body (ARM's <c>{"error":{"code","message"}}</c>) are our model: the reference shows
/// no error response.
/// </summary>
internal static class PricesEndpoints
{
    /// <summary>Records per response ("API response pagination": "a maximum of 100 records are returned").</summary>
    public const int PageSize = 100;

    /// <summary>The api-version the reference names ("Preview version").</summary>
    public const string PreviewApiVersion = "2021-10-01-preview";

    /// <summary>The operation name in the request log (the reference has no operationId; ours).</summary>
    public const string OperationId = "RetailPrices_List";

    /// <summary>Maps the endpoint; the items are built once, on the first request.</summary>
    public static void Map(IEndpointRouteBuilder app, EmulatorWorld world)
    {
        var items = new Lazy<IReadOnlyList<PriceItem>>(() => PriceItems.Build(world.Fleet), LazyThreadSafetyMode.ExecutionAndPublication);
        app.MapGet("/api/retail/prices", (HttpContext context) => List(context, items.Value))
            .Operation(OperationId, AzurePlane.Prices);
    }

    private static IResult List(HttpContext context, IReadOnlyList<PriceItem> items)
    {
        var query = context.Request.Query;
        var version = query["api-version"].ToString();
        if (version.Length > 0 && !string.Equals(version, PreviewApiVersion, StringComparison.OrdinalIgnoreCase))
        {
            return BadRequest("InvalidApiVersionParameter",
                $"The api-version '{version}' is not served; the Retail Prices reference names '{PreviewApiVersion}' (or none).");
        }

        if (query.Keys.FirstOrDefault(k => k.StartsWith('$') && k is not "$filter" and not "$skip") is { } unsupported)
        {
            return BadRequest("InvalidQueryParameter", $"The query option '{unsupported}' is not supported; the reference shows $filter (and $skip in NextPageLink).");
        }

        var currency = Unquote(query["currencyCode"].ToString());
        currency = currency.Length == 0 ? "USD" : currency;
        if (!PriceModel.UsdRates.TryGetValue(currency, out var rate))
        {
            return BadRequest("InvalidCurrencyCode",
                $"The currencyCode '{currency}' is not supported; use one of {string.Join(", ", PriceModel.UsdRates.Keys)} (upper case).");
        }

        var meterRegion = Unquote(query["meterRegion"].ToString());
        if (meterRegion.Length > 0 && meterRegion != "primary")
        {
            return BadRequest("InvalidMeterRegion", $"The meterRegion '{meterRegion}' is not supported; the reference shows meterRegion='primary'.");
        }

        var skipText = query["$skip"].ToString();
        var skip = 0;
        if (skipText.Length > 0 && (!int.TryParse(skipText, NumberStyles.None, CultureInfo.InvariantCulture, out skip) || skip < 0))
        {
            return BadRequest("InvalidSkip", $"$skip must be a non-negative integer, was '{skipText}'.");
        }

        ODataFilter? filter = null;
        if (query.ContainsKey("$filter"))
        {
            try
            {
                filter = ODataFilter.Parse(query["$filter"].ToString());
            }
            catch (ODataFilterException ex)
            {
                return BadRequest("InvalidFilter", $"Invalid $filter: {ex.Message}");
            }
        }

        var matching = items.Where(i => (filter?.Matches(i) ?? true) && (meterRegion.Length == 0 || i.IsPrimaryMeterRegion)).ToList();
        var page = matching.Skip(skip).Take(PageSize).Select(i => (JsonNode)i.ToJson(currency, rate)).ToArray();
        var next = skip + page.Length < matching.Count ? NextPageLink(context.Request, skip + page.Length) : null;
        return Results.Json(new JsonObject
        {
            ["BillingCurrency"] = currency,
            ["CustomerEntityId"] = "Default",
            ["CustomerEntityType"] = "Retail",
            ["Items"] = new JsonArray(page),
            ["NextPageLink"] = next,
            ["Count"] = page.Length,
        });
    }

    /// <summary>The request's URL (scheme, host and port as in the reference's example) with <c>$skip</c> = <paramref name="skip"/>.</summary>
    internal static string NextPageLink(HttpRequest request, int skip)
    {
        var port = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        var link = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{request.Scheme}://{request.Host.Host}:{port}{request.PathBase}{request.Path}?");
        foreach (var (key, values) in request.Query.Where(p => p.Key != "$skip"))
        {
            foreach (var value in values)
            {
                link.Append(key).Append('=').Append(Uri.EscapeDataString(value ?? string.Empty)).Append('&');
            }
        }

        return link.Append(CultureInfo.InvariantCulture, $"$skip={skip}").ToString();
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1] : value;

    private static IResult BadRequest(string code, string message) => ArmError.Result(400, code, message);
}
