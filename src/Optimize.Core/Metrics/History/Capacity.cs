using Optimize.Catalog;
using Optimize.Model;

namespace Optimize.Metrics.History;

/// <summary>
/// What 100 % of a relative metric means for one configuration, in absolute units over the whole resource:
/// <see cref="MetricNames.Cpu"/> in vCPU, <see cref="MetricNames.Memory"/> in GiB. A VM: its size's vCPU and memory.
/// A scale set or an App Service plan: the metric is the average over instances, so per-instance capacity × capacity
/// (or workers). A Flex Consumption app: the instance memory size's vCPU and memory per instance (the instance count
/// is a metric, not configuration). An autoscale setting's metrics are its target's and its configuration does not
/// change their unit, so it has no capacity and its history is never converted.
/// </summary>
public static class Capacity
{
    /// <summary>True for the metrics recorded relative to the configuration: CPU and memory percentages.</summary>
    public static bool IsRelative(string metric) => metric is MetricNames.Cpu or MetricNames.Memory;

    /// <summary>Absolute capacity of <paramref name="config"/> for <paramref name="metric"/>, or null when the catalog
    /// does not know its size, the metric is not relative, or the kind has no capacity (autoscale settings).</summary>
    public static double? Of(ISkuCatalog catalog, ResourceConfig config, string metric)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(config);
        if (!IsRelative(metric))
        {
            return null;
        }

        var (sku, count) = config switch
        {
            VmConfig vm => (catalog.Find(ResourceKind.VirtualMachine, vm.Size), 1),
            ScaleSetConfig ss => (catalog.Find(ResourceKind.ScaleSet, ss.Sku), ss.Capacity),
            AppServicePlanConfig plan => (catalog.Find(ResourceKind.AppServicePlan, plan.Sku), plan.Workers),
            FunctionAppConfig flex => (catalog.Find(ResourceKind.FunctionApp, BuiltInSkus.FlexSizeName(flex.InstanceMemoryMb)), 1),
            _ => (null, 0),
        };
        if (sku is null || count <= 0)
        {
            return null;
        }

        var perInstance = metric == MetricNames.Cpu ? sku.VCpus : sku.MemoryGb;
        return perInstance > 0 ? perInstance * count : null;
    }

    /// <summary>
    /// A point of <paramref name="metric"/> recorded as <paramref name="percent"/> on <paramref name="recorded"/>,
    /// as a percentage of <paramref name="current"/>: demand = percent × capacity(recorded), seen on current =
    /// demand / capacity(current). 100 % of 8 vCPU is 50 % of 16 vCPU. Identity when both are equal or the metric is
    /// not relative or the resource is an autoscale setting; NaN when either capacity is unknown (the point cannot be read and counts as missing).
    /// </summary>
    public static double Convert(ISkuCatalog catalog, string metric, double percent, ResourceConfig recorded, ResourceConfig current)
    {
        if (double.IsNaN(percent) || !IsRelative(metric) || recorded == current || current is AutoscaleConfig)
        {
            return percent;
        }

        return Of(catalog, recorded, metric) is { } from && Of(catalog, current, metric) is { } to
            ? percent * from / to
            : double.NaN;
    }
}
