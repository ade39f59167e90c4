using System.Diagnostics.CodeAnalysis;

namespace Optimize.Model;

/// <summary>
/// The capacity of a resource an enabled autoscale setting controls (<see cref="ResourceRef.AutoscaledBy"/>) is autoscale's:
/// a change keeps whatever capacity is in effect and moves only the SKU, and a read-back is judged on the SKU alone.
/// </summary>
public static class AutoscaledCapacity
{
    /// <summary>Whether <paramref name="resource"/>'s capacity is left to autoscale (a scale set or plan with <see cref="ResourceRef.AutoscaledBy"/>).</summary>
    public static bool Applies(ResourceRef resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.AutoscaledBy is not null && resource.Kind is ResourceKind.ScaleSet or ResourceKind.AppServicePlan;
    }

    /// <summary>
    /// The configuration to write: <paramref name="target"/> with <paramref name="current"/>'s capacity when autoscale owns it
    /// (so a SKU change never resets what autoscale chose), else <paramref name="target"/>.
    /// </summary>
    public static ResourceConfig Pin(ResourceRef resource, ResourceConfig current, ResourceConfig target)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(target);
        if (!Applies(resource))
        {
            return target;
        }

        return (current, target) switch
        {
            (ScaleSetConfig c, ScaleSetConfig t) => t with { Capacity = c.Capacity },
            (AppServicePlanConfig c, AppServicePlanConfig t) => t with { Workers = c.Workers },
            _ => target,
        };
    }

    /// <summary>Whether <paramref name="observed"/> is <paramref name="target"/>: equal, or, when autoscale owns the capacity, the same SKU.</summary>
    public static bool Matches(ResourceRef resource, [NotNullWhen(true)] ResourceConfig? observed, ResourceConfig target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (observed == target)
        {
            return true;
        }

        if (observed is null || !Applies(resource))
        {
            return false;
        }

        return (observed, target) switch
        {
            (ScaleSetConfig o, ScaleSetConfig t) => string.Equals(o.Sku, t.Sku, StringComparison.OrdinalIgnoreCase),
            (AppServicePlanConfig o, AppServicePlanConfig t) => string.Equals(o.Sku, t.Sku, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }
}
