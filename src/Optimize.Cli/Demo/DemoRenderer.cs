using System.Globalization;
using Optimize.Changes;
using Optimize.Cli.Commands;
using Optimize.Cli.Output;
using Spectre.Console;

namespace Optimize.Cli.Demo;

/// <summary>Renders a <see cref="DemoReport"/> for people.</summary>
internal static class DemoRenderer
{
    public static void Render(Consoles consoles, DemoReport r, TimeSpan wallTime, string title)
    {
        var console = consoles.Out;
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
        summary.AddRow("Est. monthly savings (promoted, net)", $"[bold green]{Money(r.EstimatedMonthlySavings, r.Currency)}[/]");
        summary.AddRow("  of which upsize cost", Money(r.UpsizeMonthlyCost, r.Currency));
        summary.AddRow("Identified monthly savings (net)", Money(r.IdentifiedMonthlySavings, r.Currency));
        summary.AddRow("  of which upsize cost", Money(r.IdentifiedUpsizeMonthlyCost, r.Currency));
        summary.AddRow("Simulated", $"{r.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm}Z → {r.EndedAt.UtcDateTime:yyyy-MM-dd HH:mm}Z ({r.Days} day(s)) in {wallTime.TotalSeconds:0.0} s");
        summary.AddRow("Journal", Markup.Escape(r.Journal));
        summary.AddRow("Azure requests (emulated)", Markup.Escape(
            $"{N(r.Azure.Requests)} through the production adapters; "
            + (r.Azure.Contract is null ? "bodies not checked (no contract pack found)" : $"{N(r.Azure.ContractViolations)} contract violation(s)")));
        console.Write(summary);

        if (r.Changes.Count > 0)
        {
            // Compact: the stages and a promotion's reason (which repeats the target) go; any other reason goes under the change.
            var t = consoles.Narrow
                ? Tables.Create(consoles, "Resource", "Kind", "From → To", "Outcome", "Savings/mo").NoWrap(0, 1, 3, 4)
                : Tables.Create(consoles, "Resource", "Kind", "From → To", "Stages", "Outcome", "Why", "Savings/month").NoWrap(0, 1, 3, 4);
            foreach (var c in r.Changes.OrderBy(c => c.State).ThenByDescending(c => c.EstimatedMonthlySavings))
            {
                var change = Markup.Escape(Tables.Sizes(consoles, $"{c.From} → {c.To}"));
                var outcome = Tables.Styled($"[{Color(c.State)}]{c.State}[/]");
                if (consoles.Narrow)
                {
                    var why = c.State == ChangeState.Promoted ? "" : $"\n[grey]{Markup.Escape(c.Reason)}[/]";
                    t.AddRow(Tables.Id(consoles, HistoryCommand.ShortId(c.ResourceId)), Tables.Text(Tables.Kind(consoles, c.Kind)),
                        Tables.Styled(change + why), outcome, Tables.Text(Money(c.EstimatedMonthlySavings, "")));
                    continue;
                }

                t.AddRow(
                    Tables.Id(consoles, HistoryCommand.ShortId(c.ResourceId)),
                    Tables.Text(c.Kind.ToString()),
                    Tables.Styled(change),
                    Tables.Text(c.Stages.ToString(CultureInfo.InvariantCulture)),
                    outcome,
                    Tables.Text(c.Reason),
                    Tables.Text(Money(c.EstimatedMonthlySavings, "")));
            }

            consoles.Write(t.Title("Changes"));
        }

        if (r.SkippedResources.Count > 0)
        {
            var t = Tables.Create(consoles, "Resource", "Kind", "Reason", "Would be").Title("Skipped, and why").NoWrap(0, 1);
            foreach (var s in r.SkippedResources)
            {
                t.AddRow(
                    Tables.Id(consoles, HistoryCommand.ShortId(s.ResourceId)),
                    Tables.Text(Tables.Kind(consoles, s.Kind)),
                    Tables.Text(Tables.Sizes(consoles, s.Reason)),
                    Tables.Text(s.Target is null ? "" : Tables.Sizes(consoles, $"{s.Target} ({Money(s.EstimatedMonthlySavings, "")}/month)")));
            }

            consoles.Write(t);
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
