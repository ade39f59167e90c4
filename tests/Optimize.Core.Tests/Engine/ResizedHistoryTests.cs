using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Optimize.Advisors;
using Optimize.Catalog;
using Optimize.Core.Tests.Metrics.History;
using Optimize.Engine;
using Optimize.Journal;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Ports;
using Optimize.Pricing;
using Optimize.Recommendations;
using static Optimize.Core.Tests.Builders.AdvisorTestData;

namespace Optimize.Core.Tests.Engine;

/// <summary>
/// A VM resized by Optimize some days ago still has hours recorded on its old size in the 14-day lookback. The pass
/// must read them as demand on the new size. Default policy: protect p95, target 70 % cpu, scale up above 85 %.
/// Each row runs the pass twice: with the journal (the fix) and without it (every hour read as the current size),
/// so each row also shows the wrong decision the old reading makes.
/// </summary>
public sealed class ResizedHistoryTests
{
    private const string E4 = "Standard_E4s_v5", E8 = "Standard_E8s_v5", E16 = "Standard_E16s_v5", E32 = "Standard_E32s_v5";

    public static TheoryData<string, string, double, double, string, double, double, string, string> Cases => new()
    {
        // The issue's case. 1 day missing, E8 (8 vCPU) at 100 % for 10 days = 8 vCPU, then E16 at 45 % for 3 days
        // = 7.2 vCPU. On E16 the old hours read 100 × 8 / 16 = 50 %, so p95 = 50 % < 85: not hot; 8 vCPU on E8 would
        // project 100 % > 70: right-sized. Read as E16 hours, p95 = 100 % > 85 → upsize to E32 again.
        { "E8 100% 10d then E16 45% 3d", E8, 100, 10, E16, 45, 3, "right-sized", "up:" + E32 },

        // The mirror. E16 at 20 % for 13.5 days = 3.2 vCPU, then E8 at 40 % (the same 3.2 vCPU) for 12 hours. On E8
        // the old hours read 20 × 16 / 8 = 40 %: p95 = 40 % → E4 would project 80 % > 70: right-sized. Read as E8
        // hours, p95 = 20 % (the 12 new hours are 3.6 % of the points, under 5 %) = 1.6 vCPU → E4 at 40 %: a downsize
        // justified only by hours on the bigger size.
        { "E16 20% 13.5d then E8 40% 12h", E16, 20, 13.5, E8, 40, 0.5, "right-sized", "down:" + E4 },

        // A real rise still scales up: E16 at 95 % for 3 days is 23 % of the points, so p95 = 95 % > 85 either way.
        { "E8 100% 10d then E16 95% 3d", E8, 100, 10, E16, 95, 3, "up:" + E32, "up:" + E32 },

        // A real fall still scales down: 10 % of E16 = 1.6 vCPU = 20 % of E8 either way; E4 projects 40 % ≤ 70.
        { "E16 10% 10d then E8 20% 3d", E16, 10, 10, E8, 20, 3, "down:" + E4, "down:" + E4 },
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RunAsync_HoursBeforeAResize_ConvertedToTheCurrentSize(
        string name, string oldSize, double oldCpu, double oldDays, string newSize, double newCpu, double newDays, string expected, string unconverted)
    {
        var item = VmItem(newSize);
        var resizedAt = End - TimeSpan.FromDays(newDays);
        var journal = new InMemoryJournal();
        await JournalScenario.ChangeAsync(journal, item.Resource, new VmConfig(oldSize), new VmConfig(newSize), resizedAt, ct: Ct);
        var metrics = new TwoSizeMetrics(
            resizedAt, resizedAt - TimeSpan.FromDays(oldDays), Old: (oldSize, oldCpu), New: (newSize, newCpu), MemoryGb: 10);

        var converted = await RunAsync(item, metrics, journal, withHistory: true);
        var asRecorded = await RunAsync(item, metrics, journal, withHistory: false);

        Assert.True(Verdict(converted) == expected, $"{name}: {Verdict(converted)} ≠ {expected}: {Why(converted)}");
        Assert.True(Verdict(asRecorded) == unconverted, $"{name} without the journal: {Verdict(asRecorded)} ≠ {unconverted}: {Why(asRecorded)}");
    }

    [Fact]
    public async Task RunAsync_IssueCase_EvidenceShowsTheConvertedP95AndTheLostHour()
    {
        // E8 at 100 % (10 d) reads 50 % on E16, E16's own 3 days 45 %: p95 50 %. Coverage: 13 of 14 days recorded, less
        // the hour of the resize (the apply at T−3 d is read back 10 minutes later) = 311 / 336 = 0.9256.
        var item = VmItem(E16);
        var resizedAt = End - TimeSpan.FromDays(3);
        var journal = new InMemoryJournal();
        await JournalScenario.ChangeAsync(journal, item.Resource, new VmConfig(E8), new VmConfig(E16), resizedAt, ct: Ct);
        var metrics = new TwoSizeMetrics(resizedAt, resizedAt - TimeSpan.FromDays(10), (E8, 100), (E16, 45), MemoryGb: 10);

        var advice = await RunAsync(item, metrics, journal, withHistory: true);

        Assert.Equal(50, Evidence(advice, "cpu.p95"), 1);
        Assert.Equal(311.0 / 336, Evidence(advice, "coverage.cpu"), 4);
    }

    private static double Evidence(Advice advice, string name) => advice.Evidence.Single(e => e.Name == name).Value;

    private static string Verdict(Advice a) => a.Recommendation is { } r
        ? $"{(r.Direction == Direction.Up ? "up" : "down")}:{((VmConfig)r.Target).Size}"
        : a.Skip!.Code;

    private static string Why(Advice a) => a.Recommendation?.Rationale ?? a.Skip?.Message ?? "";

    private static async Task<Advice> RunAsync(InventoryItem item, IMetricsReader metrics, InMemoryJournal journal, bool withHistory)
    {
        var ports = new PassPorts(new OneItem(item), metrics, BuiltInCatalog.Default, new BuiltInPriceBook(), journal, journal)
        {
            History = withHistory ? journal : null,
        };
        var pass = new OptimizationPass(ports, AdvisorSet.Default, new FakeTimeProvider(End), NullLogger<OptimizationPass>.Instance);
        var request = new PassRequest("test", new OptimizePolicy(), new InventoryScope([item.Resource.SubscriptionId], [], []), ReadOnly: true);
        var result = await pass.RunAsync(request, cancellationToken: Ct);
        return Assert.Single(result.Advices);
    }

    private sealed class OneItem(InventoryItem item) : IInventory
    {
        public async IAsyncEnumerable<InventoryItem> ListAsync(InventoryScope scope, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return item;
        }
    }

    /// <summary>Hourly points: NaN before <paramref name="OldFrom"/>, the old size's CPU until <paramref name="ResizedAt"/>,
    /// the new size's after; memory is <paramref name="MemoryGb"/> of demand as a percentage of the size of the hour.</summary>
    private sealed record TwoSizeMetrics(DateTimeOffset ResizedAt, DateTimeOffset OldFrom, (string Size, double Cpu) Old, (string Size, double Cpu) New, double MemoryGb)
        : IMetricsReader
    {
        public async IAsyncEnumerable<MetricSeries> ReadAsync(MetricQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            foreach (var resource in query.Resources)
            {
                foreach (var metric in query.Metrics)
                {
                    var values = new double[query.ExpectedPoints];
                    for (var i = 0; i < values.Length; i++)
                    {
                        var at = query.Range.Start + (query.Interval * i);
                        var (size, cpu) = at < OldFrom ? (null, double.NaN) : at < ResizedAt ? Old : New;
                        values[i] = size is null ? double.NaN
                            : metric == MetricNames.Cpu ? cpu
                            : metric == MetricNames.Memory ? 100 * MemoryGb / BuiltInCatalog.Default.Find(ResourceKind.VirtualMachine, size)!.MemoryGb
                            : double.NaN;
                    }

                    yield return new MetricSeries(resource.Id, metric, query.Range.Start, query.Interval, values);
                }
            }
        }
    }
}
