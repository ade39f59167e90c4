using Optimize.Catalog;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Recommendations;

namespace Optimize.Core.Tests.Advisors;

/// <summary>The invariant of every sizing advisor, recomputed independently of the advisor's code.</summary>
internal static class PropertyChecks
{
    /// <summary>
    /// The target carries the protected demand within the policy target and the peak at ≤ 100%: never below peak +
    /// headroom. Full history is assumed (confidence ×1.0). A best-effort Up (nothing fits) is allowed to exceed.
    /// </summary>
    public static bool TargetCarries((string Sku, int Count) target, (string Sku, int Count) current, double cpu, double cpuMax, double mem, double memMax, Direction direction, KindPolicy policy)
    {
        var c = BuiltInCatalog.Default.Find(ResourceKind.VirtualMachine, current.Sku)!;
        var t = BuiltInCatalog.Default.Find(ResourceKind.VirtualMachine, target.Sku)!;
        double cpuDemand = cpu / 100 * c.VCpus * current.Count, memDemand = mem / 100 * c.MemoryGb * current.Count;
        double cpuPeak = cpuMax / 100 * c.VCpus * current.Count, memPeak = memMax / 100 * c.MemoryGb * current.Count;
        double tCpu = t.VCpus * target.Count, tMem = t.MemoryGb * target.Count;
        var fits = (cpuDemand / tCpu * 100) <= policy.TargetCpuPercent + 1e-6
            && (memDemand / tMem * 100) <= policy.TargetMemoryPercent + 1e-6
            && (cpuPeak / tCpu * 100) <= 100 + 1e-6
            && (memPeak / tMem * 100) <= 100 + 1e-6;
        if (direction == Direction.Down)
        {
            return fits;
        }

        // Up: either it fits, or it is the most capacity the family and count limit offer (best effort).
        return fits || tCpu >= c.VCpus * current.Count;
    }
}
