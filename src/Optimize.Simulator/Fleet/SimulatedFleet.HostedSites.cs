using Optimize.Model;

namespace Optimize.Simulator.Fleet;

/// <content>The web apps hosted on the fleet's App Service plans.</content>
public sealed partial class SimulatedFleet
{
    /// <summary>The infix of a hosted site's name: <c>{plan name}-app{k}</c>, k from 1.</summary>
    public const string HostedSiteInfix = "-app";

    /// <summary>
    /// The ids of the sites (web apps, <c>Microsoft.Web/sites</c>) hosted on <paramref name="plan"/>: 1 + (index mod 4) apps named
    /// <c>{plan name}-app{k}</c> in the plan's resource group. They are not fleet resources (nothing changes them); they carry the
    /// plan's traffic, split evenly, with the plan's latency and error rate. Empty for other kinds.
    /// </summary>
    public IReadOnlyList<string> HostedSites(SimulatedResource plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Resource.Kind != ResourceKind.AppServicePlan)
        {
            return [];
        }

        var r = plan.Resource;
        var count = 1 + (plan.Index % 4);
        return [.. Enumerable.Range(1, count).Select(k => $"/subscriptions/{r.SubscriptionId}/resourceGroups/{r.ResourceGroup}/providers/Microsoft.Web/sites/{r.Name}{HostedSiteInfix}{k}")];
    }

    /// <summary>The plan hosting the site <paramref name="siteId"/> (case-insensitive), the site's 0-based position among the plan's
    /// sites and their number; null when it is not one of <see cref="HostedSites"/>.</summary>
    public (SimulatedResource Plan, int Site, int Count)? FindHostedSite(string siteId)
    {
        ArgumentNullException.ThrowIfNull(siteId);
        const string provider = "/providers/Microsoft.Web/sites/";
        var at = siteId.LastIndexOf(provider, StringComparison.OrdinalIgnoreCase);
        var infix = siteId.LastIndexOf(HostedSiteInfix, StringComparison.OrdinalIgnoreCase);
        if (at < 0 || infix <= at + provider.Length)
        {
            return null;
        }

        var planId = $"{siteId[..at]}/providers/Microsoft.Web/serverfarms/{siteId[(at + provider.Length)..infix]}";
        if (Find(planId) is not { } plan)
        {
            return null;
        }

        var sites = HostedSites(plan);
        for (var i = 0; i < sites.Count; i++)
        {
            if (string.Equals(sites[i], siteId, StringComparison.OrdinalIgnoreCase))
            {
                return (plan, i, sites.Count);
            }
        }

        return null;
    }
}
