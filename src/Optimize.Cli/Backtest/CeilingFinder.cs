namespace Optimize.Cli.Backtest;

/// <summary>
/// The perfect-foresight choice for one resource: the cheapest compatible size whose CPU overloaded share AND memory-exhausted
/// share of the rest of the recording (from the first pass to the recording's end) are both within the budget.
/// </summary>
/// <param name="ResourceId">The resource.</param>
/// <param name="From">The starting size.</param>
/// <param name="To">The ceiling's size.</param>
/// <param name="StartMonthlyPrice">Monthly price of the starting size.</param>
/// <param name="MonthlyPrice">Monthly price of <paramref name="To"/>.</param>
/// <param name="Replay">Overload of <paramref name="To"/> on the rest of the recording.</param>
/// <param name="WithinBudget">False when no compatible size stays within the budget (then <paramref name="To"/> is the one that overloads least, the largest among equals).</param>
internal sealed record CeilingChoice(
    string ResourceId, string From, string To, decimal StartMonthlyPrice, decimal MonthlyPrice, OverloadCount Replay, bool WithinBudget)
{
    /// <summary>What the ceiling saves on this resource, never negative.</summary>
    public decimal MonthlySavings => Math.Max(0, StartMonthlyPrice - MonthlyPrice);

    /// <summary>What the ceiling must spend on this resource because its starting size overloads beyond the budget, never negative.</summary>
    public decimal RequiredUpsizeMonthlyCost => Math.Max(0, MonthlyPrice - StartMonthlyPrice);
}

/// <summary>Finds <see cref="CeilingChoice"/>s.</summary>
internal static class CeilingFinder
{
    /// <summary>
    /// The ceiling for <paramref name="resource"/> over steps [<paramref name="fromStep"/>, its recording's end); null when the
    /// starting size is unpriced or has no priced candidate.
    /// </summary>
    /// <param name="resource">The resource.</param>
    /// <param name="fromStep">The first pass's step.</param>
    /// <param name="budget">Overload budget, share 0–1.</param>
    public static CeilingChoice? Find(ResourceTimeline resource, long fromStep, double budget)
    {
        if (resource.Start.MonthlyPrice is not decimal startPrice || resource.Candidates.Count == 0)
        {
            return null;
        }

        var from = Math.Max(fromStep, resource.FirstStep);
        PricedSize? best = null, leastOverloaded = null;
        OverloadCount bestCount = default, leastCount = default;
        foreach (var size in resource.Candidates.OrderBy(c => c.MonthlyPrice).ThenBy(c => c.Spec.VCpus))
        {
            var count = IntervalCounter.Count(resource.Workload, size.Spec, from, resource.EndStep);
            if (count.OverloadedShare <= budget && count.MemoryExhaustedShare <= budget)
            {
                (best, bestCount) = (size, count);
                break;
            }

            var worse = Math.Max(count.OverloadedShare, count.MemoryExhaustedShare);
            var least = leastOverloaded is null ? double.MaxValue : Math.Max(leastCount.OverloadedShare, leastCount.MemoryExhaustedShare);
            if (leastOverloaded is null || worse < least || (worse == least && size.Spec.VCpus > leastOverloaded.Spec.VCpus))
            {
                (leastOverloaded, leastCount) = (size, count);
            }
        }

        var chosen = best ?? leastOverloaded!;
        return new CeilingChoice(
            resource.ResourceId, resource.Start.Spec.Name, chosen.Spec.Name, startPrice, chosen.MonthlyPrice, best is null ? leastCount : bestCount, best is not null);
    }
}
