using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Optimize.Infra.Tests.Bicep;

/// <summary>
/// <c>infra/main.bicep</c> compiled to ARM JSON once per test run (<c>bicep build --stdout</c>), with helpers to find
/// resources in it and in the nested templates of its modules.
/// </summary>
internal static partial class CompiledTemplate
{
    private static readonly Lazy<(BicepCli.Run Run, JsonObject? Template)> Build = new(() =>
    {
        var run = BicepCli.Invoke("build", "infra/main.bicep", "--stdout");
        return (run, run.ExitCode == 0 ? JsonNode.Parse(run.StdOut)!.AsObject() : null);
    });

    /// <summary>The CLI run that produced the template.</summary>
    public static BicepCli.Run Run => Build.Value.Run;

    /// <summary>The compiled template; fails the test when the build failed.</summary>
    public static JsonObject Template =>
        Build.Value.Template ?? throw new InvalidOperationException("bicep build failed:\n" + Build.Value.Run.StdErr);

    /// <summary>The compiled template as text (for whole-template scans).</summary>
    public static string Text => Template.ToJsonString();

    /// <summary>Every template in the tree: the main one and each module's nested template.</summary>
    public static IEnumerable<JsonObject> AllTemplates()
    {
        var pending = new Stack<JsonObject>([Template]);
        while (pending.Count > 0)
        {
            var template = pending.Pop();
            yield return template;
            foreach (var resource in Resources(template))
            {
                if (resource["properties"]?["template"] is JsonObject nested)
                {
                    pending.Push(nested);
                }
            }
        }
    }

    /// <summary>Resources of <paramref name="type"/> (case-insensitive) in any template, each with its template; <c>existing</c> references excluded.</summary>
    public static IReadOnlyList<(JsonObject Template, JsonObject Resource)> Find(string type) =>
        [.. AllTemplates()
            .SelectMany(t => Resources(t).Select(r => (Template: t, Resource: r)))
            .Where(x => string.Equals((string?)x.Resource["type"], type, StringComparison.OrdinalIgnoreCase))
            .Where(x => x.Resource["existing"]?.GetValue<bool>() != true)];

    /// <summary>
    /// Follows <paramref name="value"/> through plain <c>[variables('name')]</c> expressions (loadJsonContent compiles
    /// to a chain of them) to the literal they stand for; any other value is returned unchanged.
    /// </summary>
    public static JsonNode? Resolve(JsonObject template, JsonNode? value)
    {
        for (var hop = 0; hop < 8; hop++)
        {
            if (value is not JsonValue v || !v.TryGetValue<string>(out var text) || VariableReference().Match(text) is not { Success: true } match)
            {
                return value;
            }

            value = template["variables"]?[match.Groups["name"].Value];
        }

        throw new InvalidOperationException("Variable chain longer than 8 hops.");
    }

    private static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    [GeneratedRegex(@"^\[variables\('(?<name>[^']+)'\)\]$")]
    private static partial Regex VariableReference();
}
