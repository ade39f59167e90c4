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
        var journal = JournalOptions.Connection();
        var purge = new Command("purge", "Delete journal entries older than a duration.") { olderThan, journal };
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

            await using var handle = await cli.Journals.OpenAsync(new JournalRequest { Connection = parse.GetValue(journal), ForHistory = true }, ct);
            if (handle is null)
            {
                return ExitCodes.Failed;
            }

            var cutoff = DateTimeOffset.UtcNow - age;
            var deleted = await handle.Journal.PurgeAsync(cutoff, ct);
            cli.Consoles.Out.MarkupLine($"purged {deleted} entities older than {cutoff:u} from {Markup.Escape(handle.Journal.Description)}");
            return ExitCodes.Ok;
        });
        return new Command("journal", "Journal maintenance.") { purge };
    }
}
