using Optimize.Catalog;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Policy;

namespace Optimize.Advisors.Estimation;

/// <summary>Everything <see cref="SizingFlow"/> needs about one resource.</summary>
internal sealed record SizingRequest(
    InventoryItem Item,
    ResourceSummary Summary,
    AdvisorContext Context,
    KindPolicy Policy,
    FleetOption Current,
    int MinCount,
    int MaxCount,
    IReadOnlyList<SkuSpec> Ladder,
    IReadOnlyList<string> RequiredMetrics,
    Func<FleetOption, decimal?> MonthlyCost,
    Func<FleetOption, ResourceConfig> ToConfig,
    string CountUnit);
