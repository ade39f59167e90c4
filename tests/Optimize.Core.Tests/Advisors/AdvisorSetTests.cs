using Optimize.Advisors;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Recommendations;
using static Optimize.Core.Tests.Builders.AdvisorTestData;

namespace Optimize.Core.Tests.Advisors;

public sealed class AdvisorSetTests
{
    private sealed class ThrowingAdvisor : IAdvisor
    {
        public ResourceKind Kind => ResourceKind.VirtualMachine;

        public IReadOnlyList<string> RequiredMetrics => [MetricNames.LatencyMs];

        public Advice Advise(InventoryItem item, ResourceSummary summary, AdvisorContext context) =>
            throw new InvalidOperationException("boom");
    }

    [Fact]
    public void Default_HasOneAdvisorPerKind()
    {
        Assert.Equal(Enum.GetValues<ResourceKind>().Order(), AdvisorSet.Default.Kinds.Order());
    }

    [Fact]
    public void Advise_AdvisorThrows_AdvisorErrorSkip()
    {
        var set = new AdvisorSet([new ThrowingAdvisor()]);
        var item = VmItem("Standard_D4s_v5");

        var advice = set.Advise(item, Summary(item.Resource.Id).Build(), Context());

        Assert.Equal(SkipReasons.AdvisorErrorCode, advice.Skip?.Code);
        Assert.Contains("boom", advice.Skip?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_NoAdvisorForKind_KindDisabled()
    {
        var set = new AdvisorSet([new ThrowingAdvisor()]);
        var item = PlanItem("P1v3", 2);

        Assert.Equal(SkipReasons.KindDisabledCode, set.Advise(item, Summary(item.Resource.Id).Build(), Context()).Skip?.Code);
    }

    [Fact]
    public void Advise_DispatchesByKind()
    {
        var item = VmItem("Standard_D8s_v5");
        var summary = Summary(item.Resource.Id).Cpu(20, 40).Memory(30, 40).Build();

        Assert.Equal(new VmConfig("Standard_D4s_v5"), AdvisorSet.Default.Advise(item, summary, Context()).Recommendation?.Target);
    }

    [Fact]
    public void Constructor_TwoAdvisorsForOneKind_Throws()
    {
        Assert.Throws<ArgumentException>(() => new AdvisorSet([new ThrowingAdvisor(), new ThrowingAdvisor()]));
    }

    [Fact]
    public void RequiredMetricsFor_Kinds_UnionInStableOrder()
    {
        Assert.Equal([MetricNames.Cpu, MetricNames.Memory], AdvisorSet.Default.RequiredMetricsFor(ResourceKind.VirtualMachine));
        Assert.Equal(
            [MetricNames.Cpu, MetricNames.Memory, MetricNames.Instances],
            AdvisorSet.Default.RequiredMetricsFor([ResourceKind.VirtualMachine, ResourceKind.AutoscaleSetting, ResourceKind.FunctionApp]));
    }

    [Fact]
    public void Create_DuplicateInventoryIds_Throws()
    {
        var item = VmItem("Standard_D4s_v5");

        Assert.Throws<ArgumentException>(() => Context(inventory: [item, item]));
    }
}
