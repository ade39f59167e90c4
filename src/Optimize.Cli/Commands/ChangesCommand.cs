using System.CommandLine;
using System.Globalization;
using Optimize.Changes;
using Optimize.Cli.Hosting;
using Optimize.Cli.Output;
using Optimize.Journal;
using Spectre.Console;

namespace Optimize.Cli.Commands;

/// <summary>
/// <c>optimize changes list|show</c> read the journal; <c>optimize changes approve|reject</c> send the decision to the
/// Function App, which resumes the waiting workflow.
/// </summary>
internal static class ChangesCommand
{
    public static Command Create(CliContext cli) =>
        new("changes", "Changes and their approvals: list what waits, show one, approve or reject it.")
        {
            List(cli), Show(cli), Decide(cli, approve: true), Decide(cli, approve: false),
        };

    private static Command List(CliContext cli)
    {
        var pending = new Option<bool>("--pending") { Description = "Only changes waiting for approval (same as --state awaiting-approval)." };
        var resource = new Option<string?>("--resource") { Description = "Only this resource: the ARM id, or rg/name or the name as the tables show it (exit 2 when ambiguous or unknown)." };
        var state = new Option<string?>("--state") { Description = "Only this state: " + string.Join(", ", Enum.GetValues<ChangeState>().Select(Kebab)) + "." };
        var limit = new Option<int>("--limit") { Description = "At most this many changes, newest first.", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var wide = TableOptions.Wide();
        var journal = JournalOptions.Connection();
        var command = new Command("list", "List changes from the journal, newest first.") { pending, resource, state, limit, json, wide, journal };
        command.SetAction(async (parse, ct) =>
        {
            ChangeState? only = parse.GetValue(pending) ? ChangeState.AwaitingApproval : null;
            if (parse.GetValue(state) is { } text)
            {
                if (ParseState(text) is not { } parsed || (only is { } p && p != parsed))
                {
                    cli.Consoles.Error($"--state: '{text}' is not one of {string.Join(", ", Enum.GetValues<ChangeState>().Select(Kebab))}{(only is null ? "" : ", or it contradicts --pending")}.");
                    return ExitCodes.BadInput;
                }

                only = parsed;
            }

            if (parse.GetValue(limit) < 1)
            {
                cli.Consoles.Error("--limit must be at least 1.");
                return ExitCodes.BadInput;
            }

            await using var handle = await cli.Journals.OpenAsync(new JournalRequest { Connection = parse.GetValue(journal), ForHistory = true }, ct);
            if (handle is null)
            {
                return ExitCodes.Failed;
            }

            var resourceId = await ShortIds.ResolveAsync(cli, handle.Journal, parse.GetValue(resource), ShortIds.ResourceAsync, ct);
            if (resourceId is { Id: null, Typed: not null })
            {
                return ExitCodes.BadInput;
            }

            var changes = new List<ChangeRecord>();
            await foreach (var c in handle.Journal.ListChangesAsync(new HistoryQuery(ResourceId: resourceId.Id, Limit: int.MaxValue), ct))
            {
                if (only is null || c.State == only)
                {
                    changes.Add(c);
                    if (changes.Count >= parse.GetValue(limit))
                    {
                        break;
                    }
                }
            }

            cli.Consoles.Wide = parse.GetValue(wide);
            if (parse.GetValue(json))
            {
                CliJson.Write(cli.Consoles.RawOut, changes);
                return ExitCodes.Ok;
            }

            cli.Consoles.Out.MarkupLine($"[grey]journal: {Markup.Escape(handle.Journal.Description)}[/]");
            if (changes.Count == 0)
            {
                cli.Consoles.Out.MarkupLine(only is { } s ? $"No {Kebab(s)} changes." : "No changes in the journal match.");
                return ExitCodes.Ok;
            }

            var table = Tables.Create(cli.Consoles, "Change", "State", "Resource", "Change to", "Created (UTC)").NoWrap(0, 1, 2);
            foreach (var c in changes)
            {
                table.AddRow(
                    Tables.Id(cli.Consoles, c.ChangeId), Tables.Text(Kebab(c.State)), Tables.Id(cli.Consoles, HistoryCommand.ShortId(c.Resource.Id)),
                    Tables.Text(Tables.Sizes(cli.Consoles, $"{c.Plan.Baseline.Describe()} → {c.Plan.FinalTarget.Describe()}")), Tables.Text(Time(c.CreatedAt)));
            }

            cli.Consoles.Write(table);
            if (changes.Any(c => c.State == ChangeState.AwaitingApproval))
            {
                cli.Consoles.Out.MarkupLine("Decide with: optimize changes approve|reject <change> --by <you> [[--comment ...]]");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CliContext cli)
    {
        var id = new Argument<string>("change") { Description = "The change id (from 'optimize changes list')." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var journal = JournalOptions.Connection();
        var command = new Command("show", "Show one change from the journal with every step.") { id, json, journal };
        command.SetAction(async (parse, ct) =>
        {
            await using var handle = await cli.Journals.OpenAsync(new JournalRequest { Connection = parse.GetValue(journal), ForHistory = true }, ct);
            if (handle is null)
            {
                return ExitCodes.Failed;
            }

            var changeId = parse.GetValue(id)!;
            if (await handle.Journal.GetAsync(changeId, ct) is not { } change)
            {
                cli.Consoles.Error($"no change '{changeId}' in {handle.Journal.Description}: 'optimize changes list' shows the ids.");
                return ExitCodes.BadInput;
            }

            var events = new List<ChangeEvent>();
            await foreach (var e in handle.Journal.ListEventsAsync(changeId, ct))
            {
                events.Add(e);
            }

            if (parse.GetValue(json))
            {
                CliJson.Write(cli.Consoles.RawOut, new ChangeHistory(change, events));
                return ExitCodes.Ok;
            }

            var o = cli.Consoles.Out;
            o.MarkupLine($"[bold]{Markup.Escape(change.ChangeId)}[/] {Kebab(change.State)}  {Markup.Escape(change.Outcome)}");
            o.MarkupLine($"resource:  {Markup.Escape(change.Resource.Id)}");
            o.MarkupLine($"change:    {Markup.Escape(change.Plan.Baseline.Describe())} → {Markup.Escape(change.Plan.FinalTarget.Describe())}");
            o.MarkupLine($"pass:      {Markup.Escape(change.Plan.PassId)}");
            o.MarkupLine($"created:   {Time(change.CreatedAt)}   updated: {Time(change.UpdatedAt)}");
            foreach (var e in events)
            {
                var stage = e.StageIndex >= 0 ? $" stage {e.StageIndex + 1}" : "";
                o.MarkupLine($"  {e.Sequence,3}  {Time(e.At)}  {e.Step,-9}{stage}{(e.Verdict is { } v ? " " + v : "")}  {Markup.Escape(e.Message)}");
            }

            if (change.State == ChangeState.AwaitingApproval)
            {
                o.MarkupLine($"Waiting for approval: optimize changes approve {Markup.Escape(change.ChangeId)} --by <you>  (or reject)");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Decide(CliContext cli, bool approve)
    {
        var verb = approve ? "approve" : "reject";
        var id = new Argument<string>("change") { Description = $"The change to {verb} (it must be awaiting approval)." };
        var by = new Option<string>("--by") { Description = "Who decides (journaled with the decision).", Required = true };
        var comment = new Option<string?>("--comment") { Description = "Why (journaled)." };
        var url = new Option<string?>("--url") { Description = $"The Function App's base URL, e.g. https://<app>.azurewebsites.net. Default: ${FunctionAppTarget.UrlVariable}." };
        var key = new Option<string?>("--key") { Description = $"The {(approve ? "ApproveChange" : "RejectChange")} function's key (sent as x-functions-key). Default: ${FunctionAppTarget.KeyVariable}." };
        var command = new Command(verb, $"{(approve ? "Approve" : "Reject")} a change waiting for approval, through the Function App (POST /api/changes/<id>/{verb}).")
        {
            id, by, comment, url, key,
        };
        command.SetAction(async (parse, ct) =>
        {
            var errors = new List<string>();
            var who = parse.GetValue(by)?.Trim() ?? "";
            if (who.Length == 0)
            {
                errors.Add("--by: say who decides (it is journaled).");
            }

            var urlText = parse.GetValue(url) ?? cli.Env(FunctionAppTarget.UrlVariable);
            Uri? baseUrl = null;
            if (string.IsNullOrWhiteSpace(urlText))
            {
                errors.Add($"no Function App URL: pass --url https://<app>.azurewebsites.net or set ${FunctionAppTarget.UrlVariable}.");
            }
            else if (!Uri.TryCreate(urlText.TrimEnd('/') + "/", UriKind.Absolute, out baseUrl) || baseUrl.Scheme is not ("https" or "http"))
            {
                errors.Add($"--url: '{urlText}' is not an http(s) URL.");
            }

            var keyText = parse.GetValue(key) ?? cli.Env(FunctionAppTarget.KeyVariable);
            if (string.IsNullOrWhiteSpace(keyText))
            {
                var function = approve ? "ApproveChange" : "RejectChange";
                errors.Add($"no function key: pass --key or set ${FunctionAppTarget.KeyVariable} (az functionapp function keys list -g <resource-group> -n <function-app> --function-name {function}).");
            }

            if (errors.Count > 0)
            {
                errors.ForEach(cli.Consoles.Error);
                return ExitCodes.BadInput;
            }

            var target = new FunctionAppTarget { BaseUrl = baseUrl!, Key = keyText!.Trim() };
            var result = await new FunctionAppClient(cli.FunctionHttp).DecideAsync(target, parse.GetValue(id)!, approve, who, parse.GetValue(comment), ct);
            if (result.ExitCode == ExitCodes.Ok)
            {
                cli.Consoles.Out.MarkupLine(Markup.Escape(result.Message));
            }
            else
            {
                cli.Consoles.Error(result.Message);
            }

            return result.ExitCode;
        });
        return command;
    }

    internal static ChangeState? ParseState(string text) =>
        Enum.GetValues<ChangeState>().Cast<ChangeState?>().FirstOrDefault(s =>
            string.Equals(Kebab(s!.Value), text.Trim(), StringComparison.OrdinalIgnoreCase) || string.Equals(s.Value.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase));

    internal static string Kebab(ChangeState state) =>
        string.Concat(state.ToString().Select((ch, i) => char.IsUpper(ch) && i > 0 ? "-" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
