using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Optimize.Azure.Http;
using Optimize.Azure.Metrics;
using Optimize.Azure.Tests.Http;
using Optimize.Changes;
using Optimize.Metrics;
using Optimize.Model;

namespace Optimize.Azure.Tests.Metrics;

/// <summary>
/// Throttling and partial failure of the batch read. The contract for 529: ../shared/azure-contract/conventions/azure-monitor-docs/
/// migrate-to-batch-api.excerpts.md, section "529 throttling errors" ("the metrics backend is currently throttling your requests. The
/// recommended action is to implement an exponential backoff retry scheme"). The batch spec
/// (specs/whole/monitor.data-plane.metricBatch.2024-02-01.json, POST metrics:getBatch "responses") lists 200 and a "default" ErrorResponse,
/// so a 529 carries the common <c>{"error":{"code","message"}}</c> body; the code "ServerBusy" used here is illustrative.
/// </summary>
public sealed class MonitorMetricsFailureTests
{
    private const string Throttled529 = "{\"error\":{\"code\":\"ServerBusy\",\"message\":\"The metrics backend is throttling requests.\"}}";

    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>vm000 … vm{n-1} in one subscription and region: Plan cuts them into calls of 50 in this order.</summary>
    private static ResourceRef[] Vms(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new ResourceRef(Id(i), ResourceKind.VirtualMachine, "westeurope"))];

    private static string Id(int i) => $"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm{i:D3}";

    private static MetricQuery Cpu(ResourceRef[] resources) =>
        new(resources, [MetricNames.Cpu], new TimeRange(Start, Start.AddHours(1)), TimeSpan.FromHours(1));

    /// <summary>True when the batch call asks for <paramref name="id"/>.</summary>
    private static bool Asks(RecordedRequest r, string id) =>
        r.Method == "POST" && r.Uri.AbsolutePath.EndsWith("metrics:getBatch", StringComparison.Ordinal) && r.Body.Contains($"\"{id}\"", StringComparison.Ordinal);

    /// <summary>A 200 answering every resource id of the request with one CPU point equal to its number (vm042 → 42).</summary>
    private static CannedResponse Answer(RecordedRequest request)
    {
        var values = new JsonArray();
        foreach (var id in JsonNode.Parse(request.Body)!["resourceids"]!.AsArray().Select(n => n!.GetValue<string>()))
        {
            values.Add(new JsonObject
            {
                ["resourceid"] = id,
                ["value"] = new JsonArray(new JsonObject
                {
                    ["name"] = new JsonObject { ["value"] = "Percentage CPU" },
                    ["errorCode"] = "Success",
                    ["timeseries"] = new JsonArray(new JsonObject
                    {
                        ["data"] = new JsonArray(new JsonObject { ["timeStamp"] = "2026-01-01T00:00:00Z", ["average"] = double.Parse(id[^3..], System.Globalization.CultureInfo.InvariantCulture) }),
                    }),
                }),
            });
        }

        return new CannedResponse(200, new JsonObject { ["values"] = values }.ToJsonString());
    }

    private static MonitorMetricsClient Client(TestEnv env, ConcurrentQueue<string> skipped) =>
        new(env.Arm(), env.MetricsPlane(), env.Options, skipped: skipped.Enqueue);

    private static Task<List<MetricSeries>> ReadAsync(MonitorMetricsClient client, ResourceRef[] resources) =>
        client.ReadAsync(Cpu(resources), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken).AsTask();

    [Fact]
    public async Task ReadAsync_529ThenSuccess_RetriedAndNothingSkipped()
    {
        var env = new TestEnv(maxRetries: 2);
        var attempts = 0;
        env.Transport.On(r => Asks(r, Id(0)), r => Interlocked.Increment(ref attempts) == 1 ? new CannedResponse(529, Throttled529) : Answer(r));
        var skipped = new ConcurrentQueue<string>();

        var series = await ReadAsync(Client(env, skipped), Vms(2));

        // Azure.Core alone does not retry 529; with the classifier the one call is sent twice: 529, then 200 with vm000 = 0, vm001 = 1.
        Assert.Equal(2, env.Transport.Requests.Count);
        Assert.Equal([0.0, 1.0], series.OrderBy(s => s.ResourceId, StringComparer.Ordinal).Select(s => s.Values.Span[0]));
        Assert.Empty(skipped);
    }

    [Fact]
    public async Task ReadAsync_529WithRetryAfter_TheDelayStrategySeesTheServerDelay()
    {
        var delays = new RecordingDelayStrategy();
        var env = new TestEnv(maxRetries: 2, configure: o => o.RetryDelayStrategy = delays);
        var attempts = 0;
        env.Transport.On(
            r => Asks(r, Id(0)),
            r => Interlocked.Increment(ref attempts) == 1 ? new CannedResponse(529, Throttled529, new Dictionary<string, string> { ["Retry-After"] = "1" }) : Answer(r));

        var series = await ReadAsync(Client(env, new ConcurrentQueue<string>()), Vms(1));

        // The strategy's own delay is 1 ms; the 1 s floor can only come from the 529's Retry-After (as for 429).
        Assert.Equal(TimeSpan.FromSeconds(1), Assert.Single(delays.Delays));
        Assert.Equal(0.0, Assert.Single(series).Values.Span[0]);
    }

    [Fact]
    public async Task ReadAsync_OneOfThreeBatches529Forever_YieldsTheOther100AndReportsThe20Skipped()
    {
        var env = new TestEnv(maxRetries: 2);
        // 120 VMs → calls of 50 (vm000–049), 50 (vm050–099) and 20 (vm100–119); the third is throttled on every attempt.
        env.Transport.On(r => Asks(r, Id(100)), _ => new CannedResponse(529, Throttled529, new Dictionary<string, string> { ["retry-after-ms"] = "1" }));
        env.Transport.On(r => r.Method == "POST", Answer);
        var skipped = new ConcurrentQueue<string>();

        var series = await ReadAsync(Client(env, skipped), Vms(120));

        // 2 calls answered once + the throttled call sent 1 + 2 retries = 5 requests.
        Assert.Equal(5, env.Transport.Requests.Count);
        Assert.Equal(3, env.Transport.Requests.Count(r => Asks(r, Id(100))));
        Assert.Equal(Enumerable.Range(0, 100).Select(Id), series.Select(s => s.ResourceId).Order(StringComparer.Ordinal));
        Assert.All(series, s => Assert.Equal(double.Parse(s.ResourceId[^3..], System.Globalization.CultureInfo.InvariantCulture), s.Values.Span[0]));
        var message = Assert.Single(skipped);
        Assert.Contains("20 resource(s)", message, StringComparison.Ordinal);
        Assert.Contains("call 3 of 3", message, StringComparison.Ordinal);
        Assert.Contains("HTTP 529", message, StringComparison.Ordinal);
        Assert.Contains("ServerBusy", message, StringComparison.Ordinal);
        Assert.Contains(ChangeFailureKinds.Throttled, message, StringComparison.Ordinal);
        Assert.Contains(Id(100), message, StringComparison.Ordinal);
        Assert.Contains("15 more", message, StringComparison.Ordinal);
        Assert.DoesNotContain(Id(99), message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_OneBatch503Forever_DroppedAsTransient()
    {
        var env = new TestEnv(maxRetries: 1);
        env.Transport.On(r => Asks(r, Id(50)), _ => new CannedResponse(503, "{}"));
        env.Transport.On(r => r.Method == "POST", Answer);
        var skipped = new ConcurrentQueue<string>();

        var series = await ReadAsync(Client(env, skipped), Vms(60));

        // 60 VMs → 50 + 10; the 10 of the second call are dropped after 1 + 1 attempts.
        Assert.Equal(50, series.Count);
        var message = Assert.Single(skipped);
        Assert.Contains("10 resource(s)", message, StringComparison.Ordinal);
        Assert.Contains($"{ChangeFailureKinds.Transient}, HTTP 503", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, "AuthorizationFailed", ChangeFailureKinds.Forbidden)]
    [InlineData(400, "BadRequest", ChangeFailureKinds.InvalidTarget)]
    public async Task ReadAsync_OneBatchConfigurationError_ThrowsWithoutRetrying(int status, string code, string kind)
    {
        var env = new TestEnv(maxRetries: 2);
        env.Transport.On(r => Asks(r, Id(50)), _ => new CannedResponse(status, $"{{\"error\":{{\"code\":\"{code}\",\"message\":\"no\"}}}}"));
        env.Transport.On(r => r.Method == "POST", Answer);
        var skipped = new ConcurrentQueue<string>();

        var ex = await Assert.ThrowsAsync<AzureCallException>(() => ReadAsync(Client(env, skipped), Vms(120)));

        Assert.Equal(kind, ex.Failure.Kind);
        Assert.Equal(status, ex.Status);
        Assert.Contains(code, ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, env.Transport.Requests.Count(r => Asks(r, Id(50))));
        Assert.Empty(skipped);
    }

    [Fact]
    public async Task ReadAsync_EveryBatch529_ThrowsThrottledAfterReportingEachCall()
    {
        var env = new TestEnv(maxRetries: 2);
        env.Transport.On("POST", "metrics:getBatch", new CannedResponse(529, Throttled529, new Dictionary<string, string> { ["retry-after-ms"] = "1" }));
        var skipped = new ConcurrentQueue<string>();

        var ex = await Assert.ThrowsAsync<AzureCallException>(() => ReadAsync(Client(env, skipped), Vms(120)));

        // 3 calls × (1 + 2 retries) = 9 requests; an outage is an error, not an empty read.
        Assert.Equal(9, env.Transport.Requests.Count);
        Assert.Equal(ChangeFailureKinds.Throttled, ex.Failure.Kind);
        Assert.Equal(529, ex.Status);
        Assert.Contains("Every metrics call failed (3 of 3)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["call 1 of 3", "call 2 of 3", "call 3 of 3"], skipped.Select(m => m[(m.IndexOf("call ", StringComparison.Ordinal))..][..11]));
    }

    [Fact]
    public async Task AzureAdaptersCreate_SkippedCallbackReceivesTheDroppedMetricsCall()
    {
        var env = new TestEnv(maxRetries: 0);
        env.Transport.On(r => Asks(r, Id(50)), _ => new CannedResponse(529, Throttled529));
        env.Transport.On(r => r.Method == "POST", Answer);
        var skipped = new ConcurrentQueue<string>();
        var engine = AzureAdapters.Create(env.Credential, env.Options, skipped.Enqueue);

        var series = await engine.Metrics.ReadAsync(Cpu(Vms(51)), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        // 51 VMs → 50 + 1; the single VM of the throttled second call is reported, the 50 others are read.
        Assert.Equal(50, series.Count);
        Assert.Contains("1 resource(s)", Assert.Single(skipped), StringComparison.Ordinal);
    }
}
