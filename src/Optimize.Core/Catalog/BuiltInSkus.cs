using Optimize.Model;

namespace Optimize.Catalog;

/// <summary>
/// The specs behind <see cref="BuiltInCatalog.Default"/>, from the Azure size pages (B-series v1, Dv5/Dsv5,
/// Dasv5, Esv5, Fsv2), the App Service plan pricing page and the Flex Consumption instance sizes.
/// </summary>
/// <remarks>
/// Accelerated networking: off for the B-series v1 and for Fsv2's 2-vCPU size (hyper-threaded sizes need 4 vCPU
/// or more); the v5 series support it at every size. Flex Consumption vCPU per size (0.25 / 1 / 2) follows the
/// project brief and was not verified against live documentation here.
/// </remarks>
public static class BuiltInSkus
{
    /// <summary>Family names, as in <see cref="SkuSpec.Family"/>.</summary>
    public const string FlexFamily = "FC";

    /// <summary>Every built-in spec.</summary>
    public static IReadOnlyList<SkuSpec> All { get; } = [.. VmSizes(), .. PlanSkus(), .. FlexSizes()];

    private static IEnumerable<SkuSpec> VmSizes()
    {
        // B-series (burstable v1): premium storage yes, accelerated networking no.
        foreach (var (name, cpu, mem) in new[] { ("B2s", 2, 4), ("B2ms", 2, 8), ("B4ms", 4, 16), ("B8ms", 8, 32) })
        {
            yield return Vm($"Standard_{name}", "B", cpu, mem, premiumIo: true, accelerated: false);
        }

        int[] v5 = [2, 4, 8, 16, 32, 48, 64];
        foreach (var n in v5)
        {
            yield return Vm($"Standard_D{n}s_v5", "Dsv5", n, n * 4, premiumIo: true, accelerated: true);
            yield return Vm($"Standard_D{n}as_v5", "Dasv5", n, n * 4, premiumIo: true, accelerated: true);
            yield return Vm($"Standard_D{n}_v5", "Dv5", n, n * 4, premiumIo: false, accelerated: true);
        }

        foreach (var n in new[] { 2, 4, 8, 16, 20, 32, 48, 64 })
        {
            yield return Vm($"Standard_E{n}s_v5", "Esv5", n, n * 8, premiumIo: true, accelerated: true);
        }

        foreach (var n in new[] { 2, 4, 8, 16, 32, 48, 64, 72 })
        {
            yield return Vm($"Standard_F{n}s_v2", "Fsv2", n, n * 2, premiumIo: true, accelerated: n >= 4);
        }
    }

    private static IEnumerable<SkuSpec> PlanSkus()
    {
        // name, family, tier, vCPU, GB per worker, max workers
        (string, string, string, double, double, int)[] plans =
        [
            ("B1", "B", "Basic", 1, 1.75, 3), ("B2", "B", "Basic", 2, 3.5, 3), ("B3", "B", "Basic", 4, 7, 3),
            ("S1", "S", "Standard", 1, 1.75, 10), ("S2", "S", "Standard", 2, 3.5, 10), ("S3", "S", "Standard", 4, 7, 10),
            ("P0v3", "Pv3", "PremiumV3", 1, 4, 30), ("P1v3", "Pv3", "PremiumV3", 2, 8, 30),
            ("P2v3", "Pv3", "PremiumV3", 4, 16, 30), ("P3v3", "Pv3", "PremiumV3", 8, 32, 30),
            ("P1mv3", "Pmv3", "PremiumMV3", 2, 16, 30), ("P2mv3", "Pmv3", "PremiumMV3", 4, 32, 30),
            ("P3mv3", "Pmv3", "PremiumMV3", 8, 64, 30),
        ];
        foreach (var (name, family, tier, cpu, mem, max) in plans)
        {
            yield return new SkuSpec(name, ResourceKind.AppServicePlan, family, cpu, mem, tier, MaxWorkers: max);
        }
    }

    private static IEnumerable<SkuSpec> FlexSizes()
    {
        yield return new SkuSpec("FC-512", ResourceKind.FunctionApp, FlexFamily, 0.25, 0.5, "FlexConsumption", MaxWorkers: 1000);
        yield return new SkuSpec("FC-2048", ResourceKind.FunctionApp, FlexFamily, 1, 2, "FlexConsumption", MaxWorkers: 1000);
        yield return new SkuSpec("FC-4096", ResourceKind.FunctionApp, FlexFamily, 2, 4, "FlexConsumption", MaxWorkers: 1000);
    }

    private static SkuSpec Vm(string name, string family, double cpu, double mem, bool premiumIo, bool accelerated) =>
        new(name, ResourceKind.VirtualMachine, family, cpu, mem, family, premiumIo, accelerated, "V1,V2", MaxWorkers: 1000);

    /// <summary>The Flex Consumption size name for an instance memory: 2048 → <c>FC-2048</c>.</summary>
    public static string FlexSizeName(int instanceMemoryMb) => $"FC-{instanceMemoryMb}";
}
