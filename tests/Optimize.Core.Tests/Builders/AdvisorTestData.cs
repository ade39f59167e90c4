using Optimize.Advisors;
using Optimize.Catalog;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Pricing;

namespace Optimize.Core.Tests.Builders;

/// <summary>
/// Safe defaults for advisor tests: a 14-day hourly lookback (336 expected points), full coverage, the built-in
/// catalog and eastus prices, the default policy.
/// </summary>
internal static class AdvisorTestData
{
    public const int ExpectedPoints = 336;

    public static readonly DateTimeOffset End = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    public static readonly TimeRange Lookback = TimeRange.Ending(End, TimeSpan.FromDays(14));

    /// <summary>A summary whose percentiles are all <paramref name="value"/> (steady use) and whose max is <paramref name="max"/>.</summary>
    public static MetricSummary Steady(string metric, double value, double? max = null, double coverage = 1.0, int transitions = 0, double? p50 = null) =>
        new(metric, ExpectedPoints, (int)Math.Round(ExpectedPoints * coverage), value, p50 ?? value, value, value, value, max ?? value, transitions);

    public static ResourceSummaryBuilder Summary(string resourceId) => new(resourceId);

    public static string Id(string type, string name) => $"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-test/providers/{type}/{name}";

    public static InventoryItem VmItem(string size, string location = "eastus") =>
        new(new ResourceRef(Id("Microsoft.Compute/virtualMachines", "vm1"), ResourceKind.VirtualMachine, location), new VmConfig(size));

    public static InventoryItem ScaleSetItem(string sku, int capacity, string name = "vmss1") =>
        new(new ResourceRef(Id("Microsoft.Compute/virtualMachineScaleSets", name), ResourceKind.ScaleSet, "eastus"), new ScaleSetConfig(sku, capacity));

    public static InventoryItem PlanItem(string sku, int workers, string name = "plan1") =>
        new(new ResourceRef(Id("Microsoft.Web/serverfarms", name), ResourceKind.AppServicePlan, "eastus"), new AppServicePlanConfig(sku, workers));

    public static InventoryItem FunctionItem(int memoryMb, int maximumInstances) =>
        new(new ResourceRef(Id("Microsoft.Web/sites", "func1"), ResourceKind.FunctionApp, "eastus"), new FunctionAppConfig(memoryMb, maximumInstances));

    public static InventoryItem AutoscaleItem(string targetId, int min, int max, int @default, double outPercent, double inPercent) =>
        new(new ResourceRef(Id("Microsoft.Insights/autoscalesettings", "as1"), ResourceKind.AutoscaleSetting, "eastus"),
            new AutoscaleConfig(targetId, min, max, @default, outPercent, inPercent));

    /// <summary>Every built-in price for eastus (and the Flex meter).</summary>
    public static PriceSheet Prices(string region = "eastus")
    {
        var keys = BuiltInCatalog.Default.All
            .Where(s => s.Kind != ResourceKind.FunctionApp)
            .Select(s => new PriceKey(s.Kind, s.Name, region))
            .Append(new PriceKey(ResourceKind.FunctionApp, PriceSkus.FlexConsumptionGbSecond, region));
        return new PriceSheet(keys.Select(BuiltInPriceBook.Find).OfType<Price>());
    }

    public static AdvisorContext Context(OptimizePolicy? policy = null, PriceSheet? prices = null, params InventoryItem[] inventory) =>
        AdvisorContext.Create(BuiltInCatalog.Default, prices ?? Prices(), policy ?? new OptimizePolicy(), inventory);

    /// <summary>Builds a <see cref="ResourceSummary"/> over <see cref="AdvisorTestData.Lookback"/>.</summary>
    internal sealed class ResourceSummaryBuilder(string resourceId)
    {
        private readonly Dictionary<string, MetricSummary> _metrics = new(StringComparer.Ordinal);

        public ResourceSummaryBuilder With(MetricSummary summary)
        {
            _metrics[summary.Metric] = summary;
            return this;
        }

        public ResourceSummaryBuilder Cpu(double p, double? max = null, double coverage = 1.0) =>
            With(AdvisorTestData.Steady(MetricNames.Cpu, p, max, coverage));

        public ResourceSummaryBuilder Memory(double p, double? max = null, double coverage = 1.0) =>
            With(AdvisorTestData.Steady(MetricNames.Memory, p, max, coverage));

        public ResourceSummary Build() => new(resourceId, AdvisorTestData.Lookback, new Dictionary<string, MetricSummary>(_metrics));
    }
}
