using Optimize.Metrics;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Simulator.Tests.Ports;

public sealed class SimulatedMetricsReaderTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task ReadAsync_BadDataResource_HasNaNGapsAtAbout60PercentCoverage()
    {
        var t = new TestFleet();
        var bad = t.First(FleetScenario.BadData);

        var cpu = await t.ReadAsync(bad, MetricNames.Cpu, TestFleet.Now - TimeSpan.FromDays(14), TimeSpan.FromDays(14), Hour);

        var coverage = cpu.Count(v => !double.IsNaN(v)) / (double)cpu.Length;
        Assert.Equal(336, cpu.Length);
        Assert.InRange(coverage, 0.5, 0.7);
    }

    [Fact]
    public async Task ReadAsync_HealthyResources_HaveNoGaps()
    {
        var t = new TestFleet();
        var healthy = t.Fleet.Resources.Where(r => r.Scenario != FleetScenario.BadData).Select(r => r.Resource).ToList();
        var query = new MetricQuery(healthy, MetricNames.All, TimeRange.Ending(TestFleet.Now, TimeSpan.FromDays(1)), Hour);

        var series = 0;
        await foreach (var s in t.Metrics.ReadAsync(query, TestContext.Current.CancellationToken))
        {
            series++;
            Assert.Equal(24, s.Values.Length);
            Assert.DoesNotContain(s.Values.ToArray(), double.IsNaN);
            Assert.Equal(TestFleet.Now - TimeSpan.FromDays(1), s.Start);
        }

        var autoscale = healthy.Count(r => r.Kind == ResourceKind.AutoscaleSetting);
        Assert.Equal(((healthy.Count - autoscale) * 5) + (autoscale * 2), series);
    }

    [Fact]
    public async Task ReadAsync_HourlyGrain_IsTheMeanOfTheTwelveFiveMinuteSteps()
    {
        var t = new TestFleet();
        var vm = t.First(FleetScenario.RightSized, ResourceKind.VirtualMachine);
        var start = TestFleet.Now - TimeSpan.FromDays(1);

        var fine = await t.ReadAsync(vm, MetricNames.LatencyMs, start, TimeSpan.FromDays(1), TimeSpan.FromMinutes(5));
        var hourly = await t.ReadAsync(vm, MetricNames.LatencyMs, start, TimeSpan.FromDays(1), Hour);
        var minutely = await t.ReadAsync(vm, MetricNames.LatencyMs, start, TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));

        for (var h = 0; h < 24; h++)
        {
            Assert.Equal(fine[(h * 12)..((h + 1) * 12)].Average(), hourly[h], 9);
        }

        // A 1-minute grid repeats the value of the 5-minute step holding it.
        Assert.Equal(60, minutely.Length);
        Assert.Equal(fine[0], minutely[4], 12);
        Assert.Equal(fine[1], minutely[5], 12);
    }

    [Fact]
    public async Task ReadAsync_SameQueryTwice_IdenticalValues()
    {
        var t = new TestFleet();
        var plan = t.First(FleetScenario.OverProvisioned, ResourceKind.AppServicePlan);

        var a = await t.ReadAsync(plan, MetricNames.Cpu, TestFleet.Now - TimeSpan.FromDays(3), TimeSpan.FromDays(3), Hour);
        var b = await t.ReadAsync(plan, MetricNames.Cpu, TestFleet.Now - TimeSpan.FromDays(3), TimeSpan.FromDays(3), Hour);

        Assert.Equal(a, b);
    }

    [Fact]
    public async Task ReadAsync_UnknownResource_IsOmitted()
    {
        var t = new TestFleet();
        var stranger = new ResourceRef("/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-other-0001", ResourceKind.VirtualMachine, "westeurope");
        var query = new MetricQuery([stranger], [MetricNames.Cpu], TimeRange.Ending(TestFleet.Now, Hour), Hour);

        var count = 0;
        await foreach (var unused in t.Metrics.ReadAsync(query, TestContext.Current.CancellationToken))
        {
            count++;
        }

        Assert.Equal(0, count);
    }

    [Fact]
    public void ReadAsync_IntervalBelowOneMinute_Throws()
    {
        var t = new TestFleet();
        var query = new MetricQuery([t.Fleet[0].Resource], [MetricNames.Cpu], TimeRange.Ending(TestFleet.Now, Hour), TimeSpan.FromSeconds(30));

        Assert.Throws<ArgumentOutOfRangeException>(() => t.Metrics.ReadAsync(query, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void ReadAsync_UnknownMetric_ThrowsNamingIt()
    {
        var t = new TestFleet();
        var query = new MetricQuery([t.Fleet[0].Resource], ["diskIops"], TimeRange.Ending(TestFleet.Now, Hour), Hour);

        var error = Assert.Throws<ArgumentException>(() => t.Metrics.ReadAsync(query, TestContext.Current.CancellationToken));

        Assert.Contains("diskIops", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_InjectedFailure_ThrowsOnceThenRecovers()
    {
        var t = new TestFleet();
        t.Faults.FailMetricReads(1);
        var vm = t.Fleet[0];

        Assert.Throws<InvalidOperationException>(() => t.Metrics.ReadAsync(new MetricQuery([vm.Resource], [MetricNames.Cpu], TimeRange.Ending(TestFleet.Now, Hour), Hour), TestContext.Current.CancellationToken));
        Assert.Single(await t.ReadAsync(vm, MetricNames.Cpu, TestFleet.Now - Hour, Hour, Hour));
    }

    [Fact]
    public async Task ReadAsync_WithClock_StepsNotYetCompleteAreGaps()
    {
        var t = new TestFleet();
        var reader = new Optimize.Simulator.Ports.SimulatedMetricsReader(t.Fleet, t.Time);
        var vm = t.Fleet[0];
        t.Time.SetUtcNow(TestFleet.Now + TimeSpan.FromMinutes(32));
        var query = new MetricQuery([vm.Resource], [MetricNames.Cpu], new TimeRange(TestFleet.Now, TestFleet.Now + Hour), TimeSpan.FromMinutes(5));

        double[] values = [];
        await foreach (var s in reader.ReadAsync(query, TestContext.Current.CancellationToken))
        {
            values = s.Values.ToArray();
        }

        // 00:00–00:30 are complete (6 steps); the step 00:30–00:35 is in progress; later ones have not happened.
        Assert.Equal(12, values.Length);
        Assert.DoesNotContain(values[..6], double.IsNaN);
        Assert.All(values[6..], v => Assert.True(double.IsNaN(v)));
    }
}
