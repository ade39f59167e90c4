using System.Globalization;
using Optimize.Cli.Commands;
using Optimize.Cli.Output;
using Spectre.Console;

namespace Optimize.Cli.Reports;

/// <summary>Renders an <see cref="OperationsReport"/> for people (80 columns by default, every id in full with --wide).</summary>
internal static class OperationsRenderer
{
    public static void Render(Consoles consoles, OperationsReport r, string where)
    {
        var console = consoles.Out;
        console.Write(new Rule("[bold]Optimize report[/]").LeftJustified());
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("Journal", Markup.Escape(where));
        grid.AddRow("Period", r.Since is { } since ? $"changes created since {since.UtcDateTime:yyyy-MM-dd HH:mm}Z" : "the whole journal");
        grid.AddRow("Changes", N(r.Changes));
        grid.AddRow("Est. monthly savings (applied)", Money(r.EstimatedMonthlySavings, r.Currency));
        grid.AddRow("Realized (still promoted)", $"[bold green]{Markup.Escape(Money(r.RealizedMonthlySavings, r.Currency))}[/]");
        grid.AddRow("Pass start → applied", Latency(r.PassToApply));
        grid.AddRow("Alert → rolled back", Latency(r.AlertToRollback));
        grid.AddRow("Escalations (rollback failed)", N(r.Escalations.Count));
        grid.AddRow("Awaiting approval", N(r.AwaitingApproval.Count));
        foreach (var note in r.Notes)
        {
            grid.AddRow("Note", Markup.Escape(note));
        }

        console.Write(grid);
        if (r.Kinds.Count > 0)
        {
            var t = Tables.Create(consoles, "Kind", "Applied", "Promoted", Tables.Header(consoles, "Rolled back", "Rb"), Tables.Header(consoles, "Escalated", "Esc"),
                    "Revert rate", Tables.Header(consoles, "Rejected", "Rej"), Tables.Header(consoles, "Aborted", "Abt"), Tables.Header(consoles, "In flight", "Open"))
                .Title("Outcomes per kind").NoWrap(0);
            foreach (var k in r.Kinds)
            {
                t.AddRow(Tables.Text(Tables.Kind(consoles, k.Kind)), Tables.Text(N(k.Applied)), Tables.Text(N(k.Promoted)), Tables.Text(N(k.RolledBack)),
                    Tables.Text(N(k.Escalated)), Tables.Text(k.RevertRate is double rate ? (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "-"),
                    Tables.Text(N(k.Rejected)), Tables.Text(N(k.Aborted)), Tables.Text(N(k.InFlight)));
            }

            consoles.Write(t);
        }

        Lines(consoles, "Escalated: a human must restore these (optimize changes show <id>)", r.Escalations);
        Lines(consoles, "Awaiting approval (optimize changes approve|reject <id> --by <you>)", r.AwaitingApproval);
    }

    private static void Lines(Consoles consoles, string title, IReadOnlyList<ChangeLine> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        var t = Tables.Create(consoles, "Change", "Resource", "From → To", "Since (UTC)").Title(title).NoWrap(0, 1, 3);
        foreach (var l in lines)
        {
            t.AddRow(Tables.Id(consoles, l.ChangeId), Tables.Id(consoles, HistoryCommand.ShortId(l.ResourceId)),
                Tables.Text(Tables.Sizes(consoles, $"{l.From} → {l.To}")), Tables.Text(l.Since.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
        }

        consoles.Write(t);
    }

    private static string Latency(LatencySummary s) => s.Samples == 0
        ? "no samples"
        : string.Create(CultureInfo.InvariantCulture, $"median {Minutes(s.MedianMinutes!.Value)}, p95 {Minutes(s.P95Minutes!.Value)}, max {Minutes(s.MaxMinutes!.Value)} ({s.Samples} change(s))");

    private static string Minutes(double minutes) => minutes switch
    {
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{minutes:0} min"),
        < 2880 => string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:0.0} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{minutes / 1440:0.0} d"),
    };

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Money(decimal amount, string currency) => amount.ToString("N2", CultureInfo.InvariantCulture) + " " + currency;
}
