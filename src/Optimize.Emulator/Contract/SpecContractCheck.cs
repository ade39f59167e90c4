using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.AspNetCore.Http;

namespace Optimize.Emulator.Contract;

/// <summary>
/// <see cref="IContractCheck"/> over the Swagger fragments of the contract pack (<c>specs/*.json</c>, <c>specs/whole/*.json</c>):
/// request bodies against the operation's <c>in: body</c> parameter schema, response bodies against the schema of their status
/// (else <c>default</c>; an error status may instead carry ARM's own envelope, <see cref="ArmErrorEnvelope"/>), each converted once
/// by <see cref="SwaggerSchema"/> and evaluated by JsonSchema.Net 8.0.5.
/// </summary>
public sealed class SpecContractCheck : IContractCheck
{
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.Hierarchical };

    /// <summary>The index and compiled schemas of each specs folder read in this process (the specs are read and compiled once).</summary>
    private static readonly ConcurrentDictionary<string, Lazy<(SpecIndex Index, ConcurrentDictionary<string, Lazy<CompiledSchema?>> Compiled)>> Packs =
        new(StringComparer.Ordinal);

    private readonly SpecIndex _index;
    private readonly ConcurrentDictionary<string, Lazy<CompiledSchema?>> _compiled;
    private readonly ConcurrentDictionary<string, int> _checked = new(StringComparer.Ordinal);

    private SpecContractCheck(SpecIndex index, ConcurrentDictionary<string, Lazy<CompiledSchema?>> compiled, string source)
    {
        _index = index;
        _compiled = compiled;
        Source = source;
    }

    /// <inheritdoc />
    public string Source { get; }

    /// <summary>The operationIds the pack describes, ordinal order.</summary>
    public IReadOnlyList<string> OperationIds => [.. _index.Operations.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// The check of the pack at <paramref name="packDirectory"/> (the folder holding <c>specs/</c>), with its own
    /// <see cref="Checked"/> counts. The specs of a folder are read once per process and each schema compiled once, on first use.
    /// </summary>
    /// <exception cref="InvalidDataException">A spec file is not a Swagger document or an assembled fragment.</exception>
    public static SpecContractCheck Load(string packDirectory)
    {
        var specs = Path.GetFullPath(Path.Combine(packDirectory, "specs"));
        var pack = Packs.GetOrAdd(specs, folder => new(() => (SpecIndex.Load(folder), new ConcurrentDictionary<string, Lazy<CompiledSchema?>>(StringComparer.Ordinal))));
        try
        {
            return new SpecContractCheck(pack.Value.Index, pack.Value.Compiled, specs);
        }
        catch (InvalidDataException)
        {
            Packs.TryRemove(specs, out _);
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, int> Checked => new SortedDictionary<string, int>(_checked, StringComparer.Ordinal);

    /// <inheritdoc />
    public bool Knows(string operationId) => _index.Operations.ContainsKey(operationId);

    /// <inheritdoc />
    public string? OperationOf(string method, string path, string? apiVersion) => _index.Match(method, path, apiVersion)?.OperationId;

    /// <summary>The <c>$ref</c>s met while compiling <paramref name="operationId"/>'s schemas that the pack does not hold (so not checked).</summary>
    public IReadOnlyCollection<string> Unresolved(string operationId) =>
        [.. _compiled.Where(c => c.Key.StartsWith(operationId + "|", StringComparison.Ordinal) && c.Value.IsValueCreated && c.Value.Value is not null)
            .SelectMany(c => c.Value.Value!.Unresolved).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <inheritdoc />
    public IReadOnlyList<ContractViolation> CheckRequest(string operationId, JsonNode? body)
    {
        if (!_index.Operations.TryGetValue(operationId, out var op))
        {
            return [];
        }

        _checked.AddOrUpdate(operationId + " request", 1, static (_, n) => n + 1);
        var parameter = _index.Parameters(op).FirstOrDefault(p => p.Node["in"]?.GetValue<string>() == "body");
        if (parameter.Node is null)
        {
            return body is null or JsonObject { Count: 0 }
                ? []
                : [new ContractViolation(operationId, "request", "", $"{operationId} takes no request body; {Kind(body)} was sent")];
        }

        if (body is null)
        {
            return parameter.Node["required"]?.GetValue<bool>() == true
                ? [new ContractViolation(operationId, "request", "", $"the request body ('{parameter.Node["name"]}') of {operationId} is required")]
                : [];
        }

        var compiled = Compile(operationId + "|request", parameter.Document, parameter.Node["schema"] as JsonObject, SchemaDirection.Request);
        return compiled is null ? [] : Evaluate(compiled, operationId, "request", body);
    }

    /// <inheritdoc />
    public IReadOnlyList<ContractViolation> CheckResponse(string operationId, int status, JsonNode? body)
    {
        if (!_index.Operations.TryGetValue(operationId, out var op) || op.Operation["responses"] is not JsonObject responses)
        {
            return [];
        }

        _checked.AddOrUpdate($"{operationId} {status}", 1, static (_, n) => n + 1);
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = responses[key] as JsonObject ?? responses["default"] as JsonObject;
        if (response?["schema"] is not JsonObject schema)
        {
            return [];
        }

        if (body is null)
        {
            // A 202 carries no body however the spec draws it (async-api-reference.md: "The 202 Accepted should return no response body").
            return status == StatusCodes.Status202Accepted ? [] : [new ContractViolation(operationId, "response", "", $"the {status} response of {operationId} has a schema but no body was sent")];
        }

        var compiled = Compile($"{operationId}|{(responses[key] is null ? "default" : key)}", op.Document, schema, SchemaDirection.Response);
        var violations = compiled is null ? [] : Evaluate(compiled, operationId, "response", body);
        return violations.Count > 0 && status >= 400 && ArmErrorEnvelope.Matches(body) ? [] : violations;
    }

    private CompiledSchema? Compile(string key, SpecDocument document, JsonObject? schema, SchemaDirection direction) =>
        schema is null ? null : _compiled.GetOrAdd(key, _ => new Lazy<CompiledSchema?>(() =>
        {
            var (root, converter) = SwaggerSchema.Convert(_index, document, schema, direction);
            using var parsed = JsonDocument.Parse(root.ToJsonString());
            var element = parsed.RootElement.Clone();
            return new CompiledSchema(JsonSchema.Build(element, new BuildOptions { SchemaRegistry = new SchemaRegistry() }), root, converter.Unresolved);
        })).Value;

    private static List<ContractViolation> Evaluate(CompiledSchema compiled, string operationId, string direction, JsonNode body)
    {
        using var instance = JsonDocument.Parse(body.ToJsonString());
        var results = compiled.Schema.Evaluate(instance.RootElement, Evaluation);
        if (results.IsValid)
        {
            return [];
        }

        var violations = new List<ContractViolation>();
        Collect(results, compiled, operationId, direction, violations);
        return [.. violations.Distinct()];
    }

    /// <summary>
    /// The errors of an invalid node and of its invalid children. A valid node's subtree is skipped: the failing branches of a
    /// passing <c>anyOf</c> (a null where a property may be null) or <c>if</c> are not violations.
    /// </summary>
    private static void Collect(EvaluationResults result, CompiledSchema compiled, string operationId, string direction, List<ContractViolation> violations)
    {
        if (result.IsValid)
        {
            return;
        }

        foreach (var (keyword, message) in result.Errors ?? new Dictionary<string, string>())
        {
            if (keyword == "type" && result.EvaluationPath.ToString().EndsWith("/anyOf/0", StringComparison.Ordinal))
            {
                continue; // the null branch of a nullable property (SwaggerSchema.Nullable): the other branch's errors say what is wrong
            }

            var pointer = result.InstanceLocation.ToString();
            violations.Add(new ContractViolation(operationId, direction, pointer, Explain(compiled, keyword, message, pointer, result.SchemaLocation.Fragment)));
        }

        foreach (var child in result.Details ?? [])
        {
            Collect(child, compiled, operationId, direction, violations);
        }
    }

    /// <summary>A reviewer's sentence for one JsonSchema.Net error (keyword "" is a <c>false</c> schema: closed object or read-only).</summary>
    private static string Explain(CompiledSchema compiled, string keyword, string message, string pointer, string fragment)
    {
        var path = Dotted(pointer);
        var definition = DefinitionOf(fragment);
        // JsonSchema.Net 8.0.5 reports a false additionalProperties at ".../additionalProperties" followed by the $defs entry's name.
        var extra = fragment.LastIndexOf("/additionalProperties", StringComparison.Ordinal);
        if (keyword.Length == 0 && extra >= 0 && !fragment[extra..].Contains("/properties/", StringComparison.Ordinal))
        {
            var parent = Lookup(compiled.Root, Uri.UnescapeDataString(fragment[..extra].TrimStart('#')));
            var allowed = parent?["properties"] is JsonObject properties ? string.Join(", ", properties.Select(p => p.Key)) : "none";
            return $"'{path}' is not a property of {definition} (it has: {allowed})";
        }

        return keyword.Length == 0
            ? $"'{path}' is read-only in {definition} (readOnly: true): the server sets it, a request may not"
            : $"'{(path.Length == 0 ? "(body)" : path)}' does not match {definition}: {message}";
    }

    /// <summary><c>/properties/sku/name</c> → <c>properties.sku.name</c> (array indices as <c>[i]</c>).</summary>
    internal static string Dotted(string pointer) =>
        string.Concat(pointer.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            .Select((p, i) => p.All(char.IsAsciiDigit) ? $"[{p}]" : (i == 0 ? p : "." + p)));

    private static string DefinitionOf(string fragment)
    {
        var at = fragment.LastIndexOf("/$defs/", StringComparison.Ordinal);
        if (at < 0)
        {
            return "the body schema";
        }

        var name = fragment[(at + "/$defs/".Length)..];
        var end = name.IndexOf('/', StringComparison.Ordinal);
        return end < 0 ? name : name[..end];
    }

    private static JsonNode? Lookup(JsonNode root, string pointer)
    {
        JsonNode? node = root;
        foreach (var part in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node switch
            {
                JsonObject o => o[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)],
                JsonArray a when int.TryParse(part, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return node;
    }

    private static string Kind(JsonNode body) => body switch
    {
        JsonObject => "an object",
        JsonArray => "an array",
        _ => "a value",
    };

    private sealed record CompiledSchema(JsonSchema Schema, JsonObject Root, IReadOnlyCollection<string> Unresolved);
}
