namespace Optimize.Simulator.Workloads;

/// <summary>
/// What a workload asks of its resource in one 5-minute step, in absolute units independent of the size.
/// </summary>
/// <param name="CpuVcpus">Total CPU demand, in vCPU-equivalents (spread across every instance).</param>
/// <param name="MemoryGb">Working set of one instance, GiB (each instance hosts the whole app).</param>
public readonly record struct Demand(double CpuVcpus, double MemoryGb);
