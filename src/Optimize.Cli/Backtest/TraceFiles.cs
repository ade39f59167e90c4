using Optimize.Cli.Hosting;
using Optimize.Simulator.Workloads;

namespace Optimize.Cli.Backtest;

/// <summary>Loads an Azure Public Dataset trace and its peak file.</summary>
internal static class TraceFiles
{
    /// <summary>The average trace, and the peak trace next to it when it exists and has the same shape (else why not).</summary>
    public static (TraceSet Average, TraceSet? Peak, string? PeakNote)? Load(CliContext cli, string averagePath)
    {
        TraceSet average;
        try
        {
            average = TraceSet.Load(averagePath);
        }
        catch (InvalidDataException ex)
        {
            cli.Consoles.Error($"--trace: {ex.Message}");
            return null;
        }

        var peakPath = TraceLocator.PeakPathFor(averagePath);
        if (peakPath is null)
        {
            return (average, null, "no '_max_' file next to the trace");
        }

        try
        {
            var peak = TraceSet.Load(peakPath);
            return peak.RowCount == average.RowCount && peak.ColumnIds.SequenceEqual(average.ColumnIds, StringComparer.Ordinal)
                ? (average, peak, null)
                : (average, null, $"{peakPath} has another shape ({peak.ColumnCount}×{peak.RowCount}, columns must match {average.ColumnCount}×{average.RowCount})");
        }
        catch (InvalidDataException ex)
        {
            cli.Consoles.Warn($"peak trace not used: {ex.Message}");
            return (average, null, "unreadable: " + ex.Message);
        }
    }
}
