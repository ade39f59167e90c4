using Microsoft.Extensions.Time.Testing;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Tests.Hosting;

/// <summary>
/// Throttling as ARM does it (shared/azure-contract/conventions/azure-docs/request-limits-and-throttling.md, "Remaining
/// requests" and "Error code": 429 with Retry-After in seconds, x-ms-ratelimit-remaining-subscription-reads on reads).
/// </summary>
public sealed class FaultMiddlewareTests
{
    private const string Path = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Nothing/x/y?api-version=1";

    [Fact]
    public async Task ReadBucket_OfThree_CountsDownThenThrottlesWithRetryAfter_AndRefillsOnTheClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new EmulatorOptions
        {
            Fleet = new FleetOptions { ResourceCount = 5 },
            Time = clock,
            Faults = new EmulatorFaults { ReadBucket = new TokenBucket(3, 0.5) },
        };
        await using var emulator = await EmulatorFixture.StartAsync(options);

        var remaining = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await emulator.Client.GetAsync(new Uri(Path, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(404, (int)ok.StatusCode); // passed the bucket; nothing is served at that path
            remaining.Add(ok.Headers.GetValues("x-ms-ratelimit-remaining-subscription-reads").Single());
        }

        using var throttled = await emulator.Client.GetAsync(new Uri(Path, UriKind.Relative), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(2)); // 0.5 tokens/s × 2 s = one token
        using var refilled = await emulator.Client.GetAsync(new Uri(Path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(["2", "1", "0"], remaining);
        Assert.Equal(429, (int)throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), throttled.Headers.RetryAfter!.Delta); // (1 − 0 tokens) / 0.5 per s
        Assert.Contains("SubscriptionRequestsThrottled", await throttled.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(404, (int)refilled.StatusCode);
    }

    [Fact]
    public async Task WriteBucket_IsSeparateFromReads()
    {
        var options = new EmulatorOptions
        {
            Fleet = new FleetOptions { ResourceCount = 5 },
            Time = new FakeTimeProvider(),
            Faults = new EmulatorFaults { ReadBucket = new TokenBucket(1, 0.001), WriteBucket = new TokenBucket(1, 0.001) },
        };
        await using var emulator = await EmulatorFixture.StartAsync(options);

        using var read = await emulator.Client.GetAsync(new Uri(Path, UriKind.Relative), TestContext.Current.CancellationToken);
        using var write = await emulator.Client.PatchAsync(new Uri(Path, UriKind.Relative), new StringContent("{}"), TestContext.Current.CancellationToken);
        using var secondWrite = await emulator.Client.PatchAsync(new Uri(Path, UriKind.Relative), new StringContent("{}"), TestContext.Current.CancellationToken);

        Assert.Equal(404, (int)read.StatusCode);
        Assert.Equal(404, (int)write.StatusCode);
        Assert.Equal("0", write.Headers.GetValues("x-ms-ratelimit-remaining-subscription-writes").Single());
        Assert.Equal(429, (int)secondWrite.StatusCode);
    }

    [Fact]
    public async Task RandomFaults_AreSeeded_SameSeedSameStatuses()
    {
        async Task<int[]> Run()
        {
            var options = new EmulatorOptions
            {
                Fleet = new FleetOptions { ResourceCount = 5 },
                Faults = new EmulatorFaults { Seed = 7, ThrottleRate = 0.3, ServerErrorRate = 0.2 },
            };
            await using var emulator = await EmulatorFixture.StartAsync(options);
            var statuses = new int[40];
            for (var i = 0; i < statuses.Length; i++)
            {
                using var response = await emulator.Client.GetAsync(new Uri(Path, UriKind.Relative), TestContext.Current.CancellationToken);
                statuses[i] = (int)response.StatusCode;
            }

            return statuses;
        }

        var first = await Run();
        var second = await Run();

        Assert.Equal(first, second);
        Assert.Contains(429, first);
        Assert.True(first.Count(s => s is 500 or 503) > 0, string.Join(",", first));
        Assert.Contains(404, first);
    }
}
