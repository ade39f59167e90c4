using System.Globalization;
using Optimize.Cli.Demo;
using Optimize.Cli.Output;
using Spectre.Console;

namespace Optimize.Cli.Backtest;

/// <summary>Renders a <see cref="BacktestReport"/> for people: the demo's report, then the trace and headroom figures.</summary>
internal static class BacktestRenderer
{
    public static void Render(Consoles consoles, BacktestReport r, TimeSpan wallTime)
    {
        var console = consoles.Out;
        DemoRenderer.Render(consoles, r.Loop, wallTime, "Optimize backtest");
        console.WriteLine();
        console.Write(new Rule("[bold]Replayed on the trace[/]").LeftJustified());
        var w = r.Window;
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("Trace (average CPU %)", Markup.Escape($"{r.Trace} ({r.TraceColumns} columns × {r.TraceRows:N0} rows of 5 min)"));
        grid.AddRow("Peak trace (max CPU %)", Markup.Escape(r.PeakTrace ?? $"not used: {r.PeakTraceNote}"));
        grid.AddRow("VMs", r.Vms.ToString("N0", CultureInfo.InvariantCulture));
        grid.AddRow("Timeline", Markup.Escape(
            $"trace row 0 = {w.Origin.UtcDateTime:yyyy-MM-dd HH:mm}Z; first pass on day {w.StartDay}; {w.Days} day(s) run" +
            (w.Capped ? $" (asked {w.RequestedDays}, capped at the trace's end {w.TraceEnd.UtcDateTime:yyyy-MM-dd HH:mm}Z)" : "")));
        grid.AddRow("Promoted downsizes", r.Downsizes.Count.ToString("N0", CultureInfo.InvariantCulture));
        grid.AddRow("Intervals replayed on new sizes", r.Intervals.ToString("N0", CultureInfo.InvariantCulture));
        grid.AddRow($"  avg demand > {r.TargetCpuPercent:0.#} % (target)", Pct(r.OverTargetShare));
        grid.AddRow("  avg demand > 100 % (saturated)", Pct(r.SaturatedShare));
        if (r.PeakTrace is not null)
        {
            grid.AddRow($"  peak > {r.TargetCpuPercent:0.#} % (target)", Pct(r.PeakOverTargetShare!.Value));
            grid.AddRow("  peak > 100 % (saturated)", Pct(r.PeakSaturatedShare!.Value));
        }

        grid.AddRow("Downsizes ever saturated (avg)", $"{r.DownsizesEverSaturated.ToString(CultureInfo.InvariantCulture)} of {r.Downsizes.Count.ToString(CultureInfo.InvariantCulture)}");
        foreach (var note in r.InputNotes)
        {
            grid.AddRow("Note", Markup.Escape(note));
        }

        console.Write(grid);
        AnalysisRenderer.Render(consoles, r.Analysis, r.Headline, r.Loop.Currency);

        if (r.Downsizes.Count > 0)
        {
            var t = Tables.Create(consoles, "VM", "From → To", "Intervals", "> target", "> 100 %", "peak > target", "peak > 100 %", "max avg %")
                .Title("Headroom after each promoted downsize (rest of the trace)").NoWrap(0);
            foreach (var d in r.Downsizes.OrderByDescending(d => d.SaturatedShare).ThenByDescending(d => d.OverTargetShare))
            {
                t.AddRow(
                    Tables.Id(consoles, d.ResourceId[(d.ResourceId.LastIndexOf('/') + 1)..]),
                    Tables.Text($"{Short(d.From)} → {Short(d.To)}"),
                    Tables.Text(d.Intervals.ToString("N0", CultureInfo.InvariantCulture)),
                    Tables.Text(Pct(d.OverTargetShare)),
                    Tables.Text(Pct(d.SaturatedShare)),
                    Tables.Text(d.PeakOverTargetShare is double po ? Pct(po) : "-"),
                    Tables.Text(d.PeakSaturatedShare is double ps ? Pct(ps) : "-"),
                    Tables.Text(d.MaxUtilizationPercent.ToString("0.0", CultureInfo.InvariantCulture)));
            }

            consoles.Write(t);
        }
    }

    private static string Short(string size) => size.StartsWith("Standard_", StringComparison.Ordinal) ? size["Standard_".Length..] : size;

    private static string Pct(double share) => (share * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";
}
