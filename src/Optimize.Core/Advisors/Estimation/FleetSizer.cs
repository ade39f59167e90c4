using System.Globalization;
using Optimize.Catalog;

namespace Optimize.Advisors.Estimation;

/// <summary>
/// Chooses a SKU × count for a demand, shared by the VM (count fixed at 1), scale set, plan and Flex advisors.
/// <para>Up (hot): first more instances of the current SKU (the smallest count up to the maximum that brings the
/// protected statistic back under target); when the count is fixed or at its maximum, the smallest larger SKU that
/// does at the current count; when nothing does, the largest option available (best effort).</para>
/// <para>Down (sustained): capacity before SKU. First the smallest count ≥ floor that carries the inflated demand on
/// the current SKU; then, at that same count, the cheapest compatible SKU that still carries it (so the SKU only
/// changes when it gives a cheaper fit at the same count, typically once the count reached its floor).</para>
/// Pure; every option checks <see cref="DemandEstimator.Fits"/> on both CPU and memory.
/// </summary>
public static class FleetSizer
{
    /// <summary>Decides.</summary>
    /// <param name="current">Current SKU and count.</param>
    /// <param name="ladder">Compatible SKUs, smallest first (the current one included or not).</param>
    /// <param name="demand">Absolute demand.</param>
    /// <param name="multiplier">Confidence multiplier applied to protected demand for a step down (≥ 1).</param>
    /// <param name="hot">Protected use is above the scale-up threshold.</param>
    /// <param name="minCount">Lowest count a step down may reach.</param>
    /// <param name="maxCount">Highest count a step up may reach (equal to the current count when the count is fixed).</param>
    /// <param name="targetCpuPercent">Policy CPU target.</param>
    /// <param name="targetMemoryPercent">Policy memory target.</param>
    /// <param name="monthlyCost">Monthly cost of an option, null when unknown; used to pick the cheapest.</param>
    public static FleetDecision Decide(
        FleetOption current,
        IReadOnlyList<SkuSpec> ladder,
        FleetDemand demand,
        double multiplier,
        bool hot,
        int minCount,
        int maxCount,
        double targetCpuPercent,
        double targetMemoryPercent,
        Func<FleetOption, decimal?> monthlyCost)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(ladder);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(monthlyCost);
        bool FitsAt(FleetOption o, double m) =>
            DemandEstimator.Fits(demand.CpuVcpu * m, demand.PeakCpuVcpu, o.VCpus, targetCpuPercent)
            && DemandEstimator.Fits(demand.MemoryGb * m, demand.PeakMemoryGb, o.MemoryGb, targetMemoryPercent);

        if (hot)
        {
            return Up(current, ladder, maxCount, o => FitsAt(o, 1.0));
        }

        var keepSku = current;
        for (var n = Math.Min(minCount, current.Count); n <= current.Count; n++)
        {
            var o = current with { Count = n };
            if (FitsAt(o, multiplier))
            {
                keepSku = o;
                break;
            }
        }

        var currentFits = FitsAt(current, multiplier);
        var currentCost = monthlyCost(keepSku);
        var best = keepSku;
        var bestCost = currentCost;
        foreach (var sku in ladder)
        {
            var o = new FleetOption(sku, keepSku.Count);
            if (sku.VCpus > current.Sku.VCpus || sku.MemoryGb > current.Sku.MemoryGb || Same(sku, current.Sku) || !FitsAt(o, multiplier))
            {
                continue;
            }

            var cost = monthlyCost(o);
            if (IsCheaper(cost, o, bestCost, best))
            {
                best = o;
                bestCost = cost;
            }
        }

        if (!Same(best.Sku, current.Sku) || best.Count != current.Count)
        {
            return new FleetDecision(FleetVerdict.Down, best);
        }

        var smallest = current.Count <= minCount && !ladder.Any(s => s.VCpus < current.Sku.VCpus || (s.VCpus <= current.Sku.VCpus && s.MemoryGb < current.Sku.MemoryGb));
        var detail = string.Create(
            CultureInfo.InvariantCulture,
            $"demand {demand.CpuVcpu * multiplier:0.##} vCPU / {demand.MemoryGb * multiplier:0.##} GB projects to {DemandEstimator.Project(demand.CpuVcpu * multiplier, current.VCpus):0.#}% cpu, {DemandEstimator.Project(demand.MemoryGb * multiplier, current.MemoryGb):0.#}% memory ({(currentFits ? "within" : "above")} target {targetCpuPercent:0.#}% / {targetMemoryPercent:0.#}%, below scale-up)");
        return new FleetDecision(smallest && currentFits ? FleetVerdict.AlreadySmallest : FleetVerdict.RightSized, current, detail);
    }

    private static FleetDecision Up(FleetOption current, IReadOnlyList<SkuSpec> ladder, int maxCount, Func<FleetOption, bool> fits)
    {
        for (var n = current.Count + 1; n <= maxCount; n++)
        {
            var o = current with { Count = n };
            if (fits(o))
            {
                return new FleetDecision(FleetVerdict.Up, o);
            }
        }

        var larger = ladder.Where(s => s.VCpus >= current.Sku.VCpus && s.MemoryGb >= current.Sku.MemoryGb && !Same(s, current.Sku)).ToList();
        foreach (var sku in larger)
        {
            var o = new FleetOption(sku, current.Count);
            if (fits(o))
            {
                return new FleetDecision(FleetVerdict.Up, o);
            }
        }

        // Best effort: nothing brings it under target; take the most capacity available.
        if (larger.Count > 0)
        {
            return new FleetDecision(FleetVerdict.Up, new FleetOption(larger[^1], Math.Max(current.Count, maxCount)), "nothing brings it under target; largest option");
        }

        if (maxCount > current.Count)
        {
            return new FleetDecision(FleetVerdict.Up, current with { Count = maxCount }, "nothing brings it under target; largest count");
        }

        return new FleetDecision(FleetVerdict.NoCandidate, current, $"no larger size than {current.Sku.Name} in family {current.Sku.Family}");
    }

    private static bool IsCheaper(decimal? cost, FleetOption option, decimal? bestCost, FleetOption best)
    {
        if (cost is { } c && bestCost is { } b)
        {
            return c < b || (c == b && option.VCpus < best.VCpus);
        }

        if (cost is not null)
        {
            return true;
        }

        return bestCost is null && option.VCpus < best.VCpus;
    }

    private static bool Same(SkuSpec a, SkuSpec b) => string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
}
