using Optimize.Metrics;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Simulator.Tests.Fleet;

/// <summary>Each designed scenario looks like what it claims over a 14-day hourly lookback (the engine's default).</summary>
public sealed class ScenarioFidelityTests
{
    private static readonly TimeSpan Lookback = TimeSpan.FromDays(14);

    [Theory]
    [InlineData(FleetScenario.OverProvisioned, ResourceKind.VirtualMachine, 0, 30)]
    [InlineData(FleetScenario.OverProvisioned, ResourceKind.ScaleSet, 0, 30)]
    [InlineData(FleetScenario.OverProvisioned, ResourceKind.AppServicePlan, 0, 30)]
    [InlineData(FleetScenario.RightSized, ResourceKind.VirtualMachine, 40, 70)]
    [InlineData(FleetScenario.UnderProvisioned, ResourceKind.VirtualMachine, 85, 100)]
    [InlineData(FleetScenario.UnderProvisioned, ResourceKind.ScaleSet, 85, 100)]
    [InlineData(FleetScenario.RegressesAfterDownsize, ResourceKind.AppServicePlan, 0, 30)]
    [InlineData(FleetScenario.RegressesAfterDownsize, ResourceKind.VirtualMachine, 0, 40)]
    [InlineData(FleetScenario.RegressesAfterDownsize, ResourceKind.ScaleSet, 0, 40)]
    public async Task Lookback_P95Cpu_MatchesTheScenario(FleetScenario scenario, ResourceKind kind, double min, double max)
    {
        var t = new TestFleet(count: 60);
        var resources = t.Fleet.WithScenario(scenario).Where(r => r.Resource.Kind == kind && r.GovernorIndex is null).ToList();

        Assert.NotEmpty(resources);
        foreach (var r in resources)
        {
            var cpu = await t.ReadAsync(r, MetricNames.Cpu, TestFleet.Now - Lookback, Lookback, TimeSpan.FromHours(1));
            Assert.InRange(TestFleet.Percentile(cpu, 0.95), min, max);
        }
    }

    [Fact]
    public async Task UnderProvisionedFunctionApp_ExhaustsMemoryAtPeaks_ErrorsRise()
    {
        var t = new TestFleet();
        var fn = t.First(FleetScenario.UnderProvisioned, ResourceKind.FunctionApp);
        var step = TimeSpan.FromMinutes(5);

        var memory = await t.ReadAsync(fn, MetricNames.Memory, TestFleet.Now - TimeSpan.FromDays(7), TimeSpan.FromDays(7), step);
        var errors = await t.ReadAsync(fn, MetricNames.ErrorPercent, TestFleet.Now - TimeSpan.FromDays(7), TimeSpan.FromDays(7), step);

        var exhausted = Enumerable.Range(0, memory.Length).Where(i => memory[i] >= 100).ToList();
        Assert.NotEmpty(exhausted);
        Assert.All(exhausted, i => Assert.True(errors[i] >= 15, $"{errors[i]}"));
        Assert.True(TestFleet.Percentile(errors, 0.5) < 1);
    }

    [Fact]
    public async Task UnknownSkuVm_StillHasMetrics()
    {
        var t = new TestFleet();
        var vm = t.First(FleetScenario.UnknownSku);

        var cpu = await t.ReadAsync(vm, MetricNames.Cpu, TestFleet.Now - TimeSpan.FromDays(1), TimeSpan.FromDays(1), TimeSpan.FromHours(1));

        Assert.Null(t.Fleet.Catalog.Find(ResourceKind.VirtualMachine, ((VmConfig)vm.InitialConfig).Size));
        Assert.Equal(24, cpu.Length);
        Assert.InRange(TestFleet.Mean(cpu), 1, 40);
    }
}
