using System.Text.Json;
using System.Text.RegularExpressions;

namespace Optimize.Policy.Schema;

/// <summary>One compiled (sub)schema: the keywords <see cref="JsonSchemaValidator"/> supports, parsed once.</summary>
internal sealed class SchemaNode
{
    /// <summary>Keywords that constrain an instance.</summary>
    public static readonly IReadOnlySet<string> AssertionKeywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "enum", "const", "minimum", "maximum",
        "exclusiveMinimum", "minLength", "pattern", "items", "minItems", "uniqueItems", "$ref", "$defs",
    };

    /// <summary>Keywords that only annotate (ignored when validating).</summary>
    public static readonly IReadOnlySet<string> AnnotationKeywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "title", "description", "default", "examples",
    };

    private static readonly HashSet<string> TypeNames = new(StringComparer.Ordinal)
    {
        "object", "array", "string", "number", "integer", "boolean", "null",
    };

    /// <summary>A boolean schema (<c>true</c> accepts anything, <c>false</c> nothing), or null for an object schema.</summary>
    public bool? Constant { get; private init; }

    public IReadOnlyList<string>? Types { get; private init; }

    public IReadOnlyDictionary<string, SchemaNode> Properties { get; private init; } = new Dictionary<string, SchemaNode>();

    public IReadOnlyList<string> Required { get; private init; } = [];

    public SchemaNode? AdditionalProperties { get; private init; }

    public IReadOnlyList<JsonElement>? Enum { get; private init; }

    public JsonElement? Const { get; private init; }

    public decimal? Minimum { get; private init; }

    public decimal? Maximum { get; private init; }

    public decimal? ExclusiveMinimum { get; private init; }

    public int? MinLength { get; private init; }

    public Regex? Pattern { get; private init; }

    /// <summary>The schema's <c>description</c>, used to explain a pattern mismatch in words.</summary>
    public string? Description { get; private init; }

    public SchemaNode? Items { get; private init; }

    public int? MinItems { get; private init; }

    public bool UniqueItems { get; private init; }

    /// <summary>Name of the <c>$defs</c> entry referenced (only <c>#/$defs/name</c> is supported).</summary>
    public string? Ref { get; private init; }

    /// <summary>Compiles <paramref name="schema"/>; throws on anything the validator cannot enforce.</summary>
    /// <param name="schema">The schema element.</param>
    /// <param name="path">Its location in the schema document, for error messages.</param>
    /// <param name="defs">Receives every <c>$defs</c> entry found.</param>
    /// <exception cref="NotSupportedException">An unsupported keyword or keyword form.</exception>
    public static SchemaNode Compile(JsonElement schema, string path, IDictionary<string, SchemaNode> defs)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return new SchemaNode { Constant = schema.ValueKind == JsonValueKind.True };
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw Unsupported(path, $"a schema must be an object or a boolean, not {schema.ValueKind}");
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (!AssertionKeywords.Contains(keyword.Name) && !AnnotationKeywords.Contains(keyword.Name))
            {
                throw Unsupported(path, $"keyword '{keyword.Name}' is not supported by this validator");
            }
        }

        if (schema.TryGetProperty("$defs", out var defsElement))
        {
            foreach (var def in defsElement.EnumerateObject())
            {
                defs[def.Name] = Compile(def.Value, $"{path}/$defs/{def.Name}", defs);
            }
        }

        return new SchemaNode
        {
            Types = schema.TryGetProperty("type", out var type) ? ReadTypes(type, path) : null,
            Properties = schema.TryGetProperty("properties", out var props)
                ? props.EnumerateObject().ToDictionary(p => p.Name, p => Compile(p.Value, $"{path}/properties/{p.Name}", defs), StringComparer.Ordinal)
                : new Dictionary<string, SchemaNode>(),
            Required = schema.TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(r => r.GetString()!)] : [],
            AdditionalProperties = schema.TryGetProperty("additionalProperties", out var additional)
                ? Compile(additional, $"{path}/additionalProperties", defs)
                : null,
            Enum = schema.TryGetProperty("enum", out var values) ? [.. values.EnumerateArray().Select(v => v.Clone())] : null,
            Const = schema.TryGetProperty("const", out var constant) ? constant.Clone() : null,
            Minimum = schema.TryGetProperty("minimum", out var min) ? min.GetDecimal() : null,
            Maximum = schema.TryGetProperty("maximum", out var max) ? max.GetDecimal() : null,
            ExclusiveMinimum = schema.TryGetProperty("exclusiveMinimum", out var xmin) ? xmin.GetDecimal() : null,
            MinLength = schema.TryGetProperty("minLength", out var minLength) ? minLength.GetInt32() : null,
            Pattern = schema.TryGetProperty("pattern", out var pattern)
                ? new Regex(pattern.GetString()!, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
                : null,
            Description = schema.TryGetProperty("description", out var description) ? description.GetString() : null,
            Items = schema.TryGetProperty("items", out var items) ? Compile(items, $"{path}/items", defs) : null,
            MinItems = schema.TryGetProperty("minItems", out var minItems) ? minItems.GetInt32() : null,
            UniqueItems = schema.TryGetProperty("uniqueItems", out var unique) && unique.GetBoolean(),
            Ref = schema.TryGetProperty("$ref", out var reference) ? ReadRef(reference, path) : null,
        };
    }

    private static string[] ReadTypes(JsonElement type, string path)
    {
        string[] names = type.ValueKind == JsonValueKind.Array
            ? [.. type.EnumerateArray().Select(t => t.GetString()!)]
            : [type.GetString()!];
        foreach (var name in names)
        {
            if (!TypeNames.Contains(name))
            {
                throw Unsupported(path, $"type '{name}' is not a JSON Schema type");
            }
        }

        return names;
    }

    private static string ReadRef(JsonElement reference, string path)
    {
        const string prefix = "#/$defs/";
        var value = reference.GetString() ?? string.Empty;
        return value.StartsWith(prefix, StringComparison.Ordinal) && value.Length > prefix.Length && !value[prefix.Length..].Contains('/', StringComparison.Ordinal)
            ? value[prefix.Length..]
            : throw Unsupported(path, $"$ref '{value}' is not supported (only '#/$defs/<name>')");
    }

    private static NotSupportedException Unsupported(string path, string message) =>
        new($"Schema at '{(path.Length == 0 ? "#" : path)}': {message}.");
}
