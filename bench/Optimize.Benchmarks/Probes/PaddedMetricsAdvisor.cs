using Optimize.Advisors;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Recommendations;

namespace Optimize.Benchmarks.Probes;

/// <summary>
/// Decorates an advisor so the pass reads at least <paramref name="count"/> metrics for its kind (its own, then
/// <c>cpu</c>, <c>memory</c>, <c>instances</c>, … in <see cref="MetricNames.All"/> order). The built-in advisors
/// need two or three; a load probe that promises "three metrics per resource" pads them. Advice is unchanged.
/// </summary>
internal sealed class PaddedMetricsAdvisor(IAdvisor inner, int count) : IAdvisor
{
    /// <inheritdoc />
    public ResourceKind Kind => inner.Kind;

    /// <inheritdoc />
    public IReadOnlyList<string> RequiredMetrics { get; } =
        [.. inner.RequiredMetrics.Concat(MetricNames.All.Where(m => !inner.RequiredMetrics.Contains(m))).Take(Math.Max(count, inner.RequiredMetrics.Count))];

    /// <inheritdoc />
    public Advice Advise(InventoryItem item, ResourceSummary summary, AdvisorContext context) => inner.Advise(item, summary, context);

    /// <summary>The built-in advisors, each padded to <paramref name="count"/> metrics.</summary>
    public static AdvisorSet Padded(int count) => new(
    [
        new PaddedMetricsAdvisor(new Optimize.Advisors.FunctionApp.FunctionAppAdvisor(), count),
        new PaddedMetricsAdvisor(new Optimize.Advisors.AppServicePlan.AppServicePlanAdvisor(), count),
        new PaddedMetricsAdvisor(new Optimize.Advisors.VirtualMachine.VmSizeAdvisor(), count),
        new PaddedMetricsAdvisor(new Optimize.Advisors.ScaleSet.ScaleSetAdvisor(), count),
        new PaddedMetricsAdvisor(new Optimize.Advisors.Autoscale.AutoscaleAdvisor(), count),
    ]);
}
