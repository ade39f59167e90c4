using Optimize.Advisors;
using Optimize.Advisors.AppServicePlan;
using Optimize.Advisors.ScaleSet;
using Optimize.Catalog;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Pricing;
using Optimize.Recommendations;

namespace Optimize.Azure.Tests.Inventory;

/// <summary>
/// A scale set or plan whose capacity an enabled autoscale setting targets (<see cref="ResourceRef.AutoscaledBy"/>, filled by
/// the inventory) keeps its count: its advisor may move only the SKU, so the two controllers never fight over the count.
/// Worked numbers on the built-in catalog (Dsv5: 2 vCPU / 8 GB per 2 vCPU step) and the default policy (cpu target 70 %,
/// memory 80 %).
/// </summary>
public sealed class AutoscaledCapacityTests
{
    private const string Setting = "/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/autoscalesettings/as1";
    private static readonly DateTimeOffset End = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ScaleSet_SteadyLow_Autoscaled_KeepsTheCountAndTakesTheSmallerSku()
    {
        // D4s_v5 × 10, cpu 15 % (max 30), memory 20 % (max 30): 6 vCPU, 32 GB; peaks 12 vCPU, 48 GB. Unpinned the advisor goes
        // to D4s_v5 × 3 (capacity first). Pinned at 10: D2s_v5 × 10 = 20 vCPU / 80 GB → 30 % cpu, 40 % memory, peaks 60 %.
        var (free, pinned) = Both(new ScaleSetAdvisor(), "Microsoft.Compute/virtualMachineScaleSets", ResourceKind.ScaleSet, new ScaleSetConfig("Standard_D4s_v5", 10), 15, 30, 20, 30);

        Assert.Equal(new ScaleSetConfig("Standard_D4s_v5", 3), free.Recommendation?.Target);
        Assert.Equal(new ScaleSetConfig("Standard_D2s_v5", 10), pinned.Recommendation?.Target);
        Assert.All(pinned.Recommendation!.Stages, s => Assert.Equal(10, ((ScaleSetConfig)s).Capacity));
        Assert.EndsWith($"Capacity left to autoscale setting {Setting}: only the SKU changes.", pinned.Recommendation.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void ScaleSet_Hot_Autoscaled_GrowsTheSkuNotTheCount()
    {
        // D4s_v5 × 4 at cpu 90 %: 14.4 vCPU. Unpinned: ⌈14.4 / (4 × 0.7)⌉ = 6 instances. Pinned at 4: D8s_v5 × 4 = 32 vCPU → 45 %.
        var (free, pinned) = Both(new ScaleSetAdvisor(), "Microsoft.Compute/virtualMachineScaleSets", ResourceKind.ScaleSet, new ScaleSetConfig("Standard_D4s_v5", 4), 90, 95, 30, 40);

        Assert.Equal(new ScaleSetConfig("Standard_D4s_v5", 6), free.Recommendation?.Target);
        Assert.Equal(new ScaleSetConfig("Standard_D8s_v5", 4), pinned.Recommendation?.Target);
    }

    [Fact]
    public void ScaleSet_OnlyTheCountCouldMove_Autoscaled_IsASkipNamingTheSetting()
    {
        // D2s_v5 × 6 at cpu 10 %, memory 10 %: unpinned the count drops toward 2; pinned, D2s_v5 is the family's smallest.
        var (free, pinned) = Both(new ScaleSetAdvisor(), "Microsoft.Compute/virtualMachineScaleSets", ResourceKind.ScaleSet, new ScaleSetConfig("Standard_D2s_v5", 6), 10, 20, 10, 20);

        Assert.Equal("Standard_D2s_v5", ((ScaleSetConfig)free.Recommendation!.Target).Sku);
        Assert.True(((ScaleSetConfig)free.Recommendation.Target).Capacity < 6);
        Assert.Equal(SkipReasons.AutoscaledCapacityCode, pinned.Skip?.Code);
        Assert.StartsWith($"capacity left to autoscale setting {Setting}; SKU: ", pinned.Skip!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Autoscaled_KeepsItsWorkers()
    {
        var plan = new AppServicePlanConfig("P2v3", 6);
        var (free, pinned) = Both(new AppServicePlanAdvisor(), "Microsoft.Web/serverfarms", ResourceKind.AppServicePlan, plan, 10, 20, 10, 20);

        Assert.NotEqual(6, ((AppServicePlanConfig)free.Recommendation!.Target).Workers);
        // P2v3 × 6 at 10 %: unpinned the workers drop; pinned they stay 6 (a smaller Pv3 SKU, or a skip naming the setting).
        Assert.True(pinned.Skip?.Code == SkipReasons.AutoscaledCapacityCode || ((AppServicePlanConfig)pinned.Recommendation!.Target).Workers == 6, pinned.Skip?.Message ?? pinned.Recommendation?.Rationale);
    }

    [Theory]
    [InlineData("Standard_D2s_v5", 7, "Standard_D2s_v5", 10, true)] // SKU reached; the count is autoscale's
    [InlineData("Standard_D4s_v5", 10, "Standard_D2s_v5", 10, false)] // SKU not reached
    public void Matches_Autoscaled_JudgesTheSkuOnly(string observedSku, int observedCount, string targetSku, int targetCount, bool expected)
    {
        var resource = new ResourceRef("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/v", ResourceKind.ScaleSet, "eastus") { AutoscaledBy = Setting };

        Assert.Equal(expected, AutoscaledCapacity.Matches(resource, new ScaleSetConfig(observedSku, observedCount), new ScaleSetConfig(targetSku, targetCount)));
        Assert.False(AutoscaledCapacity.Matches(resource with { AutoscaledBy = null }, new ScaleSetConfig(observedSku, observedCount), new ScaleSetConfig(targetSku, targetCount)));
        Assert.Equal(new ScaleSetConfig(targetSku, observedCount), AutoscaledCapacity.Pin(resource, new ScaleSetConfig(observedSku, observedCount), new ScaleSetConfig(targetSku, targetCount)));
    }

    [Fact]
    public void ResourceRef_AutoscaleFacts_CrossTheJournalJson_AndAreOmittedWhenNull()
    {
        // They travel with the resource through the workflow's durable inputs, like HostedSites.
        var plain = new ResourceRef("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/v", ResourceKind.ScaleSet, "eastus");
        var marked = plain with { AutoscaledBy = Setting, CpuRuleSource = plain.Id };
        var options = Optimize.Journal.JournalJson.Options;

        var back = System.Text.Json.JsonSerializer.Deserialize<ResourceRef>(System.Text.Json.JsonSerializer.Serialize(marked, options), options)!;
        var plainJson = System.Text.Json.JsonSerializer.Serialize(plain, options);

        Assert.Equal(Setting, back.AutoscaledBy);
        Assert.Equal(plain.Id, back.CpuRuleSource);
        Assert.DoesNotContain("autoscaledBy", plainJson, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("cpuRuleSource", plainJson, StringComparison.OrdinalIgnoreCase);
        Assert.Null(System.Text.Json.JsonSerializer.Deserialize<ResourceRef>(plainJson, options)!.AutoscaledBy);
    }

    private static (Advice Free, Advice Pinned) Both(IAdvisor advisor, string type, ResourceKind kind, ResourceConfig config, double cpu, double cpuMax, double mem, double memMax)
    {
        var resource = new ResourceRef($"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-test/providers/{type}/r1", kind, "eastus");
        var range = TimeRange.Ending(End, TimeSpan.FromDays(14));
        var summary = new ResourceSummary(resource.Id, range, new Dictionary<string, MetricSummary>
        {
            [MetricNames.Cpu] = new(MetricNames.Cpu, 336, 336, cpu, cpu, cpu, cpu, cpu, cpuMax, 0),
            [MetricNames.Memory] = new(MetricNames.Memory, 336, 336, mem, mem, mem, mem, mem, memMax, 0),
        });
        var prices = new PriceSheet(BuiltInCatalog.Default.All.Select(s => new PriceKey(s.Kind, s.Name, "eastus")).Select(BuiltInPriceBook.Find).OfType<Price>());
        var context = AdvisorContext.Create(BuiltInCatalog.Default, prices, new OptimizePolicy(), []);
        return (advisor.Advise(new InventoryItem(resource, config), summary, context),
            advisor.Advise(new InventoryItem(resource with { AutoscaledBy = Setting }, config), summary, context));
    }
}
