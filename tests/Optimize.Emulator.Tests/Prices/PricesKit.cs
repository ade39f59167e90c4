using System.Text.Json.Nodes;
using Optimize.Emulator.Prices;

namespace Optimize.Emulator.Tests.Prices;

/// <summary>
/// Shared pieces of the Retail Prices tests: anonymous GETs on https://prices.azure.com (no Authorization header: the API is
/// unauthenticated, azure-retail-prices.md, opening section) and paging through NextPageLink.
/// </summary>
internal static class PricesKit
{
    /// <summary>The filter of one VM size's meters in westeurope.</summary>
    public const string D4sWestEurope = "serviceName eq 'Virtual Machines' and armRegionName eq 'westeurope' and armSkuName eq 'Standard_D4s_v5'";

    /// <summary>GET <paramref name="pathAndQuery"/> (relative to https://prices.azure.com, or absolute) without a token.</summary>
    public static async Task<(int Status, JsonNode? Json)> GetAsync(EmulatorFixture emulator, string pathAndQuery)
    {
        using var anonymous = new HttpClient(emulator.Host.CreateHandler()) { BaseAddress = new Uri("https://prices.azure.com") };
        using var response = await anonymous.GetAsync(new Uri(pathAndQuery, UriKind.RelativeOrAbsolute), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
    }

    /// <summary>GET /api/retail/prices with <paramref name="filter"/> (escaped here) and <paramref name="extra"/> query text.</summary>
    public static Task<(int Status, JsonNode? Json)> QueryAsync(EmulatorFixture emulator, string? filter, string extra = "") =>
        GetAsync(emulator, "/api/retail/prices?" + (filter is null ? string.Empty : "$filter=" + Uri.EscapeDataString(filter) + "&") + extra);

    /// <summary>The items of one 200 response.</summary>
    public static List<JsonObject> Items(JsonNode? json) => [.. json!["Items"]!.AsArray().Select(i => i!.AsObject())];

    /// <summary>Every page from <paramref name="first"/> on, following NextPageLink.</summary>
    public static async Task<List<JsonNode>> AllPagesAsync(EmulatorFixture emulator, string first)
    {
        var pages = new List<JsonNode>();
        string? next = first;
        while (next is not null)
        {
            var (status, json) = await GetAsync(emulator, next);
            Assert.Equal(200, status);
            pages.Add(json!);
            next = json!["NextPageLink"]?.GetValue<string>();
            Assert.True(pages.Count < 100, "NextPageLink never ended");
        }

        return pages;
    }

    /// <summary>The emulator's own items (what the endpoint serves before filtering).</summary>
    public static IReadOnlyList<PriceItem> Published(EmulatorFixture emulator) => PriceItems.Build(emulator.World.Fleet);

    /// <summary>A decimal number of an item.</summary>
    public static decimal Number(JsonObject item, string name) => item[name]!.GetValue<decimal>();

    /// <summary>A string of an item.</summary>
    public static string Text(JsonObject item, string name) => item[name]!.GetValue<string>();
}
