using Optimize.Catalog;

namespace Optimize.Advisors.Estimation;

/// <summary>One configuration a sizer considers: a SKU at a count.</summary>
/// <param name="Sku">The SKU or size.</param>
/// <param name="Count">Instances or workers (1 for a VM or a Flex instance).</param>
public sealed record FleetOption(SkuSpec Sku, int Count)
{
    /// <summary>Total vCPU.</summary>
    public double VCpus => Sku.VCpus * Count;

    /// <summary>Total memory, GB.</summary>
    public double MemoryGb => Sku.MemoryGb * Count;
}
