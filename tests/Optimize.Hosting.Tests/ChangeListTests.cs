using System.Text.Json;
using Optimize.Changes;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Hosting.Tests;

/// <summary><c>GET /api/changes</c>'s service: what waits for approval (with when it expires), other states, a resource, a time.</summary>
public sealed class ChangeListTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListAsync_AwaitingApproval_ListsOnlyTheWaitingChange_WithExpiryAndPaths()
    {
        await using var loop = await HostingLoop.StartAsync();
        var waiting = loop.Plan();
        await loop.StartChangeAsync(waiting, approval: true); // approval timeout 1 day
        await loop.RunAsync(HostingLoop.Start + TimeSpan.FromMinutes(5));
        await JournalAsync(loop, Other(loop, 0), "chg-2", ChangeState.Promoted, HostingLoop.Start.AddDays(-1));

        var rows = await ListAsync(loop, new ChangeListRequest { State = "awaiting-approval" });

        var row = Assert.Single(rows);
        Assert.Equal("chg-1", row.GetProperty("changeId").GetString());
        Assert.Equal("awaiting-approval", row.GetProperty("state").GetString());
        Assert.Equal(waiting.Resource.Id, row.GetProperty("resourceId").GetString());
        var asked = (await loop.EventsAsync()).Last(e => e.Step == ChangeSteps.Approval).At;
        Assert.Equal(asked + TimeSpan.FromDays(1), row.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal("/api/changes/chg-1/approve", row.GetProperty("approve").GetString());
        Assert.Equal("/api/changes/chg-1/reject", row.GetProperty("reject").GetString());
    }

    [Fact]
    public async Task ListAsync_NoFilter_ListsEveryStateNewestFirst_OnlyWaitingOnesHaveExpiry()
    {
        await using var loop = await HostingLoop.StartAsync();
        await JournalAsync(loop, Other(loop, 0), "chg-old", ChangeState.RolledBack, HostingLoop.Start.AddDays(-3));
        await JournalAsync(loop, Other(loop, 1), "chg-new", ChangeState.Promoted, HostingLoop.Start.AddDays(-1));

        var rows = await ListAsync(loop, new ChangeListRequest());

        Assert.Equal(["chg-new", "chg-old"], rows.Select(r => r.GetProperty("changeId").GetString()));
        Assert.Equal(["promoted", "rolled-back"], rows.Select(r => r.GetProperty("state").GetString()));
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("expiresAt").ValueKind));
    }

    [Fact]
    public async Task ListAsync_SeveralStatesResourceAndSince_EachFilterApplies()
    {
        await using var loop = await HostingLoop.StartAsync();
        var a = Other(loop, 0);
        var b = Other(loop, 1);
        await JournalAsync(loop, a, "a-rolled-old", ChangeState.RolledBack, HostingLoop.Start.AddDays(-10));
        await JournalAsync(loop, a, "a-failed", ChangeState.RollbackFailed, HostingLoop.Start.AddDays(-2));
        await JournalAsync(loop, a, "a-promoted", ChangeState.Promoted, HostingLoop.Start.AddDays(-1));
        await JournalAsync(loop, b, "b-rolled", ChangeState.RolledBack, HostingLoop.Start.AddDays(-1));

        var rows = await ListAsync(loop, new ChangeListRequest
        {
            State = "rolled-back,rollback-failed",
            Resource = a.Resource.Id.ToUpperInvariant(), // ARM ids compare case-insensitively
            Since = "2026-02-25T00:00:00Z", // 5 days before the start: a-rolled-old is older
        });

        Assert.Equal(["a-failed"], rows.Select(r => r.GetProperty("changeId").GetString()));
    }

    [Fact]
    public async Task ListAsync_LimitTwoOfThreeMatching_ReturnsTheNewestTwo_Truncated()
    {
        await using var loop = await HostingLoop.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await JournalAsync(loop, Other(loop, i), $"chg-{i}", ChangeState.Promoted, HostingLoop.Start.AddHours(-10 + i));
        }

        await JournalAsync(loop, Other(loop, 3), "chg-newest-rejected", ChangeState.Rejected, HostingLoop.Start);

        var result = await loop.Approvals.ListAsync(new ChangeListRequest { State = "promoted", Limit = "2" }, Ct);

        var body = JsonSerializer.SerializeToElement(result.Body, JsonOptions);
        Assert.Equal(2, body.GetProperty("count").GetInt32());
        Assert.True(body.GetProperty("truncated").GetBoolean());
        Assert.Equal(["chg-2", "chg-1"], body.GetProperty("changes").EnumerateArray().Select(r => r.GetProperty("changeId").GetString()));
    }

    [Theory]
    [InlineData("2", 2, true)]
    [InlineData("3", 3, false)]
    [InlineData("4", 3, false)]
    public async Task ListAsync_NoStateLimitOfThree_TruncatedOnlyWhenMoreExist(string limit, int count, bool truncated)
    {
        await using var loop = await HostingLoop.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await JournalAsync(loop, Other(loop, i), $"chg-{i}", ChangeState.Promoted, HostingLoop.Start.AddHours(-10 + i));
        }

        var result = await loop.Approvals.ListAsync(new ChangeListRequest { Limit = limit }, Ct);

        var body = JsonSerializer.SerializeToElement(result.Body, JsonOptions);
        Assert.Equal(count, body.GetProperty("count").GetInt32());
        Assert.Equal(truncated, body.GetProperty("truncated").GetBoolean());
    }

    [Theory]
    [InlineData("pending", null, null, null, "Unknown state 'pending'. States: planned, awaiting-approval")]
    [InlineData(null, "rg-api-prod/plan-orders", null, null, "'resource' must be a full ARM id")]
    [InlineData(null, null, "yesterday", null, "'since' must be an ISO 8601 time")]
    [InlineData(null, null, "03/02/2026", null, "'since' must be an ISO 8601 time")]
    [InlineData(null, null, null, "0", "'limit' must be a whole number from 1 to 500")]
    [InlineData(null, null, null, "501", "'limit' must be a whole number from 1 to 500")]
    [InlineData(null, null, null, "-1", "'limit' must be a whole number from 1 to 500")]
    [InlineData(null, null, null, "ten", "'limit' must be a whole number from 1 to 500")]
    public async Task ListAsync_BadParameter_Returns400WithWhatIsWrong(string? state, string? resource, string? since, string? limit, string expected)
    {
        await using var loop = await HostingLoop.StartAsync();

        var result = await loop.Approvals.ListAsync(new ChangeListRequest { State = state, Resource = resource, Since = since, Limit = limit }, Ct);

        Assert.Equal(400, result.StatusCode);
        Assert.Contains(expected, Assert.IsType<ApiError>(result.Body).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_ResourceIdOverTheKeyLimit_Returns400WithTheLimit()
    {
        await using var loop = await HostingLoop.StartAsync();
        var id = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/serverfarms/" + new string('p', 2000);

        var result = await loop.Approvals.ListAsync(new ChangeListRequest { Resource = id }, Ct);

        Assert.Equal(400, result.StatusCode);
        Assert.Contains("Table Storage allows 1024 bytes", Assert.IsType<ApiError>(result.Body).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_UnknownParameter_Returns400NamingIt()
    {
        await using var loop = await HostingLoop.StartAsync();

        var result = await loop.Approvals.ListAsync(new ChangeListRequest { Unknown = ["pending"] }, Ct);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal("Unknown query parameter(s): pending. Known: state, resource, since, limit.", Assert.IsType<ApiError>(result.Body).Error);
    }

    [Theory]
    [InlineData(ChangeState.AwaitingApproval, "awaiting-approval")]
    [InlineData(ChangeState.RollbackFailed, "rollback-failed")]
    [InlineData(ChangeState.Planned, "planned")]
    public void Kebab_State_IsLowerCaseWithDashes(ChangeState state, string expected) =>
        Assert.Equal(expected, ApprovalService.Kebab(state));

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static async Task<List<JsonElement>> ListAsync(HostingLoop loop, ChangeListRequest request)
    {
        var result = await loop.Approvals.ListAsync(request, Ct);
        Assert.Equal(200, result.StatusCode);
        var body = JsonSerializer.SerializeToElement(result.Body, JsonOptions);
        return [.. body.GetProperty("changes").EnumerateArray()];
    }

    /// <summary>The <paramref name="index"/>th App Service plan of the fleet other than <see cref="HostingLoop.Plan"/>.</summary>
    private static SimulatedResource Other(HostingLoop loop, int index) =>
        loop.Fleet.Resources.Where(r => r.Resource.Kind == ResourceKind.AppServicePlan && r != loop.Plan()).Skip(index).First();

    internal static async Task JournalAsync(HostingLoop loop, SimulatedResource resource, string changeId, ChangeState state, DateTimeOffset at)
    {
        var config = resource.InitialConfig;
        var plan = new ChangePlan(
            changeId, "pass-test", resource.Resource, config, [new ChangeStage(0, config, TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromMinutes(15))],
            false, TimeSpan.FromDays(1), [], TimeSpan.FromDays(1), 0m, "USD", "test change");
        await loop.Journal.CreateAsync(ChangeRecord.Planned(plan, at) with { State = state }, Ct);
    }
}
