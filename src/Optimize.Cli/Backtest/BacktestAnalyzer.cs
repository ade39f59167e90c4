using Optimize.Simulator.Workloads;

namespace Optimize.Cli.Backtest;

/// <summary>Composes <see cref="ChangeOutcomes"/>, <see cref="CeilingFinder"/> and the savings sums into a <see cref="BacktestAnalysis"/>.</summary>
internal static class BacktestAnalyzer
{
    public static BacktestAnalysis Analyze(BacktestAnalysisInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var changes = input.Resources.SelectMany(r => ChangeOutcomes.Of(r, input.ScaleUpCpuPercent)).ToList();
        var firstPassStep = WorkloadModel.StepOf(input.RunStart);
        var ceiling = input.Resources.Select(r => CeilingFinder.Find(r, firstPassStep, input.OverloadBudget)).OfType<CeilingChoice>().ToList();
        var pooled = changes.Aggregate(default(OverloadCount), (sum, c) => sum + c.Replay);
        var perResource = changes.GroupBy(c => c.ResourceId, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Count: g.Aggregate(default(OverloadCount), (sum, c) => sum + c.Replay)))
            .ToList();
        var worst = perResource.OrderByDescending(p => p.Count.OverloadedShare).ThenBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault();
        var (net, upsizeCost) = EndSavings(input.Resources);
        return new BacktestAnalysis
        {
            NetMonthlySavings = net,
            UpsizeMonthlyCost = upsizeCost,
            OverloadedShare = pooled.OverloadedShare,
            WorstResourceOverloadedShare = worst.Id is null ? 0 : worst.Count.OverloadedShare,
            WorstResource = worst.Id,
            MemoryExhaustedShare = pooled.MemoryExhaustedShare,
            WorstResourceMemoryExhaustedShare = perResource.Count == 0 ? 0 : perResource.Max(p => p.Count.MemoryExhaustedShare),
            ChangedIntervals = pooled.Intervals,
            Upsizes = changes.Count(c => c.Upsize),
            RepeatUpsizes = changes.Count(c => c.RepeatUpsize),
            StaleRepeatUpsizes = changes.Count(c => c.StaleUpsize),
            TimeWeightedMonthlySavings = TimeWeighted(input.Resources, input.RunStart, input.RunEnd),
            CeilingMonthlySavings = ceiling.Sum(c => c.MonthlySavings),
            CeilingRequiredUpsizeMonthlyCost = ceiling.Sum(c => c.RequiredUpsizeMonthlyCost),
            CeilingResourcesOverBudget = ceiling.Count(c => !c.WithinBudget),
            BelowCeilingResources = BelowCeiling(input.Resources, ceiling),
            OverloadBudget = input.OverloadBudget,
            MemoryModelledResources = input.Resources.Count(r => !r.MemoryRecorded),
            Changes = changes,
            Ceiling = ceiling,
        };
    }

    /// <summary>Net (start − end, summed) and the cost of the resources that end more expensive; unpriced resources are left out.</summary>
    public static (decimal Net, decimal UpsizeCost) EndSavings(IEnumerable<ResourceTimeline> resources)
    {
        decimal net = 0, upsize = 0;
        foreach (var r in resources)
        {
            if (r.Start.MonthlyPrice is decimal start && r.End.MonthlyPrice is decimal end)
            {
                net += start - end;
                upsize += Math.Max(0, end - start);
            }
        }

        return (net, upsize);
    }

    /// <summary>∫ Σ (start − price in effect at t) dt over [<paramref name="from"/>, <paramref name="to"/>] / its length, rounded to cents.</summary>
    public static decimal TimeWeighted(IEnumerable<ResourceTimeline> resources, DateTimeOffset from, DateTimeOffset to)
    {
        var length = (decimal)(to - from).TotalSeconds;
        if (length <= 0)
        {
            return 0;
        }

        decimal integral = 0;
        foreach (var r in resources)
        {
            if (r.Start.MonthlyPrice is not decimal start || r.Periods.Any(p => p.MonthlyPrice is null))
            {
                continue;
            }

            for (var i = 0; i < r.Periods.Count; i++)
            {
                var begin = Max(r.Periods[i].At, from);
                var end = i + 1 < r.Periods.Count ? Min(r.Periods[i + 1].At, to) : to;
                if (end > begin)
                {
                    integral += (start - r.Periods[i].MonthlyPrice!.Value) * (decimal)(end - begin).TotalSeconds;
                }
            }
        }

        return Math.Round(integral / length, 2, MidpointRounding.AwayFromZero);
    }

    private static int BelowCeiling(IEnumerable<ResourceTimeline> resources, IEnumerable<CeilingChoice> ceiling)
    {
        var byId = ceiling.ToDictionary(c => c.ResourceId, StringComparer.Ordinal);
        return resources.Count(r => r.End.MonthlyPrice is decimal end && byId.TryGetValue(r.ResourceId, out var c) && end < c.MonthlyPrice);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
