using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Optimize.Azure.Configuration;
using Optimize.Azure.Inventory;
using Optimize.Azure.Tests.Http;
using Optimize.Model;
using Optimize.Ports;

namespace Optimize.Azure.Tests.Inventory;

/// <summary>
/// Resource Graph's per-user quota headers (<c>x-ms-user-quota-remaining</c>, <c>x-ms-user-quota-resets-after</c> hh:mm:ss;
/// "Guidance for throttled requests in Azure Resource Graph", referenced from conventions/azure-docs/request-limits-and-throttling.md):
/// after a response with nothing remaining, the next query waits for the reset instead of drawing a 429.
/// </summary>
public sealed class ResourceGraphQuotaTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", "00:00:03", 3.0)] // exhausted: the second page waits the 3 s reset
    [InlineData("1", "00:00:03", 0.0)] // one left: no wait
    [InlineData("0", "garbled", 0.0)] // unreadable header: ignored
    public async Task ListAsync_QuotaHeaders_WaitForTheResetBeforeTheNextPage(string remaining, string resetsAfter, double waitedSeconds)
    {
        var clock = new JumpClock(T0);
        var env = new TestEnv(configure: o => o.TimeProvider = clock);
        var headers = new Dictionary<string, string> { ["x-ms-user-quota-remaining"] = remaining, ["x-ms-user-quota-resets-after"] = resetsAfter };
        var sentAt = new ConcurrentQueue<DateTimeOffset>();
        var page = 0;
        env.Transport.On(r => r.Uri.AbsolutePath.EndsWith("Microsoft.ResourceGraph/resources", StringComparison.Ordinal), _ =>
        {
            sentAt.Enqueue(clock.GetUtcNow());
            var body = new JsonObject { ["data"] = new JsonArray(InventoryRows.ScaleSet()) };
            if (Interlocked.Increment(ref page) == 1)
            {
                body["$skipToken"] = "token-2";
            }

            return new CannedResponse(200, body.ToJsonString(), headers);
        });
        var inventory = new ResourceGraphInventory(env.Arm(), new ConfigurationRouter(new Dictionary<ResourceKind, IConfigurationClient>()));

        // Virtual machines only: no sites or autoscale query, so the two requests are the two pages.
        var items = await inventory.ListAsync(new InventoryScope(["sub1"], [], [ResourceKind.VirtualMachine]), TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, items.Count);
        var times = sentAt.ToArray();
        Assert.Equal(2, times.Length);
        Assert.Equal(TimeSpan.FromSeconds(waitedSeconds), times[1] - times[0]);
    }

    /// <summary>A clock whose timers fire at once, moving the clock by their due time (so a wait is measured, not slept).</summary>
    private sealed class JumpClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks = start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                Interlocked.Add(ref _ticks, dueTime.Ticks);
                ThreadPool.QueueUserWorkItem(_ => callback(state));
            }

            return new NoTimer();
        }

        private sealed class NoTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
