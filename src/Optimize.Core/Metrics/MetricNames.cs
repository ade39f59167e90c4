namespace Optimize.Metrics;

/// <summary>
/// The engine's metric vocabulary. Adapters translate Azure metric names into these; the simulator emits them
/// directly. Units are fixed so policy thresholds mean the same thing for every kind.
/// </summary>
public static class MetricNames
{
    /// <summary>Average CPU utilization of one instance of the current size, percent 0–100.</summary>
    public const string Cpu = "cpu";

    /// <summary>Memory utilization of one instance of the current size, percent 0–100.</summary>
    public const string Memory = "memory";

    /// <summary>Server response time, milliseconds.</summary>
    public const string LatencyMs = "latencyMs";

    /// <summary>Share of requests that failed (HTTP 5xx or function failures), percent 0–100.</summary>
    public const string ErrorPercent = "errorPercent";

    /// <summary>Number of running instances (workers, VMs in a scale set, Flex instances).</summary>
    public const string Instances = "instances";

    /// <summary>Every metric name, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = [Cpu, Memory, LatencyMs, ErrorPercent, Instances];
}
