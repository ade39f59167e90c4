using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Optimize.Advisors;
using Optimize.Catalog;
using Optimize.Engine;
using Optimize.Journal;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Ports;
using Optimize.Pricing;
using static Optimize.Core.Tests.Builders.AdvisorTestData;

namespace Optimize.Core.Tests.Engine;

/// <summary>
/// The pass reads metrics in chunks of <see cref="OptimizationPass.ChunkSize"/> per kind; the Azure reader batches each chunk per
/// (subscription, region, namespace). Chunks therefore follow (subscription, region), so a group is split over chunks only
/// when it is larger than a chunk.
/// </summary>
public sealed class ChunkOrderTests
{
    [Fact]
    public async Task RunAsync_InventoryInterleavesFourGroups_EachGroupReadInOneChunk()
    {
        // 1,000 VMs listed round-robin over 2 subscriptions × 2 regions ("West Europe" and "westeurope" are one region):
        // 250 per group. In inventory order both chunks of 500 would hold all four groups (8 part-full batches); ordered,
        // chunk 1 holds two groups and chunk 2 the other two (4 full ones).
        string[] subscriptions = ["00000000-0000-0000-0000-00000000000a", "00000000-0000-0000-0000-00000000000b"];
        static string Region(int i) => (i / 2) % 2 == 1 ? "eastus" : i % 8 == 4 ? "West Europe" : "westeurope";
        var items = Enumerable.Range(0, 1000).Select(i => new InventoryItem(
            new ResourceRef($"/subscriptions/{subscriptions[i % 2]}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm{i}", ResourceKind.VirtualMachine, Region(i)),
            new VmConfig("Standard_D4s_v5"))).ToList();
        var reader = new RecordingReader();
        var journal = new InMemoryJournal();
        var pass = new OptimizationPass(
            new PassPorts(new Listed(items), reader, BuiltInCatalog.Default, new BuiltInPriceBook(), journal, journal),
            AdvisorSet.Default, new FakeTimeProvider(End), NullLogger<OptimizationPass>.Instance);

        var result = await pass.RunAsync(new PassRequest("test", new OptimizePolicy(), new InventoryScope(subscriptions, [], []), ReadOnly: true), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, reader.Chunks.Count);
        Assert.All(reader.Chunks, c => Assert.Equal(500, c.Count));
        var groups = reader.Chunks.Select(c => c.Select(r => (r.SubscriptionId, r.Location.Replace(" ", "").ToLowerInvariant())).Distinct().Count()).ToList();
        Assert.Equal([2, 2], groups);
        Assert.Equal(1000, result.Advices.Count);

        // Within a group the inventory's order is kept (a stable order).
        var first = reader.Chunks[0].Where(r => r.SubscriptionId == subscriptions[0] && r.Location == "eastus").Select(r => int.Parse(r.Name[2..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(250, first.Count);
        Assert.Equal(first.Order(), first);
    }

    private sealed class Listed(IReadOnlyList<InventoryItem> items) : IInventory
    {
        public async IAsyncEnumerable<InventoryItem> ListAsync(InventoryScope scope, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            foreach (var item in items)
            {
                yield return item;
            }
        }
    }

    /// <summary>Records each query's resources and returns no series.</summary>
    private sealed class RecordingReader : IMetricsReader
    {
        public List<IReadOnlyList<ResourceRef>> Chunks { get; } = [];

        public async IAsyncEnumerable<MetricSeries> ReadAsync(MetricQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Chunks.Add(query.Resources);
            await Task.Yield();
            yield break;
        }
    }
}
