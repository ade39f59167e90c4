using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Core;
using Optimize.Azure.Http;
using Optimize.Model;
using Optimize.Pricing;

namespace Optimize.Azure.Pricing;

/// <summary>
/// Retail prices from <c>GET https://prices.azure.com/api/retail/prices?api-version=2021-10-01-preview&amp;$filter=…</c> (no auth),
/// following <c>NextPageLink</c>, cached per (currency, region, service) for the process lifetime (VM items per SKU fetched once).
/// Every request carries <c>currencyCode='{currency}'</c> (the policy's <c>savings.currency</c>) and only items in that currency
/// are used; a currency the API does not publish is refused before any call (<see cref="PriceCurrencies"/>).
/// Meters: VMs and scale sets by <c>armSkuName</c>, pay-as-you-go (no Spot or Low Priority), the Windows product for a
/// <see cref="OsFamily.Windows"/> key and a non-Windows one otherwise; App Service plans by <c>skuName</c> without spaces
/// (<c>P1 v3</c> → <c>P1v3</c>) in the Linux plan product for a Linux key, the Windows one otherwise; Flex Consumption by the
/// on-demand GB-second meter. No official client package exists for this public API.
/// </summary>
public sealed class RetailPriceBook : IPriceBook
{
    /// <summary>Retail Prices api-version: the one the pinned contract names (azure-retail-prices.md, "Preview version").</summary>
    public const string ApiVersion = "2021-10-01-preview";

    private const string Call = "GET prices.azure.com/api/retail/prices";
    private readonly AzureHttp _http;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<(string Currency, string Region, string Service), CacheEntry> _cache = [];

    internal RetailPriceBook(AzureHttp http) => _http = http;

    /// <summary>Number of HTTP pages fetched so far (for the full-pass measurement).</summary>
    public int PagesFetched { get; private set; }

    /// <inheritdoc />
    /// <exception cref="PriceCurrencyException"><paramref name="currency"/> is not published by the API (nothing is fetched).</exception>
    public async Task<PriceSheet> GetPricesAsync(IReadOnlyCollection<PriceKey> keys, string currency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        PriceCurrencies.EnsureSupported(currency);
        var prices = new List<Price>();
        foreach (var group in keys.Distinct().GroupBy(k => (Region: k.Region.ToLowerInvariant(), Service: ServiceOf(k.Kind))))
        {
            var items = await ItemsAsync(currency, group.Key.Region, group.Key.Service, [.. group.Select(k => k.Sku)], cancellationToken).ConfigureAwait(false);
            foreach (var key in group)
            {
                var item = Select(key, currency, items);
                if (item is not null)
                {
                    prices.Add(new Price(
                        key,
                        item["retailPrice"]!.GetValue<decimal>(),
                        item["unitOfMeasure"]!.GetValue<string>(),
                        currency,
                        item["meterId"]!.GetValue<string>()));
                }
            }
        }

        return new PriceSheet(prices, currency);
    }

    /// <summary>The retail service name of a kind.</summary>
    internal static string ServiceOf(ResourceKind kind) => kind switch
    {
        ResourceKind.VirtualMachine or ResourceKind.ScaleSet => "Virtual Machines",
        ResourceKind.AppServicePlan => "Azure App Service",
        ResourceKind.FunctionApp => "Functions",
        _ => throw new ArgumentException($"{kind} has no retail price.", nameof(kind)),
    };

    /// <summary>The item that prices <paramref name="key"/>, or null.</summary>
    internal static JsonNode? Select(PriceKey key, string currency, IEnumerable<JsonNode> items)
    {
        var windows = key.Os == OsFamily.Windows;
        var candidates = items.Where(i => Text(i, "type") == "Consumption" && Text(i, "currencyCode") == currency);
        candidates = key.Kind switch
        {
            ResourceKind.VirtualMachine or ResourceKind.ScaleSet => candidates.Where(i =>
                Text(i, "armSkuName").Equals(key.Sku, StringComparison.OrdinalIgnoreCase)
                && Text(i, "unitOfMeasure") == "1 Hour"
                && !Text(i, "skuName").Contains("Spot", StringComparison.OrdinalIgnoreCase)
                && !Text(i, "skuName").Contains("Low Priority", StringComparison.OrdinalIgnoreCase)
                && Text(i, "productName").Contains("Windows", StringComparison.OrdinalIgnoreCase) == windows),
            ResourceKind.AppServicePlan => candidates.Where(i =>
                (Text(i, "skuName").Replace(" ", string.Empty, StringComparison.Ordinal).Equals(key.Sku, StringComparison.OrdinalIgnoreCase)
                    || Text(i, "armSkuName").Equals(key.Sku, StringComparison.OrdinalIgnoreCase))
                && Text(i, "unitOfMeasure") == "1 Hour"
                && Text(i, "productName").Contains("Linux", StringComparison.OrdinalIgnoreCase) == !windows),
            ResourceKind.FunctionApp when key.Sku.Equals(PriceSkus.FlexConsumptionGbSecond, StringComparison.OrdinalIgnoreCase) => candidates.Where(i =>
                (Text(i, "productName") + " " + Text(i, "skuName")).Contains("Flex", StringComparison.OrdinalIgnoreCase)
                && Text(i, "unitOfMeasure").Contains("GB Second", StringComparison.OrdinalIgnoreCase)
                && !Text(i, "meterName").Contains("Always Ready", StringComparison.OrdinalIgnoreCase)),
            _ => [],
        };

        // The paid rate: the highest tier (above any free grant), then the newest effective date.
        return candidates
            .OrderByDescending(i => i["tierMinimumUnits"]?.GetValue<double>() ?? 0)
            .ThenByDescending(i => Text(i, "effectiveStartDate"), StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private async Task<IReadOnlyList<JsonNode>> ItemsAsync(string currency, string region, string service, string[] skus, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_cache.TryGetValue((currency, region, service), out var entry))
            {
                entry = new CacheEntry();
                _cache[(currency, region, service)] = entry;
            }

            var baseFilter = $"serviceName eq '{service}' and armRegionName eq '{region}' and priceType eq 'Consumption'";
            if (service == "Virtual Machines")
            {
                var missing = skus.Where(s => entry.Skus.Add(s.ToLowerInvariant())).ToArray();
                foreach (var chunk in missing.Chunk(10))
                {
                    var skuFilter = string.Join(" or ", chunk.Select(s => $"armSkuName eq '{s.Replace("'", string.Empty, StringComparison.Ordinal)}'"));
                    await FetchAsync(currency, $"{baseFilter} and ({skuFilter})", entry.Items, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (!entry.Complete)
            {
                await FetchAsync(currency, baseFilter, entry.Items, cancellationToken).ConfigureAwait(false);
                entry.Complete = true;
            }

            return [.. entry.Items];
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task FetchAsync(string currency, string filter, List<JsonNode> into, CancellationToken cancellationToken)
    {
        Uri? next = new($"{_http.Options.PricesEndpoint.AbsoluteUri}?api-version={ApiVersion}&currencyCode='{currency}'&$filter={Uri.EscapeDataString(filter)}");
        while (next is not null)
        {
            var response = await _http.SendAsync(RequestMethod.Get, next, null, Call, "none (public API)", cancellationToken).ConfigureAwait(false);
            PagesFetched++;
            var items = response.Json?["Items"] as JsonArray
                ?? throw new AzureCallException(ArmErrorMapper.FromException(new FormatException("no 'Items' array."), Call, "none"), response.Status);
            into.AddRange(items.OfType<JsonNode>().Select(i => i.DeepClone()));
            var link = response.Json?["NextPageLink"]?.GetValue<string>();
            next = string.IsNullOrEmpty(link) ? null : new Uri(link);
        }
    }

    private static string Text(JsonNode item, string name) =>
        item[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    private sealed class CacheEntry
    {
        public HashSet<string> Skus { get; } = [];

        public List<JsonNode> Items { get; } = [];

        public bool Complete { get; set; }
    }
}
