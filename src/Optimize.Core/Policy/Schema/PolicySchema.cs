using System.Globalization;
using System.Text.Json;
using Json.Pointer;
using Json.Schema;

namespace Optimize.Policy.Schema;

/// <summary>
/// A JSON Schema (draft 2020-12) evaluated by JsonSchema.Net. Every violation becomes a <see cref="PolicyError"/> at
/// the JSON pointer of the value to fix, with a message that shows the offending value and what the schema expects
/// (looked up in the schema with JsonPointer.Net).
/// </summary>
internal sealed class PolicySchema
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };

    private readonly JsonSchema _schema;
    private readonly JsonElement _schemaRoot;

    private PolicySchema(JsonSchema schema, JsonElement schemaRoot)
    {
        _schema = schema;
        _schemaRoot = schemaRoot;
    }

    /// <summary>Parses and builds a schema document (its own registry, so the same <c>$id</c> may be built twice).</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    /// <exception cref="JsonSchemaException">The document is not a valid schema (a <c>$ref</c> that resolves nowhere, …).</exception>
    public static PolicySchema Parse(string schemaJson)
    {
        var root = JsonDocument.Parse(schemaJson).RootElement.Clone();
        var schema = JsonSchema.Build(root, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        return new PolicySchema(schema, root);
    }

    /// <summary>Every violation of the schema by <paramref name="instance"/>; empty when valid.</summary>
    public IReadOnlyList<PolicyError> Validate(JsonElement instance)
    {
        var results = _schema.Evaluate(instance, Options);
        if (results.IsValid)
        {
            return [];
        }

        var errors = new List<PolicyError>();
        foreach (var result in (results.Details ?? []).Prepend(results))
        {
            foreach (var (keyword, message) in result.Errors ?? new Dictionary<string, string>())
            {
                var at = result.InstanceLocation.ToString();
                var value = Resolve(instance, at) ?? instance;
                var subschema = Subschema(result.SchemaLocation.Fragment.TrimStart('#'), keyword);
                errors.AddRange(Explain(keyword, message, at, value, subschema, result.SchemaLocation));
            }
        }

        return errors.Distinct().ToList();
    }

    private IEnumerable<PolicyError> Explain(string keyword, string fallback, string at, JsonElement value, JsonElement? schema, Uri location)
    {
        var text = value.GetRawText();
        string? Keyword(string name) => schema is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty(name, out var v) ? v.GetRawText() : null;
        switch (keyword)
        {
            case "required" when schema?.TryGetProperty("required", out var required) == true && value.ValueKind == JsonValueKind.Object:
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
                {
                    yield return new(JsonPointers.Property(at, name), "is required");
                }

                yield break;
            case "" when location.Fragment.EndsWith("/additionalProperties", StringComparison.Ordinal):
                var parent = Resolve(_schemaRoot, location.Fragment.TrimStart('#')[..^"/additionalProperties".Length]);
                var allowed = parent?.TryGetProperty("properties", out var properties) == true ? string.Join(", ", properties.EnumerateObject().Select(p => p.Name)) : "none";
                var property = at[(at.LastIndexOf('/') + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                yield return new(at, $"property '{property}' is not allowed here (allowed: {allowed})");
                yield break;
            case "":
                yield return new(at, "is not allowed");
                yield break;
            case "enum":
                var options = schema?.GetProperty("enum").EnumerateArray().Select(o => o.GetRawText()) ?? [];
                yield return new(at, $"{text} is not one of {string.Join(", ", options)}");
                yield break;
            case "const":
                yield return new(at, $"must be {Keyword("const")}, not {text}");
                yield break;
            case "type":
                var type = schema?.GetProperty("type") is { ValueKind: JsonValueKind.Array } list ? string.Join(" or ", list.EnumerateArray().Select(t => t.GetString())) : schema?.GetProperty("type").GetString();
                yield return new(at, $"must be of type {type}, not {Describe(value)}");
                yield break;
            case "minimum":
                yield return new(at, $"{text} is below the minimum {Keyword("minimum")}");
                yield break;
            case "maximum":
                yield return new(at, $"{text} is above the maximum {Keyword("maximum")}");
                yield break;
            case "exclusiveMinimum":
                yield return new(at, $"{text} must be greater than {Keyword("exclusiveMinimum")}");
                yield break;
            case "minLength":
                yield return new(at, Keyword("minLength") == "1" ? "must not be empty" : $"must be at least {Keyword("minLength")} characters long");
                yield break;
            case "pattern":
                yield return new(at, schema?.TryGetProperty("description", out var description) == true && description.GetString() is { Length: > 0 } expected
                    ? $"{text} is not valid: expected {char.ToLowerInvariant(expected[0])}{expected[1..].TrimEnd('.')}"
                    : $"{text} does not match the pattern {Keyword("pattern")}");
                yield break;
            case "minItems" when value.ValueKind == JsonValueKind.Array:
                yield return new(at, string.Create(CultureInfo.InvariantCulture, $"must have at least {Keyword("minItems")} item(s), has {value.GetArrayLength()}"));
                yield break;
            case "uniqueItems" when value.ValueKind == JsonValueKind.Array:
                var items = value.EnumerateArray().ToList();
                for (var i = 0; i < items.Count; i++)
                {
                    if (items.FindIndex(0, i, other => JsonElement.DeepEquals(other, items[i])) is var first and >= 0)
                    {
                        yield return new(JsonPointers.Item(at, i), $"duplicates {JsonPointers.Item(at, first)} ({items[i].GetRawText()})");
                    }
                }

                yield break;
            default:
                yield return new(at, fallback);
                yield break;
        }
    }

    /// <summary>
    /// The schema object at <paramref name="fragment"/> that holds <paramref name="keyword"/>. JsonSchema.Net 8.0.5 reports
    /// an inline <c>items</c> schema as <c>…/severities/items/severities</c>, so trailing segments are dropped until the
    /// keyword is found.
    /// </summary>
    private JsonElement? Subschema(string fragment, string keyword)
    {
        for (var at = fragment; ; at = JsonPointers.Parent(at))
        {
            if (Resolve(_schemaRoot, at) is { ValueKind: JsonValueKind.Object } found && (keyword.Length == 0 || found.TryGetProperty(keyword, out _)))
            {
                return found;
            }

            if (at.Length == 0)
            {
                return Resolve(_schemaRoot, fragment);
            }
        }
    }

    /// <summary>The value at <paramref name="pointer"/> in <paramref name="root"/>, or null when there is none.</summary>
    private static JsonElement? Resolve(JsonElement root, string pointer) =>
        JsonPointer.TryParse(Uri.UnescapeDataString(pointer), out var parsed) ? parsed.Evaluate(root) : null;

    // The raw text decides integer or number, so no value is ever converted (1e400 is just "number 1e400").
    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => (value.GetRawText().TrimStart('-').All(char.IsAsciiDigit) ? "integer " : "number ") + value.GetRawText(),
        JsonValueKind.String => "string " + value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => "boolean " + value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };
}
