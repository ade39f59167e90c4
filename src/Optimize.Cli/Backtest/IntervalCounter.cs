using Optimize.Catalog;
using Optimize.Simulator.Workloads;

namespace Optimize.Cli.Backtest;

/// <summary>How many recorded 5-minute intervals a size ran out of CPU or memory on.</summary>
/// <param name="Intervals">Intervals with data.</param>
/// <param name="Overloaded">Intervals whose CPU demand exceeds 100 % of the size's vCPUs.</param>
/// <param name="MemoryExhausted">Intervals whose memory demand exceeds the size's memory.</param>
internal readonly record struct OverloadCount(int Intervals, int Overloaded, int MemoryExhausted)
{
    /// <summary>Share of intervals overloaded (CPU), 0–1; 0 without intervals.</summary>
    public double OverloadedShare => Intervals == 0 ? 0 : (double)Overloaded / Intervals;

    /// <summary>Share of intervals with memory exhausted, 0–1; 0 without intervals.</summary>
    public double MemoryExhaustedShare => Intervals == 0 ? 0 : (double)MemoryExhausted / Intervals;

    /// <summary>The counts of both.</summary>
    public static OverloadCount operator +(OverloadCount a, OverloadCount b) =>
        new(a.Intervals + b.Intervals, a.Overloaded + b.Overloaded, a.MemoryExhausted + b.MemoryExhausted);
}

/// <summary>Counts overload on a size and summarizes demand over a range of steps; steps without data are skipped.</summary>
internal static class IntervalCounter
{
    /// <summary>Replays <paramref name="workload"/>'s interval demand on <paramref name="spec"/> over steps [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static OverloadCount Count(WorkloadModel workload, SkuSpec spec, long from, long to)
    {
        int intervals = 0, cpu = 0, memory = 0;
        for (var step = from; step < to; step++)
        {
            if (!workload.HasDataAt(step))
            {
                continue;
            }

            var demand = workload.DemandAt(step);
            intervals++;
            cpu += demand.CpuVcpus > spec.VCpus ? 1 : 0;
            memory += demand.MemoryGb > spec.MemoryGb ? 1 : 0;
        }

        return new OverloadCount(intervals, cpu, memory);
    }

    /// <summary>
    /// The <paramref name="quantile"/> (0–1) of interval CPU demand (vCPUs) over [<paramref name="from"/>, <paramref name="to"/>),
    /// by linear interpolation between closest ranks of the exact sort (as the change guards compute it); null without data.
    /// </summary>
    public static double? CpuQuantile(WorkloadModel workload, long from, long to, double quantile)
    {
        var values = new List<double>();
        for (var step = from; step < to; step++)
        {
            if (workload.HasDataAt(step))
            {
                values.Add(workload.DemandAt(step).CpuVcpus);
            }
        }

        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var rank = quantile * (values.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(lo + 1, values.Count - 1);
        return values[lo] + ((values[hi] - values[lo]) * (rank - lo));
    }
}
