using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Optimize.Changes;

namespace Optimize.Hosting.Tests;

/// <summary>Approve and reject behind App Service Authentication: the approver is the X-MS-CLIENT-PRINCIPAL, not the body.</summary>
public sealed class ApprovalPrincipalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A header as App Service builds it for an Entra ID user (the documented shape, Base64 of UTF-8 JSON).</summary>
    internal static string Header(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    private static readonly string Alice = Header("""
        {"auth_typ": "aad", "name_typ": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "role_typ": "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
         "claims": [{"typ": "name", "val": "Alice Smith"}, {"typ": "preferred_username", "val": "alice@contoso.com"}]}
        """);

    [Fact]
    public async Task DecideAsync_PrincipalAndNoBy_ApproverIsThePrincipal()
    {
        await using var loop = await HostingLoop.StartAsync();
        await WaitingAtGateAsync(loop);

        var result = await loop.Approvals.DecideAsync("chg-1", approved: true, """{"comment": "go"}""", Alice, loop.Host, Ct);
        await loop.RunAsync();

        Assert.Equal(202, result.StatusCode);
        Assert.Contains(await loop.EventsAsync(), e => e.Step == ChangeSteps.Approval && e.Message == "approved by alice@contoso.com: go");
    }

    [Fact]
    public async Task DecideAsync_BodyByMatchesPrincipalIgnoringCase_Accepted()
    {
        await using var loop = await HostingLoop.StartAsync();
        await WaitingAtGateAsync(loop);

        var result = await loop.Approvals.DecideAsync("chg-1", approved: false, """{"by": "Alice@Contoso.com"}""", Alice, loop.Host, Ct);

        Assert.Equal(202, result.StatusCode);
        Assert.Single(loop.Host.Events);
    }

    [Fact]
    public async Task DecideAsync_BodyByNamesSomeoneElse_Returns403AndSendsNothing()
    {
        await using var loop = await HostingLoop.StartAsync();
        await WaitingAtGateAsync(loop);

        var result = await loop.Approvals.DecideAsync("chg-1", approved: true, """{"by": "bob@contoso.com"}""", Alice, loop.Host, Ct);

        Assert.Equal(403, result.StatusCode);
        Assert.Equal(
            "'by' is 'bob@contoso.com' but you are signed in as 'alice@contoso.com': the approver is the signed-in user. Leave 'by' out or send your own name.",
            Assert.IsType<ApiError>(result.Body).Error);
        Assert.Empty(loop.Host.Events);
        Assert.Equal(ChangeState.AwaitingApproval, (await loop.ChangeAsync()).State);
    }

    [Fact]
    public async Task DecideAsync_PrincipalRequiredAndAbsent_Returns401EvenWithABodyBy()
    {
        await using var loop = await HostingLoop.StartAsync();
        await WaitingAtGateAsync(loop);
        var approvals = new ApprovalService(loop.Journal, loop.Journal, NullLogger<ApprovalService>.Instance, new ApprovalAccess { RequirePrincipal = true });

        var result = await approvals.DecideAsync("chg-1", approved: true, """{"by": "alice@contoso.com"}""", principalHeader: null, loop.Host, Ct);

        Assert.Equal(401, result.StatusCode);
        Assert.Contains("OPTIMIZE_REQUIRE_PRINCIPAL=true", Assert.IsType<ApiError>(result.Body).Error, StringComparison.Ordinal);
        Assert.Empty(loop.Host.Events);
    }

    [Fact]
    public async Task DecideAsync_NoPrincipalNotRequired_BodyByIsUsedAsBefore()
    {
        await using var loop = await HostingLoop.StartAsync();
        await WaitingAtGateAsync(loop);

        var result = await loop.Approvals.DecideAsync("chg-1", approved: true, """{"by": "carol"}""", principalHeader: null, loop.Host, Ct);
        await loop.RunAsync();

        Assert.Equal(202, result.StatusCode);
        Assert.Contains(await loop.EventsAsync(), e => e.Message == "approved by carol");
    }

    [Theory]
    [InlineData("not base64!", "not Base64-encoded JSON")]
    [InlineData("W10=", "not Base64-encoded JSON")] // "[]"
    [InlineData("eyJhdXRoX3R5cCI6ImFhZCIsImNsYWltcyI6W119", "names no one")] // {"auth_typ":"aad","claims":[]}
    public async Task DecideAsync_MalformedPrincipal_Returns400AndSendsNothing(string header, string expected)
    {
        await using var loop = await HostingLoop.StartAsync();
        await WaitingAtGateAsync(loop);

        var result = await loop.Approvals.DecideAsync("chg-1", approved: true, """{"by": "alice"}""", header, loop.Host, Ct);

        Assert.Equal(400, result.StatusCode);
        Assert.Contains(expected, Assert.IsType<ApiError>(result.Body).Error, StringComparison.Ordinal);
        Assert.Empty(loop.Host.Events);
    }

    [Theory]
    [InlineData("""{"auth_typ":"aad","name_typ":"upn","claims":[{"typ":"upn","val":"u@x"},{"typ":"name","val":"U"}]}""", "u@x")]
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"name","val":"Only Name"}]}""", "Only Name")]
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"preferred_username","val":" "},{"typ":"name","val":"N"}]}""", "N")]
    public void TryParse_Claims_NamePreferredUsernameThenNameTypThenName(string json, string expected)
    {
        Assert.True(ClientPrincipal.TryParse(Header(json), out var principal, out var error), error);
        Assert.Equal(expected, principal!.Name);
        Assert.Equal("aad", principal.AuthType);
    }

    [Fact]
    public void Load_RequirePrincipal_ParsedAndAMalformedValueIsAnError()
    {
        string? Get(string name, string? require) => name switch
        {
            OptimizeSettings.SubscriptionsSetting => "00000000-0000-0000-0000-000000000001",
            OptimizeSettings.JournalConnectionSetting => "UseDevelopmentStorage=true",
            OptimizeSettings.RequirePrincipalSetting => require,
            _ => null,
        };

        Assert.True(OptimizeSettings.Load(n => Get(n, "true")).GetOrThrow().RequirePrincipal);
        Assert.False(OptimizeSettings.Load(n => Get(n, null)).GetOrThrow().RequirePrincipal);
        Assert.Equal(["OPTIMIZE_REQUIRE_PRINCIPAL: 'yes' is not true or false."], OptimizeSettings.Load(n => Get(n, "yes")).Errors);
    }

    private static async Task WaitingAtGateAsync(HostingLoop loop)
    {
        await loop.StartChangeAsync(loop.Plan(), approval: true);
        await loop.RunAsync(HostingLoop.Start + TimeSpan.FromMinutes(5));
        Assert.Equal(ChangeState.AwaitingApproval, (await loop.ChangeAsync()).State);
    }
}
