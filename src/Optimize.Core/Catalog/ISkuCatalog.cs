using Optimize.Model;

namespace Optimize.Catalog;

/// <summary>Port: the sizes and SKUs Optimize may choose between.</summary>
public interface ISkuCatalog
{
    /// <summary>The spec of <paramref name="name"/> for <paramref name="kind"/>, or null when unknown (the resource is then skipped).</summary>
    /// <remarks>Scale sets resolve VM sizes. Names compare case-insensitively.</remarks>
    SkuSpec? Find(ResourceKind kind, string name);

    /// <summary>Every SKU of <paramref name="kind"/> offered in <paramref name="region"/>, smallest first.</summary>
    IReadOnlyList<SkuSpec> Candidates(ResourceKind kind, string region);
}
