using Optimize.Metrics;
using Optimize.Model;
using Optimize.Recommendations;

namespace Optimize.Advisors;

/// <summary>
/// Decides for one resource kind: a pure function from the current configuration, the metric summaries, the
/// catalog, the prices and the policy to a recommendation or a skip, with the numbers it used. Advisors never
/// apply the savings threshold, scopes, modes, windows or cooldowns: the planner does.
/// </summary>
public interface IAdvisor
{
    /// <summary>The kind this advisor decides for.</summary>
    ResourceKind Kind { get; }

    /// <summary>The metrics (<see cref="MetricNames"/>) it reads; each needs the policy's coverage to scale down.</summary>
    IReadOnlyList<string> RequiredMetrics { get; }

    /// <summary>The advice for <paramref name="item"/>.</summary>
    /// <exception cref="ArgumentException">The item is of another kind (a caller bug).</exception>
    Advice Advise(InventoryItem item, ResourceSummary summary, AdvisorContext context);
}
