using BenchmarkDotNet.Attributes;
using Optimize.Metrics;
using Optimize.Model;

namespace Optimize.Benchmarks;

/// <summary>
/// Summarizing 30 days of hourly points (720) × 3 metrics per resource, for 1,000 resources (2% gaps). Per-operation
/// figures are per resource. The baseline only sums the points: the memory-bandwidth floor of any single pass.
/// </summary>
[MemoryDiagnoser]
public class SummaryBenchmarks
{
    private const int ResourceCount = 1_000;
    private const int Points = 720;
    private static readonly string[] Metrics = [MetricNames.Cpu, MetricNames.Memory, MetricNames.Instances];
    private MetricSeries[] _series = [];
    private MetricQuery _query = null!;
    private readonly MetricAccumulator _accumulator = new();

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var start = new DateTimeOffset(2026, 10, 24, 0, 0, 0, TimeSpan.Zero);
        var resources = new List<ResourceRef>(ResourceCount);
        var series = new List<MetricSeries>(ResourceCount * Metrics.Length);
        for (var r = 0; r < ResourceCount; r++)
        {
            var resource = new ResourceRef($"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm{r}", ResourceKind.VirtualMachine, "eastus");
            resources.Add(resource);
            foreach (var metric in Metrics)
            {
                var values = new double[Points];
                for (var i = 0; i < Points; i++)
                {
                    values[i] = random.NextDouble() < 0.02 ? double.NaN
                        : metric == MetricNames.Instances ? random.Next(2, 6)
                        : 40 + (30 * Math.Sin(i * Math.PI / 12)) + (random.NextDouble() * 10);
                }

                series.Add(new MetricSeries(resource.Id, metric, start, TimeSpan.FromHours(1), values));
            }
        }

        _series = [.. series];
        _query = new MetricQuery(resources, Metrics, new TimeRange(start, start.AddHours(Points)), TimeSpan.FromHours(1));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ResourceCount)]
    public double SumPoints()
    {
        var sum = 0.0;
        foreach (var s in _series)
        {
            foreach (var v in s.Values.Span)
            {
                if (!double.IsNaN(v))
                {
                    sum += v;
                }
            }
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = ResourceCount)]
    public double ReusedAccumulator()
    {
        var total = 0.0;
        foreach (var s in _series)
        {
            _accumulator.Reset();
            _accumulator.AddRange(s.Values.Span);
            total += _accumulator.ToSummary(s.Metric, Points).P95;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = ResourceCount)]
    public int SummaryBuilderAddAndBuild()
    {
        var builder = new SummaryBuilder(_query);
        var completed = 0;
        foreach (var s in _series)
        {
            if (builder.Add(s) is not null)
            {
                completed++;
            }
        }

        return completed + builder.Build().Count;
    }
}
