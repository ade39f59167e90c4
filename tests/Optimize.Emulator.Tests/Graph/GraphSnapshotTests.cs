using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Optimize.Emulator.Graph;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Tests.Graph;

/// <summary>
/// A query paged by <c>$skipToken</c> is served from the rows its first page matched (GraphSnapshots, our model): the pages
/// add up to the one-page listing, a retried token serves the same page, and a token whose rows were dropped is still
/// served, by matching again.
/// </summary>
public sealed class GraphSnapshotTests
{
    private const string Path = "/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01";

    [Fact]
    public async Task PagedQuery_PagesAddUpToTheListing_RetriedAndEvictedTokensServeTheSamePage()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Fleet = new FleetOptions { ResourceCount = 60 }, Time = clock });
        var all = Ids(await PostAsync(emulator, clock, "resources | project id", top: 1000, token: null));

        var first = await PostAsync(emulator, clock, "resources | project id", top: 25, token: null);
        var token = first["$skipToken"]!.GetValue<string>();
        var second = await PostAsync(emulator, clock, "resources | project id", top: null, token: token);
        var retried = await PostAsync(emulator, clock, "resources | project id", top: null, token: token);
        var paged = Ids(first).Concat(Ids(second)).ToList();
        var rest = second["$skipToken"]?.GetValue<string>();
        while (rest is not null)
        {
            var page = await PostAsync(emulator, clock, "resources | project id", top: null, token: rest);
            paged.AddRange(Ids(page));
            rest = page["$skipToken"]?.GetValue<string>();
        }

        Assert.True(all.Count > 50, $"{all.Count} rows");
        Assert.Equal(all, paged);
        Assert.Equal(Ids(second), Ids(retried));

        // More paged queries than snapshots are kept: the first query's token now matches again and serves the same rows.
        for (var i = 0; i < GraphSnapshots.Capacity + 1; i++)
        {
            await PostAsync(emulator, clock, "resources | project id, type", top: 10, token: null);
        }

        Assert.Equal(Ids(second), Ids(await PostAsync(emulator, clock, "resources | project id", top: null, token: token)));
    }

    [Fact]
    public async Task PagedQuery_AWriteBetweenPages_LaterPagesShowTheRowsAsTheFirstPageMatchedThem()
    {
        // One VM per page; the second VM is resized after the first page. The token's page shows the size it had when the
        // listing began (the listing is consistent), while a new query shows the new size.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Fleet = new FleetOptions { ResourceCount = 60 }, Time = clock });
        const string query = "resources | where type =~ 'microsoft.compute/virtualmachines' | project id, properties";
        var first = await PostAsync(emulator, clock, query, top: 1, token: null);
        var all = (await PostAsync(emulator, clock, query, top: 1000, token: null))["data"]!.AsArray();
        var secondId = all[1]!["id"]!.GetValue<string>();
        var before = Size(all[1]!);
        var vm = emulator.World.Fleet.Find(secondId)!;
        var other = before == "Standard_D2s_v5" ? "Standard_D4s_v5" : "Standard_D2s_v5";
        emulator.World.Fleet.Record(vm, new Optimize.Model.VmConfig(other), clock.GetUtcNow(), restarted: true);

        var second = await PostAsync(emulator, clock, query, top: null, token: first["$skipToken"]!.GetValue<string>());
        var fresh = (await PostAsync(emulator, clock, query, top: 1000, token: null))["data"]!.AsArray();

        Assert.Equal(secondId, Ids(second).Single());
        Assert.Equal(before, Size(second["data"]![0]!));
        Assert.Equal(other, Size(fresh.Single(r => r!["id"]!.GetValue<string>() == secondId)!));
    }

    private static string Size(JsonNode row) => row["properties"]!["hardwareProfile"]!["vmSize"]!.GetValue<string>();

    private static List<string> Ids(JsonNode page) => [.. page["data"]!.AsArray().Select(r => r!["id"]!.GetValue<string>())];

    /// <summary>One query, 5 s apart on the emulator's clock so the user quota (15 per 5 s) never throttles the test.</summary>
    private static async Task<JsonNode> PostAsync(EmulatorFixture emulator, FakeTimeProvider clock, string query, int? top, string? token)
    {
        clock.Advance(TimeSpan.FromSeconds(5));
        var options = new JsonObject();
        if (top is int t)
        {
            options["$top"] = t;
        }

        if (token is not null)
        {
            options["$skipToken"] = token;
        }

        using var content = new StringContent(new JsonObject { ["query"] = query, ["options"] = options }.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await emulator.Client.PostAsync(new Uri(Path, UriKind.Relative), content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }
}
