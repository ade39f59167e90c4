using System.CommandLine;
using Optimize.Cli.Hosting;
using Optimize.Cli.Output;
using Optimize.Cli.Reports;

namespace Optimize.Cli.Commands;

/// <summary><c>optimize report</c>: the seeds' measures over the journal (revert rate, realized savings, latency, escalations, approvals).</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext cli)
    {
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only changes created at or after this time (ISO 8601, e.g. 2026-11-01). Default: the whole journal." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of tables; progress still goes to stderr." };
        var wide = TableOptions.Wide();
        var journal = JournalOptions.Connection();
        var command = new Command("report", "Report how the optimizer did, from the journal: revert rate per kind, realized against estimated savings, decision latency, escalations and approvals waiting.")
        {
            since, json, wide, journal,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var handle = await cli.Journals.OpenAsync(new JournalRequest { Connection = parse.GetValue(journal), ForHistory = true }, ct);
            if (handle is null)
            {
                return ExitCodes.Failed;
            }

            var lastShown = -1;
            var report = await OperationsReportBuilder.BuildAsync(handle.Journal, parse.GetValue(since), (done, total) =>
            {
                // One line per 10 % of the steps read: a journal of months takes a while over Table Storage.
                var tenth = total == 0 ? 10 : done * 10 / total;
                if (total >= 50 && tenth != lastShown)
                {
                    lastShown = tenth;
                    cli.Consoles.Info($"reading change steps: {done:N0} of {total:N0}");
                }
            }, ct);
            cli.Consoles.Wide = parse.GetValue(wide);
            if (parse.GetValue(json))
            {
                CliJson.Write(cli.Consoles.RawOut, report);
            }
            else
            {
                OperationsRenderer.Render(cli.Consoles, report, handle.Journal.Description);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
