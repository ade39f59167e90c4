using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Optimize.Changes;
using Optimize.Hosting;
using Optimize.Journal;

namespace Optimize.Functions.Tests;

/// <summary><c>GET /api/changes</c> (a query string) and the approver from <c>X-MS-CLIENT-PRINCIPAL</c>, called as the Functions host calls them.</summary>
public sealed class ChangesEndpointTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task List_StateAwaitingApproval_ReturnsOnlyTheWaitingChange()
    {
        var journal = await JournalAsync();

        await using var endpoints = await Endpoints.ForJournalAsync(journal);
        var answer = await endpoints.Api.List(Endpoints.Get("?state=awaiting-approval"), DurableLoop.Ct);

        var changes = Changes(answer);
        Assert.Equal(["chg-wait"], changes.Select(c => c.GetProperty("changeId").GetString()));
        Assert.Equal(Now.AddHours(-1) + TimeSpan.FromDays(1), changes[0].GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task List_ResourceSinceAndLimit_FromTheQueryString()
    {
        var journal = await JournalAsync();
        var query = $"?resource={Uri.EscapeDataString(DurableLoop.ResourceId)}&since=2026-03-01T00:00:00Z&limit=1&code=function-key";

        await using var endpoints = await Endpoints.ForJournalAsync(journal);
        var answer = await endpoints.Api.List(Endpoints.Get(query), DurableLoop.Ct);

        // chg-old (2026-02-20) is before 'since'; of chg-wait (01:00) and chg-done (00:00) the newest is kept.
        Assert.Equal(["chg-wait"], Changes(answer).Select(c => c.GetProperty("changeId").GetString()));
    }

    [Fact]
    public async Task List_NoQuery_ListsEveryChangeNewestFirst()
    {
        var journal = await JournalAsync();

        await using var endpoints = await Endpoints.ForJournalAsync(journal);
        var answer = await endpoints.Api.List(Endpoints.Get(), DurableLoop.Ct);

        Assert.Equal(["chg-wait", "chg-done", "chg-old"], Changes(answer).Select(c => c.GetProperty("changeId").GetString()));
    }

    [Theory]
    [InlineData("?state=waiting", "Unknown state 'waiting'")]
    [InlineData("?resource=rg%2Fplan1", "'resource' must be a full ARM id")]
    [InlineData("?since=last-week", "'since' must be an ISO 8601 time")]
    [InlineData("?limit=1000", "'limit' must be a whole number from 1 to 500")]
    [InlineData("?limit=1&limit=2", "'limit' must be a whole number from 1 to 500")]
    [InlineData("?pending=true", "Unknown query parameter(s): pending")]
    public async Task List_BadQuery_Returns400WithTheReason(string query, string expected)
    {
        var journal = await JournalAsync();

        await using var endpoints = await Endpoints.ForJournalAsync(journal);
        var answer = await endpoints.Api.List(Endpoints.Get(query), DurableLoop.Ct);

        Assert.Equal(400, Endpoints.Status(answer));
        var error = Assert.IsType<ApiError>(Assert.IsType<ObjectResult>(answer).Value);
        Assert.Contains(expected, error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_PrincipalHeaderAndNoBy_JournalsThePrincipalAsApprover()
    {
        await using var loop = await DurableLoop.StartAsync();
        var endpoints = await Endpoints.ForAsync(loop);
        await loop.StartChangeAsync(DurableLoop.Plan(approval: true));
        await ApprovalTests.WaitForStateAsync(loop, ChangeState.AwaitingApproval);
        var request = Endpoints.Post("""{"comment": "ok"}""");
        request.Headers[ClientPrincipal.HeaderName] = Principal("alice@contoso.com");

        var answer = await endpoints.Approve(request, "chg-1", loop.Client, DurableLoop.Ct);

        Assert.Equal(202, Endpoints.Status(answer));
        await loop.WaitAsync();
        Assert.Contains(await loop.EventsAsync(), e => e.Message == "approved by alice@contoso.com: ok");
    }

    [Fact]
    public async Task Reject_PrincipalHeaderAndAnotherBy_Returns403()
    {
        await using var loop = await DurableLoop.StartAsync();
        var request = Endpoints.Post("""{"by": "mallory"}""");
        request.Headers[ClientPrincipal.HeaderName] = Principal("alice@contoso.com");

        var answer = await (await Endpoints.ForAsync(loop)).Reject(request, "chg-1", loop.Client, DurableLoop.Ct);

        Assert.Equal(403, Endpoints.Status(answer));
        Assert.Contains("signed in as 'alice@contoso.com'", Assert.IsType<ApiError>(Assert.IsType<ObjectResult>(answer).Value).Error, StringComparison.Ordinal);
    }

    private static string Principal(string user) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
        $$"""{"auth_typ":"aad","claims":[{"typ":"preferred_username","val":"{{user}}"}],"name_typ":"name","role_typ":"roles"}"""));

    private static List<JsonElement> Changes(IActionResult answer)
    {
        Assert.Equal(200, Endpoints.Status(answer));
        var body = JsonSerializer.SerializeToElement(Assert.IsType<ObjectResult>(answer).Value, Web);
        return [.. body.GetProperty("changes").EnumerateArray()];
    }

    /// <summary>Three changes of plan1: rolled back 2026-02-20, promoted today 00:00, awaiting approval since 01:00.</summary>
    private static async Task<InMemoryJournal> JournalAsync()
    {
        var journal = new InMemoryJournal();
        await journal.CreateAsync(ChangeRecord.Planned(DurableLoop.Plan() with { ChangeId = "chg-old" }, new(2026, 2, 20, 0, 0, 0, TimeSpan.Zero)) with { State = ChangeState.RolledBack }, DurableLoop.Ct);
        await journal.CreateAsync(ChangeRecord.Planned(DurableLoop.Plan() with { ChangeId = "chg-done" }, Now.AddHours(-2)) with { State = ChangeState.Promoted }, DurableLoop.Ct);
        var wait = DurableLoop.Plan(approval: true, approvalTimeout: TimeSpan.FromDays(1)) with { ChangeId = "chg-wait" };
        await journal.CreateAsync(ChangeRecord.Planned(wait, Now.AddHours(-1)) with { State = ChangeState.AwaitingApproval }, DurableLoop.Ct);
        return journal;
    }
}
