using Optimize.Advisors.AppServicePlan;
using Optimize.Advisors.Autoscale;
using Optimize.Advisors.FunctionApp;
using Optimize.Advisors.ScaleSet;
using Optimize.Advisors.VirtualMachine;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Recommendations;

namespace Optimize.Advisors;

/// <summary>
/// One advisor per kind, dispatched by the item's kind. An advisor that throws does not stop the pass: its
/// exception becomes <see cref="SkipReasons.AdvisorError"/>. Thread-safe (advisors are stateless).
/// </summary>
public sealed class AdvisorSet
{
    private readonly Dictionary<ResourceKind, IAdvisor> _advisors = [];

    /// <summary>Creates a set of <paramref name="advisors"/>.</summary>
    /// <exception cref="ArgumentException">Two advisors claim the same kind.</exception>
    public AdvisorSet(IEnumerable<IAdvisor> advisors)
    {
        ArgumentNullException.ThrowIfNull(advisors);
        foreach (var advisor in advisors)
        {
            if (!_advisors.TryAdd(advisor.Kind, advisor))
            {
                throw new ArgumentException($"Two advisors for kind {advisor.Kind}.", nameof(advisors));
            }
        }
    }

    /// <summary>The five built-in advisors.</summary>
    public static AdvisorSet Default { get; } = new(
    [
        new FunctionAppAdvisor(),
        new AppServicePlanAdvisor(),
        new VmSizeAdvisor(),
        new ScaleSetAdvisor(),
        new AutoscaleAdvisor(),
    ]);

    /// <summary>Kinds with an advisor.</summary>
    public IReadOnlyCollection<ResourceKind> Kinds => _advisors.Keys;

    /// <summary>Metrics to read for resources of <paramref name="kind"/>; empty when no advisor handles it.</summary>
    public IReadOnlyList<string> RequiredMetricsFor(ResourceKind kind) =>
        _advisors.TryGetValue(kind, out var a) ? a.RequiredMetrics : [];

    /// <summary>The union of the metrics of <paramref name="kinds"/>, in <see cref="MetricNames.All"/> order.</summary>
    public IReadOnlyList<string> RequiredMetricsFor(IEnumerable<ResourceKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var wanted = new HashSet<string>(kinds.SelectMany(RequiredMetricsFor), StringComparer.Ordinal);
        return [.. MetricNames.All.Where(wanted.Contains), .. wanted.Where(m => !MetricNames.All.Contains(m)).Order(StringComparer.Ordinal)];
    }

    /// <summary>The advice of the advisor for the item's kind; a skip when no advisor handles it or the advisor throws.</summary>
    public Advice Advise(InventoryItem item, ResourceSummary summary, AdvisorContext context)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(context);
        if (!_advisors.TryGetValue(item.Resource.Kind, out var advisor))
        {
            return Advice.NoChange(item.Resource, SkipReasons.KindDisabled(item.Resource.Kind.ToString()));
        }

        try
        {
            return advisor.Advise(item, summary, context);
        }
#pragma warning disable CA1031 // A failing advisor is recorded as a skip instead of crashing the pass.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Advice.NoChange(item.Resource, SkipReasons.AdvisorError($"{ex.GetType().Name}: {ex.Message}"));
        }
    }
}
