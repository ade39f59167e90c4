using System.Text.Json.Nodes;
using Optimize.Azure.Tests.Http;
using Optimize.Metrics;
using Optimize.Model;

namespace Optimize.Azure.Tests.Metrics;

public sealed class MetricCallBudgetTests
{
    [Fact]
    public async Task ReadAsync_1000ResourcesInThreeGroups_CallsWithinTenPercentOfTheBatchBoundAndConcurrencyBounded()
    {
        var env = new TestEnv(configure: o => o.MetricsConcurrency = 4);
        env.Transport.On("POST", "metrics:getBatch", new CannedResponse(200, "{\"values\":[]}"));
        // 600 VMs in westeurope, 300 in northeurope (sub s1), 100 in westeurope of sub s2.
        var resources = Enumerable.Range(0, 1000).Select(i => new ResourceRef(
            $"/subscriptions/{(i < 900 ? "s1" : "s2")}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm{i}",
            ResourceKind.VirtualMachine,
            i < 600 || i >= 900 ? "westeurope" : "northeurope")).ToArray();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        await MonitorMetricsClientTests.Client(env).ReadAsync(new MetricQuery(resources, [MetricNames.Cpu, MetricNames.Memory], new TimeRange(start, start.AddDays(14)), TimeSpan.FromHours(1)), TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        var groups = env.Transport.Requests.GroupBy(r => (r.Uri.Host, r.Uri.AbsolutePath, Ns: r.Query("metricnamespace"))).ToDictionary(g => g.Key, g => g.ToList());
        var expected = new Dictionary<(string, string), int> { [("westeurope", "s1")] = 600, [("northeurope", "s1")] = 300, [("westeurope", "s2")] = 100 };
        Assert.Equal(3, groups.Count);
        foreach (var ((region, sub), count) in expected)
        {
            var calls = groups[($"{region}.metrics.monitor.azure.com", $"/subscriptions/{sub}/metrics:getBatch", "Microsoft.Compute/virtualMachines")];
            var bound = (int)Math.Ceiling(count / 50.0);
            Assert.InRange(calls.Count, bound, (int)Math.Floor(1.1 * bound));
            Assert.All(calls, c => Assert.InRange(JsonNode.Parse(c.Body)!["resourceids"]!.AsArray().Count, 1, 50));
            Assert.Equal(count, calls.Sum(c => JsonNode.Parse(c.Body)!["resourceids"]!.AsArray().Count));
        }

        Assert.InRange(env.Transport.MaxInFlight, 1, 4);
    }
}
