using System.CommandLine;
using System.Globalization;
using Optimize.Changes;
using Optimize.Cli.Hosting;
using Optimize.Cli.Output;
using Optimize.Guards;
using Optimize.Journal;
using Spectre.Console;

namespace Optimize.Cli.Commands;

/// <summary><c>optimize history</c>: what the optimizer did, from the journal.</summary>
internal static class HistoryCommand
{
    public static Command Create(CliContext cli)
    {
        var resource = new Option<string?>("--resource") { Description = "Only this resource: its changes with their steps and verdicts, newest first. The ARM id, or rg/name or the name as the tables show it (exit 2 when ambiguous or unknown)." };
        var pass = new Option<string?>("--pass") { Description = "Only this pass: its recommendations and skips. The pass id or a unique prefix of it (exit 2 when ambiguous or unknown)." };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only entries at or after this time (ISO 8601, e.g. 2026-11-01 or 2026-11-01T02:00Z)." };
        var limit = new Option<int>("--limit") { Description = "At most this many rows per section.", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of tables." };
        var wide = TableOptions.Wide();
        var journal = JournalOptions.Connection();

        var command = new Command("history", "Show the journal: passes, decisions and changes with their steps.")
        {
            resource, pass, since, limit, json, wide, journal,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var handle = await cli.Journals.OpenAsync(new JournalRequest { Connection = parse.GetValue(journal), ForHistory = true }, ct);
            if (handle is null)
            {
                return ExitCodes.Failed;
            }

            cli.Consoles.Wide = parse.GetValue(wide);
            var resourceId = await ShortIds.ResolveAsync(cli, handle.Journal, parse.GetValue(resource), ShortIds.ResourceAsync, ct);
            var passId = await ShortIds.ResolveAsync(cli, handle.Journal, parse.GetValue(pass), ShortIds.PassAsync, ct);
            if (resourceId is { Id: null, Typed: not null } || passId is { Id: null, Typed: not null })
            {
                return ExitCodes.BadInput;
            }

            var query = new HistoryQuery(resourceId.Id, passId.Id, parse.GetValue(since), parse.GetValue(limit));
            var report = await HistoryReport.ReadAsync(handle.Journal, query, ct);
            if (parse.GetValue(json))
            {
                CliJson.Write(cli.Consoles.RawOut, report);
            }
            else
            {
                Render(cli.Consoles, report, handle.Journal.Description);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(Consoles consoles, HistoryReport report, string where)
    {
        var console = consoles.Out;
        console.MarkupLine($"[grey]journal: {Markup.Escape(where)}[/]");
        if (report.Passes.Count > 0)
        {
            // Compact: the start time is in the pass id, and the four counts share a column (legend below).
            var t = (consoles.Narrow
                    ? Tables.Create(consoles, "Pass", "Trigger", "Status", "A/R/P/S", "Est./month").NoWrap(0, 1, 2, 3, 4)
                    : Tables.Create(consoles, "Pass", "Trigger", "Started (UTC)", "Status", "Analyzed", "Recommended", "Planned", "Skipped", "Est. savings/month").NoWrap(0, 2))
                .Title("Passes");
            foreach (var p in report.Passes)
            {
                var counts = new[] { N(p.ResourcesAnalyzed), N(p.Recommendations), N(p.ChangesPlanned), N(p.Skipped) };
                var money = Tables.Text(Money(p.EstimatedMonthlySavings, p.Currency));
                if (consoles.Narrow)
                {
                    t.AddRow(Tables.Id(consoles, p.PassId, PassIdWidth), Tables.Text(p.Trigger), Tables.Text(p.Status), Tables.Text(string.Join("/", counts)), money);
                }
                else
                {
                    t.AddRow([Tables.Id(consoles, p.PassId), Tables.Text(p.Trigger), Tables.Text(Time(p.StartedAt)), Tables.Text(p.Status), .. counts.Select(Tables.Text), money]);
                }
            }

            consoles.Write(t);
            if (consoles.Narrow)
            {
                console.MarkupLine("[grey]A/R/P/S: resources analyzed / recommendations / changes planned / skipped.[/]");
            }
        }

        if (report.Decisions.Count > 0)
        {
            var t = Tables.Create(consoles, "Resource", "Outcome", "Reason", "Target", "Savings/month").Title("Decisions").NoWrap(0, 1);
            foreach (var d in report.Decisions)
            {
                t.AddRow(
                    Tables.Id(consoles, ShortId(d.ResourceId)), Tables.Text(d.Outcome.ToString()), Tables.Text(Tables.Sizes(consoles, d.Message)),
                    Tables.Text(Tables.Sizes(consoles, d.Target?.Describe() ?? "")), Tables.Text(d.EstimatedMonthlySavings == 0 ? "" : Money(d.EstimatedMonthlySavings, "")));
            }

            consoles.Write(t);
        }

        foreach (var c in report.Changes)
        {
            var color = c.Change.State switch
            {
                ChangeState.Promoted => "green",
                ChangeState.RolledBack => "yellow",
                ChangeState.RollbackFailed => "red",
                _ => "white",
            };
            console.MarkupLine(
                $"[bold]{Markup.Escape(c.Change.ChangeId)}[/] [{color}]{c.Change.State}[/] {Markup.Escape(ShortId(c.Change.Resource.Id))}: " +
                $"{Markup.Escape(c.Change.Plan.Baseline.Describe())} → {Markup.Escape(c.Change.Plan.FinalTarget.Describe())}  [grey]{Markup.Escape(c.Change.Outcome)}[/]");
            foreach (var e in c.Events)
            {
                var verdict = e.Verdict is { } v ? $" [{VerdictColor(v)}]{v}[/]" : "";
                var stage = e.StageIndex >= 0 ? $" stage {e.StageIndex + 1}" : "";
                console.MarkupLine($"    {e.Sequence,3}  {Time(e.At)}  {e.Step,-9}{stage}{verdict}  {Markup.Escape(e.Message)}");
            }
        }

        if (report.Passes.Count == 0 && report.Decisions.Count == 0 && report.Changes.Count == 0)
        {
            console.MarkupLine("Nothing in the journal matches. Run [bold]optimize demo[/] first, or widen --since.");
        }
    }

    /// <summary>A pass id's length (<c>pass-20261104T020000Z-f083</c>): never shortened.</summary>
    private const int PassIdWidth = 26;

    private static string VerdictColor(VerdictKind v) => v switch
    {
        VerdictKind.Successful => "green",
        VerdictKind.Inconclusive => "yellow",
        _ => "red",
    };

    internal static string ShortId(string id)
    {
        var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 8 ? $"{parts[3]}/{parts[^1]}" : id;
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Money(decimal m, string currency) =>
        (m.ToString("N2", CultureInfo.InvariantCulture) + " " + currency).Trim();
}

/// <summary>What <c>optimize history</c> prints (also its <c>--json</c> shape).</summary>
internal sealed record HistoryReport(
    IReadOnlyList<PassRecord> Passes,
    IReadOnlyList<DecisionRecord> Decisions,
    IReadOnlyList<ChangeHistory> Changes)
{
    public static async Task<HistoryReport> ReadAsync(IJournalReader journal, HistoryQuery query, CancellationToken ct)
    {
        var passes = new List<PassRecord>();
        var decisions = new List<DecisionRecord>();
        if (query.ResourceId is null)
        {
            await foreach (var p in journal.ListPassesAsync(query, ct))
            {
                passes.Add(p);
            }
        }

        if (query.PassId is not null || query.ResourceId is not null)
        {
            await foreach (var d in journal.ListDecisionsAsync(query, ct))
            {
                decisions.Add(d);
            }
        }

        var changes = new List<ChangeHistory>();
        await foreach (var c in journal.ListChangesAsync(query, ct))
        {
            var events = new List<ChangeEvent>();
            await foreach (var e in journal.ListEventsAsync(c.ChangeId, ct))
            {
                events.Add(e);
            }

            changes.Add(new ChangeHistory(c, events));
        }

        return new HistoryReport(passes, decisions, changes);
    }
}

/// <summary>A change with its steps.</summary>
internal sealed record ChangeHistory(ChangeRecord Change, IReadOnlyList<ChangeEvent> Events);
