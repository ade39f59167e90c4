using System.CommandLine;
using Optimize.Cli.Hosting;
using Optimize.Cli.Output;
using Optimize.Policy;
using Spectre.Console;

namespace Optimize.Cli.Commands;

/// <summary><c>optimize policy validate|show-default|schema</c>.</summary>
internal static class PolicyCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "The policy file (JSON) to check." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON ({ valid, errors: [{ path, message }] })." };
        var validate = new Command("validate", "Check a policy file against the schema and the semantic rules; lists every problem with its JSON pointer (RFC 6901). Exits 2 when invalid.")
        {
            file, json,
        };
        validate.SetAction(parse => Validate(cli, parse.GetValue(file)!, parse.GetValue(json)));

        var showDefault = new Command("default", "Print the shipped default policy (recommend only), a starting point for your own.");
        showDefault.SetAction(_ =>
        {
            cli.Consoles.RawOut.WriteLine(PolicyWriter.ToJson(PolicyLoader.Default));
            return ExitCodes.Ok;
        });

        var schema = new Command("schema", "Print the policy JSON Schema (for editors: \"$schema\").");
        schema.SetAction(_ =>
        {
            cli.Consoles.RawOut.WriteLine(PolicyLoader.SchemaJson);
            return ExitCodes.Ok;
        });

        return new Command("policy", "Policy as code: validate a policy file, print the default or the schema.") { validate, showDefault, schema };
    }

    /// <summary>Loads <paramref name="file"/> or explains why not; null when invalid (errors already printed).</summary>
    public static OptimizePolicy? LoadOrReport(CliContext cli, FileInfo? file)
    {
        if (file is null)
        {
            return null;
        }

        var result = Load(file);
        if (result.IsValid)
        {
            return result.Policy;
        }

        cli.Consoles.Error($"policy {file.FullName} is invalid ({result.Errors.Count} problem(s)); nothing was run:");
        foreach (var e in result.Errors)
        {
            cli.Consoles.Err.MarkupLine($"  [red]{Markup.Escape(e.Where)}[/]: {Markup.Escape(e.Message)}");
        }

        return null;
    }

    private static int Validate(CliContext cli, FileInfo file, bool json)
    {
        var result = Load(file);
        if (json)
        {
            CliJson.Write(cli.Consoles.RawOut, new { valid = result.IsValid, file = file.FullName, errors = result.Errors });
        }
        else if (result.IsValid)
        {
            cli.Consoles.Out.MarkupLine($"[green]valid[/]: {Markup.Escape(file.FullName)}");
        }
        else
        {
            cli.Consoles.Out.MarkupLine($"[red]invalid[/]: {Markup.Escape(file.FullName)} ({result.Errors.Count} problem(s))");
            foreach (var e in result.Errors)
            {
                cli.Consoles.Out.MarkupLine($"  [red]{Markup.Escape(e.Where)}[/]: {Markup.Escape(e.Message)}");
            }
        }

        return result.IsValid ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    private static PolicyValidationResult Load(FileInfo file)
    {
        if (!file.Exists)
        {
            return PolicyValidationResult.Invalid([new PolicyError("", $"file not found: {file.FullName}")]);
        }

        return PolicyLoader.Load(File.ReadAllText(file.FullName));
    }
}
