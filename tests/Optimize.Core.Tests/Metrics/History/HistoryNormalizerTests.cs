using Optimize.Catalog;
using Optimize.Metrics;
using Optimize.Metrics.History;
using Optimize.Model;

namespace Optimize.Core.Tests.Metrics.History;

public sealed class HistoryNormalizerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly VmConfig E8 = new("Standard_E8s_v5");
    private static readonly VmConfig E16 = new("Standard_E16s_v5");

    private static readonly ResourceRef Vm =
        new("/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/a", ResourceKind.VirtualMachine, "eastus");

    private static MetricQuery Query =>
        new([Vm], [MetricNames.Cpu, MetricNames.Memory], new TimeRange(Start, Start.AddHours(4)), TimeSpan.FromHours(1));

    private static MetricSeries Series(string metric, params double[] values) => new(Vm.Id, metric, Start, TimeSpan.FromHours(1), values);

    private static SummaryBuilder Builder(DateTimeOffset resizedAt) =>
        new(Query, new HistoryNormalizer(BuiltInCatalog.Default).Add(Vm.Id, E16, new ConfigurationTimeline(E8, [new ConfigurationMark(resizedAt, E16)])));

    [Fact]
    public void Add_TwoHoursOnE8ThenTwoOnE16_OldHoursHalved()
    {
        // cpu 100, 100 on E8 (8 vCPU) = 50, 50 on E16; then 45, 45 on E16: mean (50+50+45+45)/4 = 47.5, max 50.
        // memory 40 % of 64 GiB = 25.6 GiB = 20 % of 128 GiB.
        var builder = Builder(Start.AddHours(2));
        builder.Add(Series(MetricNames.Cpu, 100, 100, 45, 45));
        var summary = builder.Add(Series(MetricNames.Memory, 40, 40, 20, 20))!;

        Assert.Equal(47.5, summary.Get(MetricNames.Cpu).Mean, 9);
        Assert.Equal(50, summary.Get(MetricNames.Cpu).Max, 9);
        Assert.Equal(20, summary.Get(MetricNames.Memory).Max, 9);
        Assert.Equal(1.0, summary.Get(MetricNames.Cpu).Coverage);
    }

    [Fact]
    public void Add_ResizeInsideAnHour_ThatHourIsAGap()
    {
        // Resized at 01:30: hour 1 measured neither size → 3 of 4 points, coverage 0.75; max 50 (hour 0 on E8).
        var builder = Builder(Start.AddMinutes(90));
        builder.Add(Series(MetricNames.Cpu, 100, 100, 45, 45));
        var summary = builder.Add(Series(MetricNames.Memory, 40, 40, 20, 20))!;

        Assert.Equal(0.75, summary.Get(MetricNames.Cpu).Coverage);
        Assert.Equal(50, summary.Get(MetricNames.Cpu).Max, 9);
    }

    [Fact]
    public void Normalize_UnknownConfiguration_PointsBecomeGapsAndAbsoluteMetricsStay()
    {
        var normalizer = new HistoryNormalizer(BuiltInCatalog.Default)
            .Add(Vm.Id, E16, new ConfigurationTimeline(null, [new ConfigurationMark(Start.AddHours(3), E16)]));

        var cpu = normalizer.Normalize(Series(MetricNames.Cpu, 90, 90, 90, 40)).Values.ToArray();
        var latency = normalizer.Normalize(Series(MetricNames.LatencyMs, 300, 300, 300, 300)).Values.ToArray();

        Assert.Equal([double.NaN, double.NaN, double.NaN, 40], cpu);
        Assert.Equal([300.0, 300, 300, 300], latency);
    }
}
