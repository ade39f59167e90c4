using BenchmarkDotNet.Attributes;
using Optimize.Advisors;
using Optimize.Catalog;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Pricing;
using Optimize.Recommendations;

namespace Optimize.Benchmarks;

/// <summary>
/// Advisor throughput on 10,000 precomputed summaries (a fleet mix of VMs, scale sets, plans, Flex apps and autoscale
/// settings; deterministic seed). Per-operation figures are per resource. The baseline only reads the protected
/// statistic of every summary: the floor any advisor pays.
/// </summary>
[MemoryDiagnoser]
public class AdvisorBenchmarks
{
    private const int Resources = 10_000;
    private (InventoryItem Item, ResourceSummary Summary)[] _fleet = [];
    private (InventoryItem Item, ResourceSummary Summary)[] _vms = [];
    private AdvisorContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var range = TimeRange.Ending(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(14));
        string[] vmSizes = ["Standard_D2s_v5", "Standard_D4s_v5", "Standard_D8s_v5", "Standard_D16s_v5", "Standard_E8s_v5", "Standard_F8s_v2", "Standard_B4ms"];
        string[] planSkus = ["P1v3", "P2v3", "S1", "B2", "P1mv3"];
        var items = new List<InventoryItem>(Resources);
        var fleet = new List<(InventoryItem, ResourceSummary)>(Resources);
        for (var i = 0; i < Resources; i++)
        {
            var id = $"/subscriptions/s/resourceGroups/rg{i % 50}/providers/Microsoft.Compute/x/r{i}";
            InventoryItem item = (i % 5) switch
            {
                0 => new(new ResourceRef(id, ResourceKind.ScaleSet, "eastus"), new ScaleSetConfig(vmSizes[random.Next(vmSizes.Length)], random.Next(1, 20))),
                1 => new(new ResourceRef(id, ResourceKind.AppServicePlan, "eastus"), new AppServicePlanConfig(planSkus[random.Next(planSkus.Length)], random.Next(1, 4))),
                2 => new(new ResourceRef(id, ResourceKind.FunctionApp, "eastus"), new FunctionAppConfig(random.Next(3) switch { 0 => 512, 1 => 2048, _ => 4096 }, 100)),
                3 => new(new ResourceRef(id, ResourceKind.AutoscaleSetting, "eastus"), new AutoscaleConfig(id.Replace("/x/", "/plan/", StringComparison.Ordinal), 2, 10, 2, 70, random.Next(20, 65))),
                _ => new(new ResourceRef(id, ResourceKind.VirtualMachine, "eastus"), new VmConfig(vmSizes[random.Next(vmSizes.Length)])),
            };
            items.Add(item);
            fleet.Add((item, Summary(id, range, random)));
        }

        _fleet = [.. fleet];
        _vms = [.. fleet.Where(f => f.Item1.Resource.Kind == ResourceKind.VirtualMachine)];
        var keys = BuiltInCatalog.Default.All.Where(s => s.Kind != ResourceKind.FunctionApp).Select(s => new PriceKey(s.Kind, s.Name, "eastus"))
            .Append(new PriceKey(ResourceKind.FunctionApp, PriceSkus.FlexConsumptionGbSecond, "eastus"));
        _context = AdvisorContext.Create(BuiltInCatalog.Default, new PriceSheet(keys.Select(BuiltInPriceBook.Find).OfType<Price>()), new OptimizePolicy(), items);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Resources)]
    public double ReadProtectedStatistic()
    {
        var sum = 0.0;
        foreach (var (_, summary) in _fleet)
        {
            sum += summary.Get(MetricNames.Cpu).Get("p95");
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Resources)]
    public int AdviseFleetMix()
    {
        var recommendations = 0;
        foreach (var (item, summary) in _fleet)
        {
            if (AdvisorSet.Default.Advise(item, summary, _context).IsRecommendation)
            {
                recommendations++;
            }
        }

        return recommendations;
    }

    [Benchmark(OperationsPerInvoke = Resources)]
    public int AdviseVmsOnly()
    {
        // Repeated to keep the per-resource figure comparable (VMs are a fifth of the fleet).
        var recommendations = 0;
        for (var r = 0; r < 5; r++)
        {
            foreach (var (item, summary) in _vms)
            {
                if (AdvisorSet.Default.Advise(item, summary, _context).Recommendation is { Direction: Direction.Down })
                {
                    recommendations++;
                }
            }
        }

        return recommendations;
    }

    private static ResourceSummary Summary(string id, TimeRange range, Random random)
    {
        MetricSummary Steady(string metric, double p95, double max, int transitions) =>
            new(metric, 336, 330, p95 * 0.6, p95 * 0.7, p95 * 0.9, p95, Math.Min(max, p95 * 1.05), max, transitions);
        var cpu = random.Next(2, 95);
        var mem = random.Next(5, 90);
        var instances = random.Next(2, 8);
        return new ResourceSummary(id, range, new Dictionary<string, MetricSummary>
        {
            [MetricNames.Cpu] = Steady(MetricNames.Cpu, cpu, Math.Min(100, cpu + random.Next(0, 30)), 0),
            [MetricNames.Memory] = Steady(MetricNames.Memory, mem, Math.Min(100, mem + random.Next(0, 20)), 0),
            [MetricNames.Instances] = Steady(MetricNames.Instances, instances, instances + 2, random.Next(0, 200)),
        });
    }
}
