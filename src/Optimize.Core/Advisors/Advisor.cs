using Optimize.Metrics;
using Optimize.Model;
using Optimize.Recommendations;

namespace Optimize.Advisors;

/// <summary>
/// Base of the five advisors: checks the arguments and the configuration's type once, then hands the typed
/// configuration to <see cref="Advise(InventoryItem, TConfig, ResourceSummary, AdvisorContext)"/>.
/// </summary>
/// <typeparam name="TConfig">The configuration record of the advisor's kind.</typeparam>
public abstract class Advisor<TConfig> : IAdvisor
    where TConfig : ResourceConfig
{
    /// <inheritdoc />
    public abstract ResourceKind Kind { get; }

    /// <inheritdoc />
    public abstract IReadOnlyList<string> RequiredMetrics { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The item's configuration is not a <typeparamref name="TConfig"/>.</exception>
    public Advice Advise(InventoryItem item, ResourceSummary summary, AdvisorContext context)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(context);
        return item.Config is TConfig config
            ? Advise(item, config, summary, context)
            : throw new ArgumentException($"{item.Resource.Id} is a {item.Config.Kind}, not a {Kind}.", nameof(item));
    }

    /// <summary>The advice for one resource whose configuration is already typed.</summary>
    protected abstract Advice Advise(InventoryItem item, TConfig config, ResourceSummary summary, AdvisorContext context);
}
