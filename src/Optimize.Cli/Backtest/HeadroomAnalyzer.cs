using Optimize.Catalog;
using Optimize.Changes;
using Optimize.Cli.Demo;
using Optimize.Model;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Workloads;

namespace Optimize.Cli.Backtest;

/// <summary>
/// Replays the trace on the new size of every promoted VM downsize and counts headroom breaches. Reads the fleet's
/// configuration history (when the size took effect, and the next change, if any) and the trace; computes nothing else.
/// </summary>
internal static class HeadroomAnalyzer
{
    /// <summary>One <see cref="HeadroomBreach"/> per promoted downsize of a replayed VM, in the order of <paramref name="changes"/>.</summary>
    /// <param name="changes">The run's changes; only promoted VM changes to fewer vCPUs are analyzed.</param>
    /// <param name="fleet">The trace fleet the run changed.</param>
    /// <param name="peak">The per-interval maximum trace (same shape as the fleet's), or null.</param>
    /// <param name="targetCpuPercent">The policy's VM target CPU percent.</param>
    public static IReadOnlyList<HeadroomBreach> Analyze(IEnumerable<DemoChange> changes, SimulatedFleet fleet, TraceSet? peak, double targetCpuPercent)
    {
        var result = new List<HeadroomBreach>();
        foreach (var change in changes.Where(c => c.State == ChangeState.Promoted && c.Kind == ResourceKind.VirtualMachine))
        {
            if (fleet.Find(change.ResourceId) is not { Workload: TraceWorkload workload } resource || fleet.Trace is not { } trace)
            {
                continue;
            }

            var history = fleet.History(resource);
            var at = FirstIndex(history, change.To, change.PlannedAt);
            if (at < 0)
            {
                continue;
            }

            var before = at == 0 ? resource.InitialConfig : history[at - 1].Config;
            var fromSpec = Spec(fleet.Catalog, before);
            var toSpec = Spec(fleet.Catalog, history[at].Config);
            if (fromSpec is null || toSpec is null || toSpec.VCpus >= fromSpec.VCpus)
            {
                continue;
            }

            // Whole intervals from the first one starting at or after the change, to the next change or the trace's end.
            var first = WorkloadModel.StepOf(history[at].At - TimeSpan.FromTicks(1)) + 1;
            var end = workload.OriginStep + trace.RowCount;
            if (at + 1 < history.Count)
            {
                end = Math.Min(end, WorkloadModel.StepOf(history[at + 1].At));
            }

            var scale = workload.ReferenceVcpus / toSpec.VCpus;
            int intervals = 0, overTarget = 0, saturated = 0, peakOver = 0, peakSaturated = 0;
            var max = 0.0;
            for (var step = Math.Max(first, workload.OriginStep); step < end; step++)
            {
                var row = workload.RowAt(step);
                var utilization = trace.Value(row, workload.Column) * scale;
                intervals++;
                max = Math.Max(max, utilization);
                overTarget += utilization > targetCpuPercent ? 1 : 0;
                saturated += utilization > 100 ? 1 : 0;
                if (peak is not null)
                {
                    var peakUtilization = peak.Value(row, workload.Column) * scale;
                    peakOver += peakUtilization > targetCpuPercent ? 1 : 0;
                    peakSaturated += peakUtilization > 100 ? 1 : 0;
                }
            }

            result.Add(new HeadroomBreach(
                change.ResourceId, trace.ColumnIds[workload.Column], before.Describe(), history[at].Config.Describe(), fromSpec.VCpus, toSpec.VCpus,
                history[at].At, intervals, overTarget, saturated, peak is null ? null : peakOver, peak is null ? null : peakSaturated, max));
        }

        return result;
    }

    /// <summary>The change's own write: the first to its target at or after it was planned (a later rollback may write the same size).</summary>
    private static int FirstIndex(IReadOnlyList<ConfigChange> history, string describedTarget, DateTimeOffset plannedAt)
    {
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].At >= plannedAt && string.Equals(history[i].Config.Describe(), describedTarget, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static SkuSpec? Spec(ISkuCatalog catalog, ResourceConfig config) =>
        config is VmConfig vm ? catalog.Find(ResourceKind.VirtualMachine, vm.Size) : null;
}
