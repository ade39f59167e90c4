using Optimize.Metrics;
using Optimize.Model;

namespace Optimize.Core.Tests.Metrics;

public sealed class SummaryBuilderTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static ResourceRef Vm(string name) =>
        new($"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/{name}", ResourceKind.VirtualMachine, "eastus");

    private static MetricQuery Query(params ResourceRef[] resources) =>
        new(resources, [MetricNames.Cpu, MetricNames.Memory], new TimeRange(Start, Start.AddHours(4)), TimeSpan.FromHours(1));

    private static MetricSeries Series(ResourceRef r, string metric, params double[] values) =>
        new(r.Id, metric, Start, TimeSpan.FromHours(1), values);

    [Fact]
    public void Add_InterleavedSeries_YieldsEachResourceWhenComplete()
    {
        ResourceRef a = Vm("a"), b = Vm("b");
        var builder = new SummaryBuilder(Query(a, b));

        Assert.Null(builder.Add(Series(a, MetricNames.Cpu, 10, 20, 30, 40)));
        Assert.Null(builder.Add(Series(b, MetricNames.Cpu, 1, 1, 1, 1)));
        var done = builder.Add(Series(a, MetricNames.Memory, 50, 50, double.NaN, 50));

        Assert.NotNull(done);
        Assert.Equal(a.Id, done.ResourceId);
        Assert.Equal(40, done.Get(MetricNames.Cpu).Max);
        Assert.Equal(0.75, done.Get(MetricNames.Memory).Coverage);
        Assert.Equal(1, builder.PendingResources);
    }

    [Fact]
    public void Build_MissingMetricsAndSilentResources_EmptySummariesWithZeroCoverage()
    {
        ResourceRef a = Vm("a"), silent = Vm("silent");
        var builder = new SummaryBuilder(Query(a, silent));
        builder.Add(Series(a, MetricNames.Cpu, 10, 20, 30, 40));

        var rest = builder.Build();

        Assert.Equal([a.Id, silent.Id], rest.Select(r => r.ResourceId));
        Assert.Equal(0, rest[0].Get(MetricNames.Memory).Coverage);
        Assert.Equal(4, rest[0].Get(MetricNames.Memory).Expected);
        Assert.All(rest[1].Metrics.Values, m => Assert.False(m.HasData));
        Assert.Empty(builder.Build());
    }

    [Fact]
    public void Add_SameSeriesTwice_ThrowsAndNamesIt()
    {
        var a = Vm("a");
        var builder = new SummaryBuilder(Query(a));
        builder.Add(Series(a, MetricNames.Cpu, 1, 2, 3, 4));

        var ex = Assert.Throws<ArgumentException>(() => builder.Add(Series(a, MetricNames.Cpu, 1, 2, 3, 4)));

        Assert.Contains("arrived twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_MetricOutsideQuery_Ignored()
    {
        var a = Vm("a");
        var builder = new SummaryBuilder(Query(a));

        Assert.Null(builder.Add(Series(a, MetricNames.LatencyMs, 100, 100, 100, 100)));
        Assert.Equal(0, builder.PendingResources);
    }

    [Fact]
    public async Task SummarizeAsync_Stream_EveryResourceOnce()
    {
        ResourceRef a = Vm("a"), b = Vm("b"), c = Vm("c");

        static async IAsyncEnumerable<MetricSeries> Stream(params MetricSeries[] series)
        {
            foreach (var s in series)
            {
                await Task.Yield();
                yield return s;
            }
        }

        var results = new List<ResourceSummary>();
        await foreach (var r in SummaryBuilder.SummarizeAsync(
            Stream(Series(a, MetricNames.Cpu, 1, 2, 3, 4), Series(b, MetricNames.Memory, 5, 5, 5, 5), Series(a, MetricNames.Memory, 9, 9, 9, 9)),
            Query(a, b, c),
            TestContext.Current.CancellationToken))
        {
            results.Add(r);
        }

        Assert.Equal([a.Id, b.Id, c.Id], results.Select(r => r.ResourceId));
        Assert.Equal(4, results[0].Get(MetricNames.Cpu).Max);
        Assert.False(results[1].Get(MetricNames.Cpu).HasData);
    }
}
