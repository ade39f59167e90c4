using Optimize.Model;

namespace Optimize.Catalog;

/// <summary>
/// The SKUs Optimize knows without asking Azure: VM sizes of the B, Dsv5, Dasv5, Dv5, Esv5 and Fsv2 series, App
/// Service plan SKUs (Basic, Standard, PremiumV3, memory-optimized PremiumV3) and Flex Consumption instance sizes.
/// Specs follow the Azure size documentation (vCPU, GiB, premium storage, accelerated networking, Hyper-V
/// generations). Every candidate is offered in every region: the Azure adapter filters by region availability.
/// Names compare case-insensitively. Immutable and thread-safe.
/// </summary>
public sealed class BuiltInCatalog : ISkuCatalog
{
    private readonly Dictionary<(ResourceKind Kind, string Name), SkuSpec> _byName;
    private readonly Dictionary<ResourceKind, IReadOnlyList<SkuSpec>> _byKind;

    /// <summary>Creates a catalog of <paramref name="specs"/>.</summary>
    /// <exception cref="ArgumentException">A (kind, name) pair appears twice.</exception>
    public BuiltInCatalog(IEnumerable<SkuSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        _byName = new Dictionary<(ResourceKind, string), SkuSpec>(KeyComparer.Instance);
        foreach (var spec in specs)
        {
            if (!_byName.TryAdd((spec.Kind, spec.Name), spec))
            {
                throw new ArgumentException($"SKU {spec.Name} of kind {spec.Kind} is listed twice.", nameof(specs));
            }
        }

        _byKind = _byName.Values
            .GroupBy(s => s.Kind)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<SkuSpec>)[.. g.OrderBy(s => s.VCpus).ThenBy(s => s.MemoryGb).ThenBy(s => s.Name, StringComparer.Ordinal)]);
    }

    /// <summary>The built-in list (<see cref="BuiltInSkus.All"/>).</summary>
    public static BuiltInCatalog Default { get; } = new(BuiltInSkus.All);

    /// <summary>Every spec, smallest first within a kind.</summary>
    public IEnumerable<SkuSpec> All => _byKind.Values.SelectMany(s => s);

    /// <inheritdoc />
    /// <remarks>A scale set resolves VM sizes: <see cref="ResourceKind.ScaleSet"/> looks up
    /// <see cref="ResourceKind.VirtualMachine"/> specs.</remarks>
    public SkuSpec? Find(ResourceKind kind, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.GetValueOrDefault((Normalize(kind), name));
    }

    /// <inheritdoc />
    /// <remarks>Ordered by vCPU, then memory. <paramref name="region"/> is not used: every SKU is listed.</remarks>
    public IReadOnlyList<SkuSpec> Candidates(ResourceKind kind, string region) =>
        _byKind.GetValueOrDefault(Normalize(kind)) ?? [];

    private static ResourceKind Normalize(ResourceKind kind) => kind == ResourceKind.ScaleSet ? ResourceKind.VirtualMachine : kind;

    private sealed class KeyComparer : IEqualityComparer<(ResourceKind Kind, string Name)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((ResourceKind Kind, string Name) x, (ResourceKind Kind, string Name) y) =>
            x.Kind == y.Kind && string.Equals(x.Name, y.Name, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((ResourceKind Kind, string Name) obj) =>
            HashCode.Combine(obj.Kind, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Name));
    }
}
