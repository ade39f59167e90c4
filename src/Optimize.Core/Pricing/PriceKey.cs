using Optimize.Model;

namespace Optimize.Pricing;

/// <summary>Identifies one retail price: a SKU of a kind in a region, on the meters of an operating system.</summary>
/// <param name="Kind">Resource kind (scale sets use the VM meter of their SKU).</param>
/// <param name="Sku">SKU name as in <see cref="Catalog.SkuSpec.Name"/>.</param>
/// <param name="Region">Azure region name, lower case (<c>westeurope</c>).</param>
/// <param name="Os">Windows or Linux meters (<see cref="ResourceRef.Os"/>); ignored for Flex Consumption, which is Linux only.</param>
public sealed record PriceKey(ResourceKind Kind, string Sku, string Region, OsFamily Os = OsFamily.Linux);
