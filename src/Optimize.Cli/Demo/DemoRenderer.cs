using System.Globalization;
using Optimize.Changes;
using Optimize.Cli.Commands;
using Spectre.Console;

namespace Optimize.Cli.Demo;

/// <summary>Renders a <see cref="DemoReport"/> for people.</summary>
internal static class DemoRenderer
{
    public static void Render(IAnsiConsole console, DemoReport r, TimeSpan wallTime, string title)
    {
        console.WriteLine();
        console.Write(new Rule($"[bold]{Markup.Escape(title)}[/]").LeftJustified());
        var summary = new Grid().AddColumn().AddColumn();
        summary.AddRow("Resources analyzed", N(r.ResourcesAnalyzed));
        summary.AddRow("Recommendations", N(r.Recommendations));
        summary.AddRow("Changes started", N(r.ChangesStarted));
        summary.AddRow("  promoted", $"[green]{N(r.ChangesPromoted)}[/]");
        summary.AddRow("  rolled back automatically", $"[yellow]{N(r.ChangesRolledBack)}[/]");
        if (r.ChangesRollbackFailed > 0)
        {
            summary.AddRow("  rollback failed (escalated)", $"[red]{N(r.ChangesRollbackFailed)}[/]");
        }

        if (r.ChangesRejected + r.ChangesAborted > 0)
        {
            summary.AddRow("  rejected / aborted", $"{N(r.ChangesRejected)} / {N(r.ChangesAborted)}");
        }

        if (r.ChangesInFlight > 0)
        {
            summary.AddRow("  still in flight", N(r.ChangesInFlight));
        }

        summary.AddRow("Skipped (not changed)", N(r.Skipped));
        summary.AddRow("Est. monthly savings (promoted)", $"[bold green]{Money(r.EstimatedMonthlySavings, r.Currency)}[/]");
        summary.AddRow("Identified monthly savings", Money(r.IdentifiedMonthlySavings, r.Currency));
        summary.AddRow("Simulated", $"{r.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm}Z → {r.EndedAt.UtcDateTime:yyyy-MM-dd HH:mm}Z ({r.Days} day(s)) in {wallTime.TotalSeconds:0.0} s");
        summary.AddRow("Journal", Markup.Escape(r.Journal));
        console.Write(summary);

        if (r.Changes.Count > 0)
        {
            var t = new Table().Title("Changes").AddColumns("Resource", "Kind", "From → To", "Stages", "Outcome", "Why", "Savings/month");
            foreach (var c in r.Changes.OrderBy(c => c.State).ThenByDescending(c => c.EstimatedMonthlySavings))
            {
                t.AddRow(
                    Markup.Escape(HistoryCommand.ShortId(c.ResourceId)),
                    c.Kind.ToString(),
                    Markup.Escape($"{c.From} → {c.To}"),
                    c.Stages.ToString(CultureInfo.InvariantCulture),
                    $"[{Color(c.State)}]{c.State}[/]",
                    Markup.Escape(c.Reason),
                    Money(c.EstimatedMonthlySavings, ""));
            }

            console.Write(t);
        }

        if (r.SkippedResources.Count > 0)
        {
            var t = new Table().Title("Skipped, and why").AddColumns("Resource", "Kind", "Reason", "Would be");
            foreach (var s in r.SkippedResources)
            {
                t.AddRow(
                    Markup.Escape(HistoryCommand.ShortId(s.ResourceId)),
                    s.Kind.ToString(),
                    Markup.Escape(s.Reason),
                    Markup.Escape(s.Target is null ? "" : $"{s.Target} ({Money(s.EstimatedMonthlySavings, "")}/month)"));
            }

            console.Write(t);
        }

        console.MarkupLine("[grey]See every step of every change: optimize history (add --resource <id> for one resource).[/]");
    }

    private static string Color(ChangeState s) => s switch
    {
        ChangeState.Promoted => "green",
        ChangeState.RolledBack => "yellow",
        ChangeState.RollbackFailed => "red",
        _ => "white",
    };

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Money(decimal m, string currency) => (m.ToString("N2", CultureInfo.InvariantCulture) + " " + currency).Trim();
}
