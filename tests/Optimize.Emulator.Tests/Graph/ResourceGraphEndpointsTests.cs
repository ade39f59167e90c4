using System.Text;
using System.Text.Json.Nodes;
using Optimize.Azure.Inventory;
using Optimize.Ports;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Tests.Graph;

/// <summary>
/// Resource Graph at the HTTP level (specs/whole/resourcegraph.resourcegraph.2022-10-01.json, operationId Resources):
/// the production adapter's query, paging with $top/$skipToken, and refusal of queries outside the emulator's subset.
/// </summary>
public sealed class ResourceGraphEndpointsTests
{
    private const string Path = "/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01";

    private static async Task<(int Status, JsonNode? Json, string? Remaining)> PostAsync(EmulatorFixture emulator, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await emulator.Client.PostAsync(new Uri(Path, UriKind.Relative), content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var remaining = response.Headers.TryGetValues("x-ms-user-quota-remaining", out var v) ? v.First() : null;
        return ((int)response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text), remaining);
    }

    [Fact]
    public async Task AdapterQuery_PagedBy30_ListsEveryFleetResourceOnce_WithQuotaHeaders()
    {
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Fleet = new FleetOptions { ResourceCount = 80 } });
        var world = emulator.World;
        var query = ResourceGraphInventory.Query(new InventoryScope([.. world.Fleet.Subscriptions], [], []));
        var ids = new List<string>();
        var remaining = new List<string?>();
        string? token = null;
        do
        {
            var options = new JsonObject { ["$top"] = 30, ["resultFormat"] = "objectArray" };
            if (token is not null)
            {
                options["$skipToken"] = token;
            }

            var (status, json, left) = await PostAsync(emulator, new JsonObject
            {
                ["subscriptions"] = new JsonArray([.. world.Fleet.Subscriptions.Select(s => (JsonNode)s)]),
                ["query"] = query,
                ["options"] = options,
            });
            Assert.Equal(200, status);
            Assert.Equal(80, json!["totalRecords"]!.GetValue<int>());
            ids.AddRange(json["data"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
            remaining.Add(left);
            token = json["$skipToken"]?.GetValue<string>();
        }
        while (token is not null);

        // 80 rows in pages of 30: 30 + 30 + 20, three queries of the 15-per-window quota.
        Assert.Equal(world.Fleet.Resources.Select(r => r.Resource.Id), ids);
        Assert.Equal(["14", "13", "12"], remaining);
    }

    [Theory]
    [InlineData("resources | summarize count() by type")]
    [InlineData("securityresources | project id")]
    [InlineData("resources | where nosuchcolumn =~ 'x'")]
    public async Task QueryOutsideTheSubset_Is400BadRequestInvalidQuery_NotEveryRow(string query)
    {
        await using var emulator = await EmulatorFixture.StartAsync();

        var (status, json, _) = await PostAsync(emulator, new JsonObject { ["query"] = query });

        Assert.Equal(400, status);
        Assert.Equal("BadRequest", json!["error"]!["code"]!.GetValue<string>());
        Assert.Equal("InvalidQuery", json["error"]!["details"]![0]!["code"]!.GetValue<string>());
        Assert.Null(json["data"]);
    }

    [Fact]
    public async Task MoreThan1000Subscriptions_Is400_AndTheSixteenthQueryInAWindowIs429()
    {
        // Troubleshoot errors using Azure Resource Graph, "Too many subscriptions": batch within the 1,000 limit;
        // Guidance for throttled requests: 15 queries per 5-second window.
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider() });
        var tooMany = new JsonArray([.. Enumerable.Range(0, 1001).Select(i => (JsonNode)$"{i:D8}-0000-0000-0000-000000000000")]);

        var (status, json, _) = await PostAsync(emulator, new JsonObject { ["subscriptions"] = tooMany, ["query"] = "resources" });
        Assert.Equal(400, status);
        Assert.Equal("TooManySubscriptions", json!["error"]!["details"]![0]!["code"]!.GetValue<string>());

        for (var i = 2; i <= 15; i++)
        {
            Assert.Equal(200, (await PostAsync(emulator, new JsonObject { ["query"] = "resources | project id" })).Status);
        }

        var (throttled, _, left) = await PostAsync(emulator, new JsonObject { ["query"] = "resources" });
        Assert.Equal(429, throttled);
        Assert.Equal("0", left);
    }
}
