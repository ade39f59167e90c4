namespace Optimize.Simulator.Capacity;

/// <summary>What a configuration offers in one step: the size of one instance and how many run.</summary>
/// <param name="VcpusPerInstance">vCPUs of one instance.</param>
/// <param name="MemoryGbPerInstance">Memory of one instance, GiB.</param>
/// <param name="Instances">Running instances (≥ 1).</param>
internal readonly record struct Capacity(double VcpusPerInstance, double MemoryGbPerInstance, int Instances)
{
    /// <summary>Total vCPUs.</summary>
    public double TotalVcpus => VcpusPerInstance * Instances;
}
