using Optimize.Advisors.VirtualMachine;
using Optimize.Catalog;
using Optimize.Cli.Demo;
using Optimize.Model;
using Optimize.Pricing;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Workloads;

namespace Optimize.Cli.Backtest;

/// <summary>
/// Builds the analysis's <see cref="ResourceTimeline"/>s from a simulated fleet after a run: the configuration history the
/// fleet recorded (every write, rollbacks included), the run's changes matched to their writes, the VM advisor's compatible
/// sizes priced. Reads only <see cref="WorkloadModel"/> and <see cref="IRecordedWorkload"/>, so any recording works.
/// </summary>
internal static class TimelineBuilder
{
    /// <summary>The monthly price of a key, from the built-in price book (the one the emulator serves).</summary>
    public static decimal? BuiltInMonthlyPrice(PriceKey key) => BuiltInPriceBook.Find(key)?.MonthlyPerInstance;

    /// <summary>One timeline per VM of <paramref name="fleet"/> with a workload and a known size.</summary>
    /// <param name="fleet">The fleet the run changed.</param>
    /// <param name="changes">The run's changes.</param>
    /// <param name="monthlyPrice">Monthly price of a key, or null when unpriced.</param>
    /// <param name="runStart">First pass (bounds a workload that is not a recording).</param>
    /// <param name="runEnd">End of the run (likewise).</param>
    public static IReadOnlyList<ResourceTimeline> FromFleet(
        SimulatedFleet fleet, IReadOnlyList<DemoChange> changes, Func<PriceKey, decimal?> monthlyPrice, DateTimeOffset runStart, DateTimeOffset runEnd)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var byResource = changes.Where(c => c.Kind == ResourceKind.VirtualMachine)
            .GroupBy(c => c.ResourceId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.PlannedAt).ToList(), StringComparer.OrdinalIgnoreCase);
        var result = new List<ResourceTimeline>();
        foreach (var resource in fleet.Resources)
        {
            if (resource is not { InitialConfig: VmConfig initial, Workload: { } workload }
                || fleet.Catalog.Find(ResourceKind.VirtualMachine, initial.Size) is not { } start)
            {
                continue;
            }

            var region = resource.Resource.Location;
            decimal? Price(SkuSpec spec) => monthlyPrice(new PriceKey(ResourceKind.VirtualMachine, spec.Name, region, resource.Resource.Os));
            var periods = Periods(fleet, resource, start, byResource.GetValueOrDefault(resource.Resource.Id) ?? [], Price);
            if (periods is null)
            {
                continue;
            }

            var candidates = VmSizeAdvisor.Compatible(start, fleet.Catalog.Candidates(ResourceKind.VirtualMachine, region))
                .Select(s => Price(s) is decimal p ? new PricedSize(s, p) : null).OfType<PricedSize>().ToList();
            var recorded = workload as IRecordedWorkload;
            result.Add(new ResourceTimeline
            {
                ResourceId = resource.Resource.Id,
                Workload = workload,
                FirstStep = recorded?.FirstStep ?? WorkloadModel.StepOf(runStart),
                EndStep = recorded?.EndStep ?? WorkloadModel.StepOf(runEnd),
                MemoryRecorded = recorded?.MemoryRecorded ?? false,
                Periods = periods,
                Candidates = candidates,
            });
        }

        return result;
    }

    /// <summary>The starting size, then one period per write; null when a written size is unknown to the catalog.</summary>
    private static List<ConfigPeriod>? Periods(
        SimulatedFleet fleet, SimulatedResource resource, SkuSpec start, List<DemoChange> changes, Func<SkuSpec, decimal?> price)
    {
        var history = fleet.History(resource);
        var owner = new DemoChange?[history.Count];
        foreach (var change in changes)
        {
            // The change's own write: the first unclaimed one to its target at or after it was planned (a rollback may write the same size later).
            for (var i = 0; i < history.Count; i++)
            {
                if (owner[i] is null && history[i].At >= change.PlannedAt && string.Equals(history[i].Config.Describe(), change.To, StringComparison.Ordinal))
                {
                    owner[i] = change;
                    break;
                }
            }
        }

        var periods = new List<ConfigPeriod> { new() { At = DateTimeOffset.MinValue, Spec = start, MonthlyPrice = price(start) } };
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].Config is not VmConfig vm || fleet.Catalog.Find(ResourceKind.VirtualMachine, vm.Size) is not { } spec)
            {
                return null;
            }

            periods.Add(new ConfigPeriod { At = history[i].At, Spec = spec, MonthlyPrice = price(spec), ChangeId = owner[i]?.ChangeId, PlannedAt = owner[i]?.PlannedAt });
        }

        return periods;
    }
}
