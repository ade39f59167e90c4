using Optimize.Simulator.Workloads;

namespace Optimize.Simulator.Capacity;

/// <summary>
/// Turns demand and capacity into engine metrics. Pure.
/// <list type="bullet">
/// <item>cpu % = demand / capacity, capped at 100 (the excess queues).</item>
/// <item>memory % = working set / instance memory, capped at 100; above 100 the instance is exhausted and restarts.</item>
/// <item>latency = base × (1 + ½·ρ⁸/(1−ρ)) with ρ capped at 0.98, times ρ² beyond saturation: flat at low load (+0.4 % at
/// ρ = 0.5, +10 % at 0.7), steep near saturation (×1.9 at 0.85, ×22 at 0.98), like a multi-server queue.</item>
/// <item>error % = base + the share of requests beyond capacity (1 − 1/ρ) + timeouts above ρ = 0.9 + 15–50 % while
/// memory is exhausted or the instance restarts.</item>
/// </list>
/// </summary>
internal static class CapacityModel
{
    /// <summary>Errors added while an instance restarts (VM resize, memory exhaustion), percent.</summary>
    public const double RestartErrorPercent = 30;

    /// <summary>The metrics of one step.</summary>
    /// <param name="demand">What the workload asks.</param>
    /// <param name="capacity">What the configuration in force offers.</param>
    /// <param name="baseLatencyMs">Response time at no load.</param>
    /// <param name="baseErrorPercent">Error share at no load.</param>
    /// <param name="restarting">An instance restarts in this step.</param>
    public static MetricSample Evaluate(Demand demand, Capacity capacity, double baseLatencyMs, double baseErrorPercent, bool restarting)
    {
        var total = Math.Max(capacity.TotalVcpus, 1e-9);
        var rho = Math.Max(0, demand.CpuVcpus) / total;
        var cpu = Math.Min(100, rho * 100);
        var memory = demand.MemoryGb / Math.Max(capacity.MemoryGbPerInstance, 1e-9) * 100;
        var exhausted = memory > 100;

        var r = Math.Min(rho, 0.98);
        var latency = baseLatencyMs * (1 + (0.5 * Math.Pow(r, 8) / (1 - r)));
        if (rho > 1)
        {
            latency *= rho * rho;
        }

        var errors = baseErrorPercent;
        if (rho > 1)
        {
            errors += (1 - (1 / rho)) * 100;
        }
        else if (rho > 0.9)
        {
            errors += (rho - 0.9) * 10;
        }

        if (exhausted)
        {
            errors += 15 + Math.Min(35, memory - 100);
            latency *= 2;
        }

        if (restarting)
        {
            errors += RestartErrorPercent;
            latency *= 3;
        }

        return new MetricSample(cpu, Math.Min(100, memory), latency, Math.Min(100, errors), capacity.Instances);
    }
}
