namespace Optimize.Simulator.Capacity;

/// <summary>The engine metrics of one resource in one 5-minute step (units of <see cref="Optimize.Metrics.MetricNames"/>).</summary>
internal readonly record struct MetricSample(double Cpu, double Memory, double LatencyMs, double ErrorPercent, double Instances)
{
    /// <summary>The value of the named metric; NaN for an unknown name.</summary>
    public double Get(string metric) => metric switch
    {
        Optimize.Metrics.MetricNames.Cpu => Cpu,
        Optimize.Metrics.MetricNames.Memory => Memory,
        Optimize.Metrics.MetricNames.LatencyMs => LatencyMs,
        Optimize.Metrics.MetricNames.ErrorPercent => ErrorPercent,
        Optimize.Metrics.MetricNames.Instances => Instances,
        _ => double.NaN,
    };
}
