namespace Optimize.Advisors.Estimation;

/// <summary>
/// Demand of a resource in absolute units, over all its instances.
/// </summary>
/// <param name="CpuVcpu">Protected CPU statistic × vCPU per instance × instances.</param>
/// <param name="MemoryGb">Protected memory statistic × GB per instance × instances.</param>
/// <param name="PeakCpuVcpu">CPU max × vCPU × instances: no candidate may project it above 100%.</param>
/// <param name="PeakMemoryGb">Memory max × GB × instances.</param>
public sealed record FleetDemand(double CpuVcpu, double MemoryGb, double PeakCpuVcpu, double PeakMemoryGb);
