using Optimize.Changes;
using Optimize.Model;
using Optimize.Workflow;

namespace Optimize.Functions.Tests;

/// <summary>The approval gate on the real engine, decided through the Function App's HTTP endpoints.</summary>
public sealed class ApprovalTests
{
    [Fact]
    public async Task ApprovedOverHttp_ProceedsAndPromotes_AndTheDecisionIsJournaled()
    {
        await using var loop = await DurableLoop.StartAsync();
        var endpoints = await Endpoints.ForAsync(loop);
        await loop.StartChangeAsync(DurableLoop.Plan(approval: true));
        await WaitForStateAsync(loop, ChangeState.AwaitingApproval);
        Assert.Empty(loop.Config.Applies);

        var answer = await endpoints.Approve(Endpoints.Post("""{"by": "alice@contoso.com", "comment": "ok for tonight"}"""), "chg-1", loop.Client, DurableLoop.Ct);

        Assert.Equal(202, Endpoints.Status(answer));
        var done = await loop.WaitAsync();
        Assert.Equal(ChangeState.Promoted, done.ReadOutputAs<ChangeOutcome>()!.State);
        Assert.Contains(await loop.EventsAsync(), e => e.Message == "approved by alice@contoso.com: ok for tonight");
        Assert.Equal(200, Endpoints.Status(await endpoints.Status(Endpoints.Get(), "chg-1", loop.Client, DurableLoop.Ct)));
    }

    [Fact]
    public async Task RejectedOverHttp_EndsRejected_NothingApplied()
    {
        await using var loop = await DurableLoop.StartAsync();
        var endpoints = await Endpoints.ForAsync(loop);
        await loop.StartChangeAsync(DurableLoop.Plan(approval: true));
        await WaitForStateAsync(loop, ChangeState.AwaitingApproval);

        var answer = await endpoints.Reject(Endpoints.Post("""{"by": "bob"}"""), "chg-1", loop.Client, DurableLoop.Ct);

        Assert.Equal(202, Endpoints.Status(answer));
        var done = await loop.WaitAsync();
        Assert.Equal(ChangeState.Rejected, done.ReadOutputAs<ChangeOutcome>()!.State);
        Assert.Empty(loop.Config.Applies);
        Assert.Equal(DurableLoop.Baseline, loop.Config.Current(DurableLoop.ResourceId));
    }

    [Fact]
    public async Task NoDecisionWithinTheTimeout_EndsRejected_AndALateApprovalIsRefused()
    {
        await using var loop = await DurableLoop.StartAsync();
        var endpoints = await Endpoints.ForAsync(loop);

        await loop.StartChangeAsync(DurableLoop.Plan(approval: true, approvalTimeout: TimeSpan.FromSeconds(2)));
        var done = await loop.WaitAsync();

        var outcome = done.ReadOutputAs<ChangeOutcome>()!;
        Assert.Equal(ChangeState.Rejected, outcome.State);
        Assert.Equal("approval timed out after 2s", outcome.Reason);
        Assert.Empty(loop.Config.Applies);
        var late = await endpoints.Approve(Endpoints.Post("""{"by": "alice"}"""), "chg-1", loop.Client, DurableLoop.Ct);
        Assert.Equal(409, Endpoints.Status(late));
    }

    internal static async Task WaitForEventAsync(DurableLoop loop, Func<ChangeEvent, bool> match)
    {
        for (var i = 0; i < 300; i++)
        {
            if ((await loop.EventsAsync()).Any(match))
            {
                return;
            }

            await Task.Delay(100, DurableLoop.Ct);
        }

        Assert.Fail("chg-1 never journaled the expected step");
    }

    internal static async Task WaitForStateAsync(DurableLoop loop, ChangeState state)
    {
        for (var i = 0; i < 300; i++)
        {
            if ((await loop.Journal.GetAsync("chg-1", DurableLoop.Ct))?.State == state)
            {
                return;
            }

            await Task.Delay(100, DurableLoop.Ct);
        }

        Assert.Fail($"chg-1 never reached {state}");
    }
}
