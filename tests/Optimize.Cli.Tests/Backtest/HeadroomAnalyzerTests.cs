using System.Globalization;
using System.IO.Compression;
using Microsoft.Extensions.Time.Testing;
using Optimize.Catalog;
using Optimize.Changes;
using Optimize.Cli.Backtest;
using Optimize.Cli.Demo;
using Optimize.Model;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Workloads;
using Optimize.Tests.Emulated;

namespace Optimize.Cli.Tests.Backtest;

public sealed class HeadroomAnalyzerTests
{
    private static readonly TraceFleetOptions Options = new() { VmCount = 2 };

    [Fact]
    public async Task Analyze_PromotedHalvingAtRow12_CountsBreachesOnTheRestOfTheTrace()
    {
        // Column 0, rows 12–23 (after the change): 40 ×6, 60 ×3, 20 ×3 percent of the original size. Halved, that is
        // 80 ×6 (> 70 target), 120 ×3 (> 70 and > 100), 40 ×3: over target 9, saturated 3, max 120.
        // Peak file = average + 20: 60→120 ×6, 80→160 ×3, 40→80 ×3: over target 12, saturated 9.
        var average = Trace(r => r < 12 ? 30 : r < 18 ? 40 : r < 21 ? 60 : 20);
        var peak = Trace(r => (r < 12 ? 30 : r < 18 ? 40 : r < 21 ? 60 : 20) + 20);
        var fleet = FleetGenerator.FromTrace(average, Options, BuiltInCatalog.Default);
        var (change, from, to) = await HalveAsync(fleet, fleet[0], Options.Origin.AddHours(1));

        var breach = Assert.Single(HeadroomAnalyzer.Analyze([change], fleet, peak, 70));

        Assert.Equal(12, breach.Intervals);
        Assert.Equal(9, breach.OverTarget);
        Assert.Equal(3, breach.Saturated);
        Assert.Equal(12, breach.PeakOverTarget);
        Assert.Equal(9, breach.PeakSaturated);
        Assert.Equal(120, breach.MaxUtilizationPercent, 6);
        Assert.Equal(0.25, breach.SaturatedShare, 12);
        Assert.Equal((from.VCpus, to.VCpus), (breach.FromVcpus, breach.ToVcpus));
        Assert.Equal(Options.Origin.AddHours(1), breach.EffectiveAt);
    }

    [Theory]
    [InlineData(ChangeState.RolledBack)]
    [InlineData(ChangeState.Observing)]
    public async Task Analyze_ChangeNotPromoted_IsNotAnalyzed(ChangeState state)
    {
        var average = Trace(_ => 50);
        var fleet = FleetGenerator.FromTrace(average, Options, BuiltInCatalog.Default);
        var (change, _, _) = await HalveAsync(fleet, fleet[1], Options.Origin.AddHours(1));

        Assert.Empty(HeadroomAnalyzer.Analyze([change with { State = state }], fleet, null, 70));
    }

    [Fact]
    public async Task Analyze_NoPeakTrace_PeakCountsAreNull()
    {
        var fleet = FleetGenerator.FromTrace(Trace(_ => 50), Options, BuiltInCatalog.Default);
        var (change, _, _) = await HalveAsync(fleet, fleet[0], Options.Origin.AddMinutes(62)); // mid-interval: counts from row 13

        var breach = Assert.Single(HeadroomAnalyzer.Analyze([change], fleet, null, 70));

        Assert.Null(breach.PeakOverTarget);
        Assert.Null(breach.PeakSaturatedShare);
        Assert.Equal(11, breach.Intervals);
        Assert.Equal(11, breach.OverTarget); // 50 % halved = 100 %: over 70, not over 100
        Assert.Equal(0, breach.Saturated);
    }

    /// <summary>Writes the VM's size halved at <paramref name="at"/> through the production adapters on the emulator (which move the
    /// fleet's timeline) and returns the promoted change describing it.</summary>
    private static async Task<(DemoChange Change, SkuSpec From, SkuSpec To)> HalveAsync(SimulatedFleet fleet, SimulatedResource vm, DateTimeOffset at)
    {
        var from = BuiltInCatalog.Default.Find(ResourceKind.VirtualMachine, ((VmConfig)vm.InitialConfig).Size)!;
        var to = BuiltInCatalog.Default.Candidates(ResourceKind.VirtualMachine, "westeurope").Single(s => s.Family == from.Family && s.VCpus == from.VCpus / 2);
        await using var cloud = await EmulatedFleet.StartAsync(fleet, new FakeTimeProvider(at), ct: TestContext.Current.CancellationToken);
        var applied = await cloud.Engine.Configuration.ApplyAsync(vm.Resource, new VmConfig(to.Name), allowDeallocation: true, TestContext.Current.CancellationToken);
        Assert.True(applied.Succeeded, applied.ToString());
        var change = new DemoChange("c1", vm.Resource.Id, ResourceKind.VirtualMachine, from.Name, new VmConfig(to.Name).Describe(), 1,
            ChangeState.Promoted, "promoted", 100m, at.AddMinutes(-30), at.AddHours(4), 8);
        return (change, from, to);
    }

    /// <summary>A 2-column, 24-row trace (2 hours); both columns hold <paramref name="percent"/>(row).</summary>
    private static TraceSet Trace(Func<int, double> percent)
    {
        var path = Path.Combine(Path.GetTempPath(), $"headroom-{Guid.NewGuid():N}.csv.gz");
        using (var writer = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest)))
        {
            writer.WriteLine("step,101,102");
            for (var r = 0; r < 24; r++)
            {
                var v = percent(r).ToString(CultureInfo.InvariantCulture);
                writer.WriteLine($"{r},{v},{v}");
            }
        }

        try
        {
            return TraceSet.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
