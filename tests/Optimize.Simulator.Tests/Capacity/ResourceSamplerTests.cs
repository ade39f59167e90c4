using Optimize.Metrics;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Simulator.Tests.Capacity;

public sealed class ResourceSamplerTests
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Autoscale_FlappingThresholds_ChangeCapacityManyTimesADay()
    {
        var t = new TestFleet();
        var flapping = t.First(FleetScenario.FlappingAutoscale);

        var transitions = await TransitionsPerDay(t, flapping);

        Assert.True(transitions > 24, $"{transitions} transitions per day");
    }

    [Fact]
    public async Task Autoscale_WideGap_ChangesCapacityRarely()
    {
        var t = new TestFleet();
        var wide = t.Fleet.Resources.First(r => r.Resource.Kind == ResourceKind.AutoscaleSetting && r.Scenario == FleetScenario.RightSized);
        var config = (AutoscaleConfig)wide.InitialConfig;
        Assert.True(config.ScaleOutCpuPercent - config.ScaleInCpuPercent >= 40);

        var transitions = await TransitionsPerDay(t, wide);

        Assert.True(transitions <= 4, $"{transitions} transitions per day");
    }

    [Fact]
    public async Task Autoscale_WideningFlappingThresholds_StopsTheFlapping()
    {
        var t = new TestFleet();
        var flapping = t.First(FleetScenario.FlappingAutoscale);
        var before = await TransitionsPerDay(t, flapping);

        var widened = (AutoscaleConfig)flapping.InitialConfig with { ScaleOutCpuPercent = 75, ScaleInCpuPercent = 25 };
        var result = await t.Config.ApplyAsync(flapping.Resource, widened, false, TestContext.Current.CancellationToken);
        var after = await TransitionsPerDay(t, flapping, TestFleet.Now + TimeSpan.FromDays(3));

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.True(after * 5 < before, $"{before} -> {after}");
    }

    [Fact]
    public async Task Autoscale_SettingMetrics_AreItsTargetsCpuAndInstances()
    {
        var t = new TestFleet();
        var setting = t.First(FleetScenario.FlappingAutoscale);
        var target = t.Fleet[setting.TargetIndex!.Value];
        var start = TestFleet.Now - TimeSpan.FromDays(1);

        Assert.Equal(
            await t.ReadAsync(target, MetricNames.Instances, start, TimeSpan.FromDays(1), FiveMinutes),
            await t.ReadAsync(setting, MetricNames.Instances, start, TimeSpan.FromDays(1), FiveMinutes));
        Assert.Equal(
            await t.ReadAsync(target, MetricNames.Cpu, start, TimeSpan.FromDays(1), FiveMinutes),
            await t.ReadAsync(setting, MetricNames.Cpu, start, TimeSpan.FromDays(1), FiveMinutes));
        Assert.Empty(await t.ReadAsync(setting, MetricNames.LatencyMs, start, TimeSpan.FromDays(1), FiveMinutes));
    }

    [Fact]
    public async Task History_ChangeMidRange_MetricsBeforeUseOldConfigAndAfterTheNew()
    {
        var t = new TestFleet();
        var vm = t.First(FleetScenario.OverProvisioned, ResourceKind.VirtualMachine);
        var changeAt = TestFleet.Now + TimeSpan.FromDays(1);
        var start = TestFleet.Now;
        var before = await t.ReadAsync(vm, MetricNames.Cpu, start, TimeSpan.FromDays(2), FiveMinutes);

        t.Time.SetUtcNow(changeAt);
        var result = await t.Config.ApplyAsync(vm.Resource, new VmConfig(TestCatalog.HalfOf(((VmConfig)vm.InitialConfig).Size)), false, TestContext.Current.CancellationToken);
        var after = await t.ReadAsync(vm, MetricNames.Cpu, start, TimeSpan.FromDays(2), FiveMinutes);

        // Half the vCPUs: every point after the change doubles, every point before is untouched.
        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal(before[..288], after[..288]);
        for (var i = 288; i < 576; i++)
        {
            Assert.Equal(Math.Min(100, before[i] * 2), after[i], 6);
        }
    }

    [Fact]
    public async Task History_RestoringTheConfig_RestoresTheMetrics()
    {
        var t = new TestFleet();
        var plan = t.Fleet.Resources.First(r => r.Scenario == FleetScenario.OverProvisioned && r.Resource.Kind == ResourceKind.AppServicePlan);
        var initial = (AppServicePlanConfig)plan.InitialConfig;
        var start = TestFleet.Now;
        var untouched = await t.ReadAsync(plan, MetricNames.LatencyMs, start, TimeSpan.FromDays(3), FiveMinutes);

        t.Time.SetUtcNow(start + TimeSpan.FromDays(1));
        await t.Config.ApplyAsync(plan.Resource, initial with { Workers = 1 }, false, TestContext.Current.CancellationToken);
        t.Time.SetUtcNow(start + TimeSpan.FromDays(2));
        await t.Config.ApplyAsync(plan.Resource, initial, false, TestContext.Current.CancellationToken);
        var cycled = await t.ReadAsync(plan, MetricNames.LatencyMs, start, TimeSpan.FromDays(3), FiveMinutes);

        Assert.Equal(untouched[..288], cycled[..288]);
        Assert.True(TestFleet.Mean(cycled[288..576]) > TestFleet.Mean(untouched[288..576]));
        Assert.Equal(untouched[576..], cycled[576..]);
    }

    [Fact]
    public async Task VmResize_RecordsARestart_ErrorsSpikeBriefly()
    {
        var t = new TestFleet();
        var vm = t.First(FleetScenario.OverProvisioned, ResourceKind.VirtualMachine);
        var changeAt = TestFleet.Now + TimeSpan.FromHours(2);
        t.Time.SetUtcNow(changeAt);

        await t.Config.ApplyAsync(vm.Resource, new VmConfig(TestCatalog.HalfOf(((VmConfig)vm.InitialConfig).Size)), false, TestContext.Current.CancellationToken);
        var errors = await t.ReadAsync(vm, MetricNames.ErrorPercent, changeAt - TimeSpan.FromHours(1), TimeSpan.FromHours(2), FiveMinutes);

        Assert.True(t.Fleet.History(vm).Single().Restarted);
        Assert.All(errors[..12], e => Assert.True(e < 1, $"{e}"));
        Assert.All(errors[12..14], e => Assert.True(e >= 30, $"{e}"));
        Assert.All(errors[14..], e => Assert.True(e < 1, $"{e}"));
    }

    [Fact]
    public async Task RegressingPlan_LooksOverProvisioned_ButSaturatesAfterHalving()
    {
        var t = new TestFleet();
        var plan = t.First(FleetScenario.RegressesAfterDownsize);
        var initial = (AppServicePlanConfig)plan.InitialConfig;
        var hour = TimeSpan.FromHours(1);
        var lookback = await t.ReadAsync(plan, MetricNames.Cpu, TestFleet.Now - TimeSpan.FromDays(14), TimeSpan.FromDays(14), hour);
        var baselineErrors = await t.ReadAsync(plan, MetricNames.ErrorPercent, TestFleet.Now - TimeSpan.FromDays(7), TimeSpan.FromDays(7), hour);
        var baselineLatency = await t.ReadAsync(plan, MetricNames.LatencyMs, TestFleet.Now - TimeSpan.FromDays(7), TimeSpan.FromDays(7), hour);

        var result = await t.Config.ApplyAsync(plan.Resource, initial with { Workers = 1 }, false, TestContext.Current.CancellationToken);
        var observeStart = TestFleet.Now + TimeSpan.FromMinutes(15);
        var errors = await t.ReadAsync(plan, MetricNames.ErrorPercent, observeStart, TimeSpan.FromHours(4), hour);
        var latency = await t.ReadAsync(plan, MetricNames.LatencyMs, observeStart, TimeSpan.FromHours(4), hour);

        // Before: p95 cpu well under the 35 % that makes halving safe for an advisor targeting 70 %.
        Assert.True(TestFleet.Percentile(lookback, 0.95) < 30, $"p95 cpu {TestFleet.Percentile(lookback, 0.95)}");
        Assert.True(result.Succeeded);
        // After: the default plan guards (error mean at most + 0.5, latency p95 at most + 25 %) both trip within a 4-hour observation.
        Assert.True(TestFleet.Mean(errors) > TestFleet.Mean(baselineErrors) + 0.5, $"error mean {TestFleet.Mean(errors)} vs {TestFleet.Mean(baselineErrors)}");
        Assert.True(TestFleet.Percentile(latency, 0.95) > 1.25 * TestFleet.Percentile(baselineLatency, 0.95), "latency p95");
    }

    [Fact]
    public async Task OverProvisionedPlan_HalvedWorkers_StaysWithinGuards()
    {
        var t = new TestFleet();
        var plan = t.Fleet.Resources.First(r => r.Scenario == FleetScenario.OverProvisioned && r.Resource.Kind == ResourceKind.AppServicePlan
            && ((AppServicePlanConfig)r.InitialConfig).Workers >= 2);
        var initial = (AppServicePlanConfig)plan.InitialConfig;
        var hour = TimeSpan.FromHours(1);
        var baselineLatency = await t.ReadAsync(plan, MetricNames.LatencyMs, TestFleet.Now - TimeSpan.FromDays(7), TimeSpan.FromDays(7), hour);

        await t.Config.ApplyAsync(plan.Resource, initial with { Workers = Math.Max(1, initial.Workers / 2) }, false, TestContext.Current.CancellationToken);
        var latency = await t.ReadAsync(plan, MetricNames.LatencyMs, TestFleet.Now, TimeSpan.FromDays(1), hour);
        var errors = await t.ReadAsync(plan, MetricNames.ErrorPercent, TestFleet.Now, TimeSpan.FromDays(1), hour);

        Assert.True(TestFleet.Percentile(latency, 0.95) < 1.25 * TestFleet.Percentile(baselineLatency, 0.95));
        Assert.True(TestFleet.Mean(errors) < 1);
    }

    private static async Task<int> TransitionsPerDay(TestFleet t, SimulatedResource setting, DateTimeOffset? end = null)
    {
        var instances = await t.ReadAsync(setting, MetricNames.Instances, (end ?? TestFleet.Now) - TimeSpan.FromDays(3), TimeSpan.FromDays(3), FiveMinutes);
        var transitions = 0;
        for (var i = 1; i < instances.Length; i++)
        {
            transitions += instances[i] != instances[i - 1] ? 1 : 0;
        }

        return transitions / 3;
    }
}
