using System.Globalization;
using Optimize.Cli.Commands;
using Optimize.Cli.Output;
using Spectre.Console;

namespace Optimize.Cli.Reports;

/// <summary>Renders a <see cref="PlanReport"/>.</summary>
internal static class PlanRenderer
{
    public static void Render(Consoles consoles, PlanReport r)
    {
        var console = consoles.Out;
        console.Write(new Rule("[bold]Optimize plan (read-only)[/]").LeftJustified());
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("Resources analyzed", r.ResourcesAnalyzed.ToString("N0", CultureInfo.InvariantCulture));
        grid.AddRow("Recommendations", r.Recommendations.ToString("N0", CultureInfo.InvariantCulture));
        grid.AddRow("Skipped", r.Skipped.ToString("N0", CultureInfo.InvariantCulture));
        grid.AddRow("Est. monthly savings (net)", $"[bold green]{r.EstimatedMonthlySavings.ToString("N2", CultureInfo.InvariantCulture)} {r.Currency}[/]");
        grid.AddRow("  downsizes / upsize cost", $"{r.DownsizeMonthlySavings.ToString("N2", CultureInfo.InvariantCulture)} / {r.UpsizeMonthlyCost.ToString("N2", CultureInfo.InvariantCulture)} {r.Currency}");
        grid.AddRow("Took", $"{r.WallTimeSeconds:0.0} s");
        console.Write(grid);
        if (r.Recommended.Count > 0)
        {
            var t = Tables.Create(consoles, "Resource", "Kind", "Current → Target", "Decision", "Why", Tables.Header(consoles, "Savings/month", "Savings/mo")).Title("Recommendations").NoWrap(0, 1, 5);
            foreach (var row in r.Recommended)
            {
                t.AddRow(
                    Tables.Id(consoles, HistoryCommand.ShortId(row.ResourceId)), Tables.Text(Tables.Kind(consoles, row.Kind)),
                    Tables.Text(Tables.Sizes(consoles, $"{row.Current} → {row.Target}")), Tables.Text(row.Outcome), Tables.Text(Tables.Sizes(consoles, row.Reason)),
                    Tables.Text(row.EstimatedMonthlySavings.ToString("N2", CultureInfo.InvariantCulture)));
            }

            consoles.Write(t);
        }

        if (r.SkippedResources.Count > 0)
        {
            var t = Tables.Create(consoles, "Resource", "Kind", "Reason").Title("Skipped, and why").NoWrap(0, 1);
            foreach (var row in r.SkippedResources)
            {
                t.AddRow(Tables.Id(consoles, HistoryCommand.ShortId(row.ResourceId)), Tables.Text(Tables.Kind(consoles, row.Kind)), Tables.Text(row.Reason));
            }

            consoles.Write(t);
        }
    }
}
