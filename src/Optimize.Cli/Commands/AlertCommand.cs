using System.CommandLine;
using Optimize.Cli.Hosting;
using Optimize.Cli.Output;
using Optimize.Hosting;
using Optimize.Policy;
using Spectre.Console;

namespace Optimize.Cli.Commands;

/// <summary><c>optimize alert inspect</c>.</summary>
internal static class AlertCommand
{
    public static Command Create(CliContext cli)
    {
        var payload = new Argument<FileInfo>("payload") { Description = "An Azure Monitor alert payload (common alert schema, or the older metric-alert schema), as an action group posts it." };
        var policy = new Option<FileInfo?>("--policy") { Description = "Policy file (JSON). Default: the shipped default policy." };
        var json = new Option<bool>("--json") { Description = "Print the inspection as JSON." };
        var inspect = new Command("inspect", "Show what Optimize would do with an alert (schema, targets, matched scope and mode, the workflow it would start or why it would refuse), without calling Azure. Exits 2 when the payload cannot be parsed.")
        {
            payload, policy, json,
        };
        inspect.SetAction(parse =>
        {
            var file = parse.GetValue(payload)!;
            if (!file.Exists)
            {
                cli.Consoles.Error($"payload file not found: {file.FullName}");
                return ExitCodes.BadInput;
            }

            var loaded = parse.GetValue(policy) is { } p ? PolicyCommand.LoadOrReport(cli, p) : PolicyLoader.Default;
            if (loaded is null)
            {
                return ExitCodes.BadInput;
            }

            var result = AlertInspector.Inspect(File.ReadAllText(file.FullName), loaded);
            if (parse.GetValue(json))
            {
                CliJson.Write(cli.Consoles.RawOut, result);
            }
            else if (result.Error is not null)
            {
                cli.Consoles.Error($"cannot parse {file.Name}: {result.Error}");
            }
            else
            {
                var o = cli.Consoles.Out;
                o.MarkupLine($"schema: [bold]{Markup.Escape(result.Schema)}[/], {result.Targets.Count} target(s)");
                foreach (var t in result.Targets)
                {
                    o.MarkupLine($"[bold]{Markup.Escape(t.Signal.ResourceId)}[/]");
                    o.MarkupLine($"  rule {Markup.Escape(t.Signal.RuleName)} ({Markup.Escape(t.Signal.Severity)}, {(t.Signal.Fired ? "fired" : "resolved")} {t.Signal.FiredAt:u}): {Markup.Escape(t.Signal.Description)}");
                    o.MarkupLine($"  kind {t.Kind?.ToString() ?? "-"}, scope {Markup.Escape(t.Scope ?? "-")}, mode {t.Mode?.ToString().ToLowerInvariant() ?? "-"}");
                    o.MarkupLine($"  → [bold]{t.Action}[/]: {Markup.Escape(t.Reason)}");
                }
            }

            return result.Error is null ? ExitCodes.Ok : ExitCodes.BadInput;
        });
        return new Command("alert", "Alert tools.") { inspect };
    }
}
