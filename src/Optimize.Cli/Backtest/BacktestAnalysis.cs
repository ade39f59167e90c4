namespace Optimize.Cli.Backtest;

/// <summary>What the backtest's analysis is given.</summary>
internal sealed record BacktestAnalysisInput
{
    /// <summary>Every replayed resource.</summary>
    public required IReadOnlyList<ResourceTimeline> Resources { get; init; }

    /// <summary>When the first pass ran: the ceiling is judged on the recording from here on.</summary>
    public required DateTimeOffset RunStart { get; init; }

    /// <summary>When the run ended.</summary>
    public required DateTimeOffset RunEnd { get; init; }

    /// <summary>Overload budget of the ceiling, share 0–1 (<c>--overload-budget</c> / 100).</summary>
    public required double OverloadBudget { get; init; }

    /// <summary>The policy's VM scale-up CPU percent, for stale repeat upsizes.</summary>
    public required double ScaleUpCpuPercent { get; init; }
}

/// <summary>
/// The truth of a backtest run: net savings of the sizes in effect at the end, the cost of upsizes, overload of every change
/// while in effect, repeat and stale upsizes, savings averaged over the run, and the perfect-foresight ceiling.
/// Also part of the <c>--json</c> document.
/// </summary>
internal sealed record BacktestAnalysis
{
    /// <summary>Σ over resources of (starting − final monthly price): downsizes minus upsizes.</summary>
    public required decimal NetMonthlySavings { get; init; }

    /// <summary>Σ over resources that end more expensive than they started of the increase.</summary>
    public required decimal UpsizeMonthlyCost { get; init; }

    /// <summary>Overloaded intervals / intervals, pooled over every change while in effect, 0–1.</summary>
    public required double OverloadedShare { get; init; }

    /// <summary>The highest per-resource overloaded share (its changes pooled), 0–1.</summary>
    public required double WorstResourceOverloadedShare { get; init; }

    /// <summary>The resource with <see cref="WorstResourceOverloadedShare"/>, or null without changes.</summary>
    public required string? WorstResource { get; init; }

    /// <summary>Memory-exhausted intervals / intervals, pooled over every change while in effect, 0–1.</summary>
    public required double MemoryExhaustedShare { get; init; }

    /// <summary>Highest per-resource memory-exhausted share, 0–1.</summary>
    public required double WorstResourceMemoryExhaustedShare { get; init; }

    /// <summary>5-minute intervals replayed on changed sizes.</summary>
    public required int ChangedIntervals { get; init; }

    /// <summary>Upsizes in the run (every change to a larger size, promoted or not).</summary>
    public required int Upsizes { get; init; }

    /// <summary>Upsizes of a resource the run had already upsized.</summary>
    public required int RepeatUpsizes { get; init; }

    /// <summary>Repeat upsizes the demand since the last resize did not justify.</summary>
    public required int StaleRepeatUpsizes { get; init; }

    /// <summary>∫ savings(t) dt / run length, USD/month.</summary>
    public required decimal TimeWeightedMonthlySavings { get; init; }

    /// <summary>Σ over resources of what the ceiling saves, never negative per resource.</summary>
    public required decimal CeilingMonthlySavings { get; init; }

    /// <summary>Σ of the upsizes the ceiling needs where the starting size overloads beyond the budget.</summary>
    public required decimal CeilingRequiredUpsizeMonthlyCost { get; init; }

    /// <summary><see cref="CeilingMonthlySavings"/> − <see cref="CeilingRequiredUpsizeMonthlyCost"/>: what the headline compares with.</summary>
    public decimal CeilingNetMonthlySavings => CeilingMonthlySavings - CeilingRequiredUpsizeMonthlyCost;

    /// <summary>Resources no compatible size keeps within the budget.</summary>
    public required int CeilingResourcesOverBudget { get; init; }

    /// <summary>
    /// Resources the run left cheaper than their ceiling size: savings the ceiling does not count because that size overloads
    /// beyond the budget. They are why <see cref="CapturedShareOfCeiling"/> can exceed 1.
    /// </summary>
    public required int BelowCeilingResources { get; init; }

    /// <summary><see cref="NetMonthlySavings"/> / <see cref="CeilingNetMonthlySavings"/>; null when the ceiling saves nothing.</summary>
    public decimal? CapturedShareOfCeiling => CeilingNetMonthlySavings > 0 ? Math.Round(NetMonthlySavings / CeilingNetMonthlySavings, 6) : null;

    /// <summary>The one-line verdict; "n/a" for the captured share when the ceiling saves nothing.</summary>
    public string Headline(string currency) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"captured {(CapturedShareOfCeiling is decimal c ? (c * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "n/a")} % of the achievable savings at {OverloadedShare * 100:0.00} % overloaded time (ceiling {CeilingNetMonthlySavings:N2} {currency}/month)");

    /// <summary>The ceiling's overload budget, share 0–1.</summary>
    public required double OverloadBudget { get; init; }

    /// <summary>Resources whose memory demand is modelled from CPU, not recorded.</summary>
    public required int MemoryModelledResources { get; init; }

    /// <summary>Every change the run wrote, oldest first per resource.</summary>
    public required IReadOnlyList<ChangeOutcome> Changes { get; init; }

    /// <summary>The ceiling per resource.</summary>
    public required IReadOnlyList<CeilingChoice> Ceiling { get; init; }
}
