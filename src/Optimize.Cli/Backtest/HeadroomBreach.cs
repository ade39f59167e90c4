namespace Optimize.Cli.Backtest;

/// <summary>
/// How one promoted downsize would have fared on the rest of the trace: every 5-minute interval from the moment the new
/// size took effect to the trace's end (or the resource's next change), replayed on the new size.
/// </summary>
/// <param name="ResourceId">The VM.</param>
/// <param name="TraceColumn">The trace column it replays.</param>
/// <param name="From">Size before the change.</param>
/// <param name="To">Size after the change.</param>
/// <param name="FromVcpus">vCPUs before.</param>
/// <param name="ToVcpus">vCPUs after.</param>
/// <param name="EffectiveAt">When the new size took effect.</param>
/// <param name="Intervals">5-minute intervals replayed on the new size.</param>
/// <param name="OverTarget">Intervals whose average demand exceeds the target CPU percent of the new size.</param>
/// <param name="Saturated">Intervals whose average demand exceeds 100 % of the new size.</param>
/// <param name="PeakOverTarget">Intervals whose peak (max file) exceeds the target; null without a max file.</param>
/// <param name="PeakSaturated">Intervals whose peak exceeds 100 % of the new size; null without a max file.</param>
/// <param name="MaxUtilizationPercent">Highest average utilization of the new size over the intervals (may exceed 100: demand beyond capacity).</param>
internal sealed record HeadroomBreach(
    string ResourceId,
    string TraceColumn,
    string From,
    string To,
    double FromVcpus,
    double ToVcpus,
    DateTimeOffset EffectiveAt,
    int Intervals,
    int OverTarget,
    int Saturated,
    int? PeakOverTarget,
    int? PeakSaturated,
    double MaxUtilizationPercent)
{
    /// <summary>Share of intervals over the target, 0–1.</summary>
    public double OverTargetShare => Share(OverTarget);

    /// <summary>Share of intervals saturated, 0–1.</summary>
    public double SaturatedShare => Share(Saturated);

    /// <summary>Share of intervals whose peak is over the target, 0–1; null without a max file.</summary>
    public double? PeakOverTargetShare => PeakOverTarget is int n ? Share(n) : null;

    /// <summary>Share of intervals whose peak saturates, 0–1; null without a max file.</summary>
    public double? PeakSaturatedShare => PeakSaturated is int n ? Share(n) : null;

    private double Share(int count) => Intervals == 0 ? 0 : (double)count / Intervals;
}
