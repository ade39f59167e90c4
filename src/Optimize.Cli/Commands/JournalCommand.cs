using System.CommandLine;
using Optimize.Cli.Hosting;
using Optimize.Policy.Serialization;
using Spectre.Console;

namespace Optimize.Cli.Commands;

/// <summary><c>optimize journal purge</c>: retention by hand (the nightly pass also purges).</summary>
internal static class JournalCommand
{
    public static Command Create(CliContext cli)
    {
        var olderThan = new Option<string>("--older-than")
        {
            Description = "Delete passes, decisions and finished changes older than this (e.g. 400d, 12h, P30D). Changes still active are never deleted.",
            Required = true,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be deleted; delete nothing." };
        var yes = new Option<bool>("--yes") { Description = "Delete without asking. Required when standard input is not a terminal (scripts, CI)." };
        var journal = JournalOptions.Connection();
        var purge = new Command("purge", "Delete journal entries older than a duration (asks first; --dry-run counts them).") { olderThan, dryRun, yes, journal };
        purge.SetAction(async (parse, ct) =>
        {
            TimeSpan age;
            try
            {
                age = DurationJsonConverter.Parse(parse.GetValue(olderThan)!);
            }
            catch (FormatException ex)
            {
                cli.Consoles.Error("--older-than: " + ex.Message);
                return ExitCodes.BadInput;
            }

            var confirmed = parse.GetValue(yes);
            if (!parse.GetValue(dryRun) && !confirmed && !cli.StdinIsTerminal)
            {
                cli.Consoles.Error("journal purge deletes for good and standard input is not a terminal to ask: pass --yes to delete, or --dry-run to count first. Nothing was deleted.");
                return ExitCodes.BadInput;
            }

            await using var handle = await cli.Journals.OpenAsync(new JournalRequest { Connection = parse.GetValue(journal), ForHistory = true }, ct);
            if (handle is null)
            {
                return ExitCodes.Failed;
            }

            var cutoff = DateTimeOffset.UtcNow - age;
            var where = handle.Journal.Description;
            var preview = await PurgePreview.CountAsync(handle.Journal, cutoff, ct);
            if (parse.GetValue(dryRun))
            {
                cli.Consoles.Out.MarkupLine($"would delete {preview.Describe()} older than {cutoff:u} from {Markup.Escape(where)}{preview.Kept()}; nothing deleted (dry run)");
                return ExitCodes.Ok;
            }

            if (!confirmed)
            {
                cli.Consoles.Err.Markup($"Delete {preview.Describe()} older than {cutoff:u} from {Markup.Escape(where)}{preview.Kept()}? [[y/N]] ");
                var answer = (await cli.Stdin.ReadLineAsync(ct))?.Trim();
                if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
                {
                    cli.Consoles.Error("not confirmed: nothing was deleted.");
                    return ExitCodes.Failed;
                }
            }

            var deleted = await handle.Journal.PurgeAsync(cutoff, ct);
            cli.Consoles.Out.MarkupLine($"purged {preview.Describe()} ({deleted} table rows, index rows included) older than {cutoff:u} from {Markup.Escape(where)}{preview.Kept()}");
            return ExitCodes.Ok;
        });
        return new Command("journal", "Journal maintenance.") { purge };
    }
}
