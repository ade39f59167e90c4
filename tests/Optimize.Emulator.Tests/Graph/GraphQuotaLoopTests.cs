using Optimize.Emulator.Tests.Contract;
using Optimize.Ports;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Tests.Graph;

/// <summary>
/// The production Resource Graph inventory against the emulator's per-user quota (15 queries per 5 s window; every response
/// carries <c>x-ms-user-quota-remaining</c> and <c>x-ms-user-quota-resets-after</c>, and a 16th query draws a 429 without
/// Retry-After): after a response with nothing remaining the adapter waits for the reset, so no query is throttled.
/// </summary>
public sealed class GraphQuotaLoopTests
{
    [Fact]
    public async Task SmallPages_MoreQueriesThanTheQuota_WaitForEachResetAndDrawNo429()
    {
        // One clock for both sides: the adapter's wait moves it, so the emulator's window resets without sleeping.
        var clock = new JumpClock(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Fleet = new FleetOptions { ResourceCount = 200 }, Time = clock });
        var world = emulator.World;
        var start = clock.GetUtcNow();
        var azure = EmulatedAzure.Create(emulator, configure: o =>
        {
            o.ResourceGraphPageSize = 10;
            o.TimeProvider = clock;
        });

        var ids = await azure.Inventory.ListAsync(new InventoryScope([.. world.Fleet.Subscriptions], [], []), TestContext.Current.CancellationToken)
            .Select(i => i.Resource.Id).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(world.Fleet.Resources.Select(r => r.Resource.Id).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.False(world.Log.ByStatus.ContainsKey(429), "no query drew the quota's 429");
        // 200 rows in pages of 10 (20 queries) plus the sites and autoscale settings queries: q queries in windows of 15, each
        // window but the last ending with remaining 0 and a wait of its full 5 s (the clock only moves by those waits).
        var queries = world.Log.ByOperation["Resources"];
        Assert.True(queries > 15, $"{queries} queries");
        Assert.Equal(TimeSpan.FromSeconds(5 * (((queries + 14) / 15) - 1)), clock.GetUtcNow() - start);
        ContractKit.AssertNoViolations(world, "Resources");
    }

    /// <summary>A clock whose timers fire at once, moving the clock by their due time.</summary>
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
