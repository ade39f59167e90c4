using Optimize.Cli.Demo;

namespace Optimize.Cli.Backtest;

/// <summary>What <c>optimize backtest</c> reports; also its <c>--json</c> document.</summary>
internal sealed record BacktestReport
{
    /// <summary>The closed loop's figures, as the demo reports them.</summary>
    public required DemoReport Loop { get; init; }

    /// <summary>The average-CPU trace replayed.</summary>
    public required string Trace { get; init; }

    /// <summary>The per-interval maximum trace used for peak breaches, or null.</summary>
    public required string? PeakTrace { get; init; }

    /// <summary>Why the peak trace is not used, or null when it is.</summary>
    public required string? PeakTraceNote { get; init; }

    /// <summary>What the reader must know about the input: sizes drawn rather than given, memory modelled rather than recorded, rows skipped.</summary>
    public IReadOnlyList<string> InputNotes { get; init; } = [];

    /// <summary>VMs in the fleet (one per trace column replayed).</summary>
    public required int Vms { get; init; }

    /// <summary>Columns and 5-minute rows of the trace.</summary>
    public required int TraceColumns { get; init; }

    /// <summary>5-minute rows of the trace.</summary>
    public required int TraceRows { get; init; }

    /// <summary>The timeline: trace origin, start day, days run and asked for.</summary>
    public required BacktestWindow Window { get; init; }

    /// <summary>The policy's VM target CPU percent that breaches are measured against.</summary>
    public required double TargetCpuPercent { get; init; }

    /// <summary>Net savings, upsizes, overload of every change, the perfect-foresight ceiling and the headline.</summary>
    public required BacktestAnalysis Analysis { get; init; }

    /// <summary>"captured X % of the achievable savings at Y % overloaded time (ceiling Z USD/month)".</summary>
    public string Headline => Analysis.Headline(Loop.Currency);

    /// <summary>One entry per promoted VM downsize (the older, downsize-only headroom check; <see cref="Analysis"/> covers every change).</summary>
    public required IReadOnlyList<HeadroomBreach> Downsizes { get; init; }

    /// <summary>5-minute intervals replayed on new sizes, summed over <see cref="Downsizes"/>.</summary>
    public int Intervals => Downsizes.Sum(d => d.Intervals);

    /// <summary>Share of those intervals over the target (average demand), 0–1.</summary>
    public double OverTargetShare => Share(Downsizes.Sum(d => d.OverTarget));

    /// <summary>Share of those intervals saturated (average demand above 100 %), 0–1.</summary>
    public double SaturatedShare => Share(Downsizes.Sum(d => d.Saturated));

    /// <summary>Share over the target by the per-interval peak, 0–1; null without a max file.</summary>
    public double? PeakOverTargetShare => PeakTrace is null ? null : Share(Downsizes.Sum(d => d.PeakOverTarget ?? 0));

    /// <summary>Share saturated by the per-interval peak, 0–1; null without a max file.</summary>
    public double? PeakSaturatedShare => PeakTrace is null ? null : Share(Downsizes.Sum(d => d.PeakSaturated ?? 0));

    /// <summary>Downsizes with at least one saturated interval (average demand).</summary>
    public int DownsizesEverSaturated => Downsizes.Count(d => d.Saturated > 0);

    private double Share(int count) => Intervals == 0 ? 0 : (double)count / Intervals;
}
