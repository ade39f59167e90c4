using System.Globalization;
using Optimize.Cli.Output;
using Spectre.Console;

namespace Optimize.Cli.Backtest;

/// <summary>Renders a <see cref="BacktestAnalysis"/>: the headline, net savings, overload of every change, repeat upsizes, the ceiling.</summary>
internal static class AnalysisRenderer
{
    public static void Render(Consoles consoles, BacktestAnalysis a, string headline, string currency)
    {
        var console = consoles.Out;
        console.WriteLine();
        console.Write(new Rule("[bold]What the run achieved, against perfect foresight[/]").LeftJustified());
        console.MarkupLine($"[bold]{Markup.Escape(headline)}[/]");
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("Net monthly savings (sizes at the end)", Money(a.NetMonthlySavings, currency));
        grid.AddRow("  of which upsizes cost", Money(a.UpsizeMonthlyCost, currency));
        grid.AddRow("Time-weighted savings over the run", Money(a.TimeWeightedMonthlySavings, currency));
        grid.AddRow("Intervals replayed on changed sizes", a.ChangedIntervals.ToString("N0", CultureInfo.InvariantCulture));
        grid.AddRow("  overloaded (CPU demand > 100 %)", Pct(a.OverloadedShare));
        grid.AddRow("  worst resource overloaded", Markup.Escape($"{Pct(a.WorstResourceOverloadedShare)}{(a.WorstResource is { } w ? " (" + w[(w.LastIndexOf('/') + 1)..] + ")" : "")}"));
        grid.AddRow("  memory exhausted (pooled / worst)", $"{Pct(a.MemoryExhaustedShare)} / {Pct(a.WorstResourceMemoryExhaustedShare)}");
        grid.AddRow("Upsizes / repeat / stale repeat", string.Create(CultureInfo.InvariantCulture, $"{a.Upsizes} / {a.RepeatUpsizes} / {a.StaleRepeatUpsizes}"));
        grid.AddRow($"Ceiling (budget {a.OverloadBudget * 100:0.###} %) savings", Money(a.CeilingMonthlySavings, currency));
        grid.AddRow("  required upsizes in the ceiling", Money(a.CeilingRequiredUpsizeMonthlyCost, currency));
        grid.AddRow("  net ceiling", Money(a.CeilingNetMonthlySavings, currency));
        if (a.CeilingResourcesOverBudget > 0)
        {
            grid.AddRow("  resources no size keeps within budget", a.CeilingResourcesOverBudget.ToString(CultureInfo.InvariantCulture));
        }

        if (a.BelowCeilingResources > 0)
        {
            grid.AddRow("  resources left cheaper than their ceiling (over budget)", a.BelowCeilingResources.ToString(CultureInfo.InvariantCulture));
        }

        if (a.MemoryModelledResources > 0)
        {
            grid.AddRow("Note", $"memory modelled from CPU (not recorded) on {a.MemoryModelledResources.ToString(CultureInfo.InvariantCulture)} resource(s)");
        }

        console.Write(grid);
    }

    private static string Money(decimal value, string currency) => Markup.Escape($"{value.ToString("N2", CultureInfo.InvariantCulture)} {currency}/month");

    private static string Pct(double share) => (share * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";
}
