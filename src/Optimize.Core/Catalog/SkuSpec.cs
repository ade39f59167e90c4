using Optimize.Model;

namespace Optimize.Catalog;

/// <summary>
/// What one SKU or size offers. For VMs and scale sets a VM size; for App Service plans a plan SKU (per worker);
/// for Flex Consumption an instance memory size (<c>FC-512</c>, <c>FC-2048</c>, <c>FC-4096</c>).
/// </summary>
/// <param name="Name">Azure's name: <c>Standard_D4s_v5</c>, <c>P1v3</c>, <c>FC-2048</c>.</param>
/// <param name="Kind">Which resource kind uses it (scale sets share VM sizes, listed under <see cref="ResourceKind.VirtualMachine"/>).</param>
/// <param name="Family">Compatibility family: sizes are only swapped within one (<c>Dsv5</c>, <c>Pv3</c>, <c>FC</c>).</param>
/// <param name="VCpus">vCPUs per instance.</param>
/// <param name="MemoryGb">Memory per instance, GiB.</param>
/// <param name="Tier">App Service tier (<c>Basic</c>, <c>Standard</c>, <c>PremiumV3</c>); the VM series for VMs.</param>
/// <param name="PremiumIo">Supports premium storage (VMs).</param>
/// <param name="AcceleratedNetworking">Supports accelerated networking (VMs).</param>
/// <param name="HyperVGenerations">Supported VM generations, for example <c>V1,V2</c>.</param>
/// <param name="MaxWorkers">Largest worker count for a plan SKU, or largest capacity; 0 when not applicable.</param>
public sealed record SkuSpec(
    string Name,
    ResourceKind Kind,
    string Family,
    double VCpus,
    double MemoryGb,
    string Tier = "",
    bool PremiumIo = false,
    bool AcceleratedNetworking = false,
    string HyperVGenerations = "V1,V2",
    int MaxWorkers = 0);
