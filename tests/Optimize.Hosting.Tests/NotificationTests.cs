using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Optimize.Changes;
using Optimize.Hosting.Notifications;

namespace Optimize.Hosting.Tests;

/// <summary>The notification sweep over the journal, and the webhook channel's payload.</summary>
public sealed class NotificationTests
{
    private static readonly Uri App = new("https://func-optimize.example.net");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SweepAsync_ChangeAwaitingApproval_OneNotificationWithItsExpiryThenNoMore()
    {
        await using var loop = await HostingLoop.StartAsync();
        var plan = await loop.StartChangeAsync(loop.Plan(), approval: true);
        await loop.RunAsync(HostingLoop.Start + TimeSpan.FromMinutes(5));
        var channel = new RecordingChannel();
        var service = Service(loop, channel);

        var first = await service.SweepAsync(Ct);
        var second = await service.SweepAsync(Ct);

        Assert.Equal(new NotificationSweep(1, 0, 0), first);
        Assert.Equal(new NotificationSweep(0, 0, 0), second);
        var sent = Assert.Single(channel.Sent);
        Assert.Equal(NotificationKind.ApprovalNeeded, sent.Kind);
        Assert.Equal("chg-1", sent.ChangeId);
        Assert.Equal(HostingLoop.Start + plan.ApprovalTimeout, sent.ExpiresAt);
        Assert.Contains("expires at 2026-03-03 02:00Z", sent.Reason, StringComparison.Ordinal);
        Assert.Equal("https://func-optimize.example.net/api/changes/chg-1/approve", sent.Url);
        Assert.StartsWith("POST /api/changes/chg-1/approve with {\"by\"", sent.Command, StringComparison.Ordinal);
        var notify = Assert.Single(await loop.EventsAsync(), e => e.Step == ChangeSteps.Notify);
        Assert.Equal(ChangeState.AwaitingApproval, notify.State);
        Assert.StartsWith("sent: approval needed for chg-1", notify.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SweepAsync_KeepWaiting_NoExpiryPromisedAndEachReminderAsksAgain()
    {
        // approval.onTimeout keepWaiting, timeout 1 d: the request names no expiry, only the reminder; the reminder the
        // workflow journals after 1 d makes the next sweep ask again, once.
        await using var loop = await HostingLoop.StartAsync();
        await loop.StartChangeAsync(loop.Plan(), approval: true, keepWaiting: true);
        await loop.RunAsync(HostingLoop.Start + TimeSpan.FromMinutes(5));
        var channel = new RecordingChannel();
        var service = Service(loop, channel);

        Assert.Equal(new NotificationSweep(1, 0, 0), await service.SweepAsync(Ct));
        Assert.Contains("Nothing expires: the change keeps waiting", channel.Sent[0].Reason, StringComparison.Ordinal);
        Assert.Contains("reminder at 2026-03-03 02:00Z", channel.Sent[0].Reason, StringComparison.Ordinal);

        await loop.RunAsync(HostingLoop.Start + TimeSpan.FromHours(25));
        Assert.Equal(ChangeState.AwaitingApproval, (await loop.ChangeAsync()).State);
        Assert.Equal(new NotificationSweep(1, 0, 0), await service.SweepAsync(Ct));
        Assert.Equal(new NotificationSweep(0, 0, 0), await service.SweepAsync(Ct));
        Assert.Contains("reminder at 2026-03-04 02:00Z", channel.Sent[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SweepAsync_ChannelDown_FailureJournaledRetriedNextSweepThenGivesUp()
    {
        await using var loop = await HostingLoop.StartAsync();
        await loop.StartChangeAsync(loop.Plan(), approval: true);
        await loop.RunAsync(HostingLoop.Start + TimeSpan.FromMinutes(5));
        var channel = new RecordingChannel { FailuresLeft = 3 };
        var service = Service(loop, channel, new NotificationOptions { AppUrl = App, MaxAttempts = 3 });

        var sweeps = new List<NotificationSweep>();
        for (var i = 0; i < 4; i++)
        {
            sweeps.Add(await service.SweepAsync(Ct));
        }

        Assert.Equal([new(0, 1, 0), new(0, 1, 0), new(0, 1, 1), new(0, 0, 0)], sweeps);
        Assert.Empty(channel.Sent);
        var tries = (await loop.EventsAsync()).Where(e => e.Step == ChangeSteps.Notify).Select(e => e.Message).ToList();
        Assert.Equal(3, tries.Count);
        Assert.StartsWith("failed (attempt 1 of 3; retried by the next sweep): webhook answered 503", tries[0], StringComparison.Ordinal);
        Assert.StartsWith("failed (attempt 3 of 3; giving up)", tries[2], StringComparison.Ordinal);
        Assert.Equal(ChangeState.AwaitingApproval, (await loop.ChangeAsync()).State);
    }

    [Fact]
    public async Task SweepAsync_ChannelRecovers_SentOnTheNextSweep()
    {
        await using var loop = await HostingLoop.StartAsync();
        await loop.StartChangeAsync(loop.Plan(), approval: true);
        await loop.RunAsync(HostingLoop.Start + TimeSpan.FromMinutes(5));
        var channel = new RecordingChannel { FailuresLeft = 1 };
        var service = Service(loop, channel);

        Assert.Equal(new NotificationSweep(0, 1, 0), await service.SweepAsync(Ct));
        Assert.Equal(new NotificationSweep(1, 0, 0), await service.SweepAsync(Ct));
        Assert.Single(channel.Sent);
    }

    [Fact]
    public async Task SweepAsync_ChangeRolledBackByAnAlert_NotifiesWithTheOutcome()
    {
        await using var loop = await HostingLoop.StartAsync();
        var resource = loop.Plan();
        await loop.StartChangeAsync(resource, approval: false);
        await loop.RunAsync(HostingLoop.Start + TimeSpan.FromMinutes(40));
        await loop.Alerts.HandleAsync(AlertPayloads.For(AlertPayloads.Minimal, resource.Resource.Id, loop.Time.GetUtcNow()), loop.Host, Ct);
        await loop.RunAsync();
        var channel = new RecordingChannel();

        await Service(loop, channel).SweepAsync(Ct);

        var sent = Assert.Single(channel.Sent);
        Assert.Equal(NotificationKind.RolledBack, sent.Kind);
        Assert.Equal((await loop.ChangeAsync()).Outcome, sent.Reason);
        Assert.Contains("alert 'cpu-high' fired", sent.Reason, StringComparison.Ordinal);
        Assert.Equal($"optimize history --resource {(await loop.ChangeAsync()).Resource.Id}", sent.Command);
    }

    [Fact]
    public async Task SweepAsync_NoChannel_DoesNothing()
    {
        await using var loop = await HostingLoop.StartAsync();
        await loop.StartChangeAsync(loop.Plan(), approval: true);
        await loop.RunAsync(HostingLoop.Start + TimeSpan.FromMinutes(5));
        var service = new NotificationService(null, loop.Journal, loop.Journal, loop.Time, NullLogger<NotificationService>.Instance);

        Assert.Equal(new NotificationSweep(0, 0, 0), await service.SweepAsync(Ct));
        Assert.False(service.Enabled);
        Assert.DoesNotContain(await loop.EventsAsync(), e => e.Step == ChangeSteps.Notify);
    }

    [Fact]
    public async Task NotifyPassFailedAsync_ChannelDown_TriesThreeTimesAndReturnsFalse()
    {
        await using var loop = await HostingLoop.StartAsync();
        var channel = new RecordingChannel { FailuresLeft = 10 };
        var service = Service(loop, channel, new NotificationOptions { PassFailedRetryDelay = TimeSpan.Zero });

        Assert.False(await service.NotifyPassFailedAsync("nightly", "journal unavailable", Ct));
        Assert.Equal(3, channel.Attempts);
    }

    [Fact]
    public async Task WebhookChannel_PostsTextThatSlackAndTeamsRenderPlusTheFacts()
    {
        var handler = new CapturingHandler(HttpStatusCode.OK);
        using var http = new HttpClient(handler);
        var channel = new WebhookChannel(http, new Uri("http://127.0.0.1:9/hook"));
        var notification = new Notification(
            NotificationKind.ApprovalNeeded, "approval needed for chg-1 on rg/plan", "P1v3 x2 → P1v3 x1", "chg-1",
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan", "POST /api/changes/chg-1/approve",
            "https://app/api/changes/chg-1/approve", new DateTimeOffset(2026, 3, 3, 2, 0, 0, TimeSpan.Zero));

        await channel.SendAsync(notification, Ct);

        var body = JsonDocument.Parse(handler.Body!).RootElement;
        Assert.Equal(HttpMethod.Post, handler.Method);
        Assert.Equal(
            "**Optimize: approval needed for chg-1 on rg/plan**\n\nP1v3 x2 → P1v3 x1\n\nResource: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan`"
            + "\n\nExpires: 2026-03-03 02:00Z\n\nAct: `POST /api/changes/chg-1/approve`\n\nhttps://app/api/changes/chg-1/approve",
            body.GetProperty("text").GetString());
        Assert.Equal("ApprovalNeeded", body.GetProperty("kind").GetString());
        Assert.Equal("chg-1", body.GetProperty("changeId").GetString());
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "answered 400")]
    [InlineData(HttpStatusCode.TooManyRequests, "answered 429")]
    public async Task WebhookChannel_NonSuccess_ThrowsNotificationFailed(HttpStatusCode status, string expected)
    {
        using var http = new HttpClient(new CapturingHandler(status));
        var channel = new WebhookChannel(http, new Uri("http://127.0.0.1:9/hook"));

        var thrown = await Assert.ThrowsAsync<NotificationFailedException>(() => channel.SendAsync(new Notification(NotificationKind.PassFailed, "t", "r"), Ct));

        Assert.Contains(expected, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WebhookChannel_RelativeOrNonHttpUrl_Refused()
    {
        using var http = new HttpClient();

        Assert.Throws<ArgumentException>(() => new WebhookChannel(http, new Uri("ftp://example.net/hook")));
    }

    private static NotificationService Service(HostingLoop loop, INotificationChannel channel, NotificationOptions? options = null) =>
        new(channel, loop.Journal, loop.Journal, loop.Time, NullLogger<NotificationService>.Instance, options ?? new NotificationOptions { AppUrl = App });

    private sealed class RecordingChannel : INotificationChannel
    {
        public List<Notification> Sent { get; } = [];

        public int FailuresLeft { get; set; }

        public int Attempts { get; private set; }

        public Task SendAsync(Notification notification, CancellationToken cancellationToken = default)
        {
            Attempts++;
            if (FailuresLeft-- > 0)
            {
                throw new NotificationFailedException("webhook answered 503 Service Unavailable");
            }

            Sent.Add(notification);
            return Task.CompletedTask;
        }
    }

    private sealed class CapturingHandler(HttpStatusCode status) : HttpMessageHandler
    {
        public string? Body { get; private set; }

        public HttpMethod? Method { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Method = request.Method;
            Body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(status);
        }
    }
}
