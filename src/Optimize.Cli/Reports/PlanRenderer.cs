using System.Globalization;
using Optimize.Cli.Commands;
using Spectre.Console;

namespace Optimize.Cli.Reports;

/// <summary>Renders a <see cref="PlanReport"/>.</summary>
internal static class PlanRenderer
{
    public static void Render(IAnsiConsole console, PlanReport r)
    {
        console.Write(new Rule("[bold]Optimize plan (read-only)[/]").LeftJustified());
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("Resources analyzed", r.ResourcesAnalyzed.ToString("N0", CultureInfo.InvariantCulture));
        grid.AddRow("Recommendations", r.Recommendations.ToString("N0", CultureInfo.InvariantCulture));
        grid.AddRow("Skipped", r.Skipped.ToString("N0", CultureInfo.InvariantCulture));
        grid.AddRow("Est. monthly savings", $"[bold green]{r.EstimatedMonthlySavings.ToString("N2", CultureInfo.InvariantCulture)} {r.Currency}[/]");
        grid.AddRow("Took", $"{r.WallTimeSeconds:0.0} s");
        console.Write(grid);
        if (r.Recommended.Count > 0)
        {
            var t = new Table().Title("Recommendations").AddColumns("Resource", "Kind", "Current → Target", "Decision", "Why", "Savings/month");
            foreach (var row in r.Recommended)
            {
                t.AddRow(
                    Markup.Escape(HistoryCommand.ShortId(row.ResourceId)), row.Kind.ToString(),
                    Markup.Escape($"{row.Current} → {row.Target}"), row.Outcome, Markup.Escape(row.Reason),
                    row.EstimatedMonthlySavings.ToString("N2", CultureInfo.InvariantCulture));
            }

            console.Write(t);
        }

        if (r.SkippedResources.Count > 0)
        {
            var t = new Table().Title("Skipped, and why").AddColumns("Resource", "Kind", "Reason");
            foreach (var row in r.SkippedResources)
            {
                t.AddRow(Markup.Escape(HistoryCommand.ShortId(row.ResourceId)), row.Kind.ToString(), Markup.Escape(row.Reason));
            }

            console.Write(t);
        }
    }
}
