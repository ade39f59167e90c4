using System.Globalization;
using System.Text.Json;

namespace Optimize.Policy.Schema;

/// <summary>
/// A small JSON Schema (draft 2020-12) validator for exactly the keywords Optimize's policy schema uses: <c>type</c>,
/// <c>properties</c>, <c>required</c>, <c>additionalProperties</c>, <c>enum</c>, <c>const</c>, <c>minimum</c>,
/// <c>maximum</c>, <c>exclusiveMinimum</c>, <c>minLength</c>, <c>pattern</c>, <c>items</c>, <c>minItems</c>,
/// <c>uniqueItems</c> and <c>$ref</c> to <c>#/$defs/…</c> (annotations such as <c>description</c> are ignored).
/// Any other keyword makes the constructor throw, so the schema cannot silently outgrow the validator.
/// Validation reports every violation, each with its JSON path.
/// </summary>
public sealed class JsonSchemaValidator
{
    private readonly SchemaNode _root;
    private readonly Dictionary<string, SchemaNode> _defs = new(StringComparer.Ordinal);

    /// <summary>Compiles <paramref name="schema"/>.</summary>
    /// <exception cref="NotSupportedException">The schema uses a keyword or form this validator does not enforce.</exception>
    /// <exception cref="InvalidOperationException">A <c>$ref</c> names a missing <c>$defs</c> entry.</exception>
    public JsonSchemaValidator(JsonElement schema)
    {
        _root = SchemaNode.Compile(schema, "#", _defs);
        foreach (var node in _defs.Values.Append(_root).SelectMany(Descendants))
        {
            if (node.Ref is { } name && !_defs.ContainsKey(name))
            {
                throw new InvalidOperationException($"Schema $ref '#/$defs/{name}' names no $defs entry.");
            }
        }
    }

    /// <summary>Parses and compiles a schema document.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    /// <exception cref="NotSupportedException">The schema uses a keyword this validator does not enforce.</exception>
    public static JsonSchemaValidator Parse(string schemaJson)
    {
        using var document = JsonDocument.Parse(schemaJson);
        return new JsonSchemaValidator(document.RootElement);
    }

    /// <summary>Every violation of the schema by <paramref name="instance"/>, in document order; empty when valid.</summary>
    public IReadOnlyList<PolicyError> Validate(JsonElement instance)
    {
        var errors = new List<PolicyError>();
        Validate(_root, instance, JsonPaths.Root, errors);
        return errors;
    }

    private static IEnumerable<SchemaNode> Descendants(SchemaNode node) =>
        new[] { node }
            .Concat(node.Properties.Values.SelectMany(Descendants))
            .Concat(node.AdditionalProperties is { } a ? Descendants(a) : [])
            .Concat(node.Items is { } i ? Descendants(i) : []);

    private void Validate(SchemaNode schema, JsonElement value, string path, List<PolicyError> errors)
    {
        if (schema.Constant is { } accept)
        {
            if (!accept)
            {
                errors.Add(new(path, "is not allowed"));
            }

            return;
        }

        if (schema.Ref is { } name)
        {
            Validate(_defs[name], value, path, errors);
        }

        if (schema.Types is { } types && !types.Any(t => IsOfType(value, t)))
        {
            errors.Add(new(path, $"must be of type {string.Join(" or ", types)}, not {Describe(value)}"));
            return;
        }

        if (schema.Const is { } constant && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add(new(path, $"must be {constant.GetRawText()}, not {value.GetRawText()}"));
        }

        if (schema.Enum is { } options && !options.Any(o => JsonElement.DeepEquals(o, value)))
        {
            errors.Add(new(path, $"{value.GetRawText()} is not one of {string.Join(", ", options.Select(o => o.GetRawText()))}"));
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                ValidateNumber(schema, value, path, errors);
                break;
            case JsonValueKind.String:
                ValidateString(schema, value.GetString()!, path, errors);
                break;
            case JsonValueKind.Object:
                ValidateObject(schema, value, path, errors);
                break;
            case JsonValueKind.Array:
                ValidateArray(schema, value, path, errors);
                break;
        }
    }

    private static void ValidateNumber(SchemaNode schema, JsonElement value, string path, List<PolicyError> errors)
    {
        var number = value.TryGetDecimal(out var d) ? d : (decimal)Math.Clamp(value.GetDouble(), (double)decimal.MinValue, (double)decimal.MaxValue);
        var text = value.GetRawText();
        if (schema.Minimum is { } min && number < min)
        {
            errors.Add(new(path, $"{text} is below the minimum {Format(min)}"));
        }

        if (schema.Maximum is { } max && number > max)
        {
            errors.Add(new(path, $"{text} is above the maximum {Format(max)}"));
        }

        if (schema.ExclusiveMinimum is { } xmin && number <= xmin)
        {
            errors.Add(new(path, $"{text} must be greater than {Format(xmin)}"));
        }
    }

    private static void ValidateString(SchemaNode schema, string value, string path, List<PolicyError> errors)
    {
        if (schema.MinLength is { } minLength && value.EnumerateRunes().Count() < minLength)
        {
            errors.Add(new(path, minLength == 1 ? "must not be empty" : $"must be at least {minLength} characters long"));
        }

        if (schema.Pattern is { } pattern && !pattern.IsMatch(value))
        {
            errors.Add(new(path, schema.Description is { } expected
                ? $"\"{value}\" is not valid: expected {char.ToLowerInvariant(expected[0])}{expected[1..].TrimEnd('.')}"
                : $"\"{value}\" does not match the pattern {pattern}"));
        }
    }

    private void ValidateObject(SchemaNode schema, JsonElement value, string path, List<PolicyError> errors)
    {
        foreach (var required in schema.Required)
        {
            if (!value.TryGetProperty(required, out _))
            {
                errors.Add(new(JsonPaths.Property(path, required), "is required"));
            }
        }

        foreach (var property in value.EnumerateObject())
        {
            var propertyPath = JsonPaths.Property(path, property.Name);
            if (schema.Properties.TryGetValue(property.Name, out var propertySchema))
            {
                Validate(propertySchema, property.Value, propertyPath, errors);
            }
            else if (schema.AdditionalProperties is { Constant: false })
            {
                var known = string.Join(", ", schema.Properties.Keys);
                errors.Add(new(propertyPath, $"property '{property.Name}' is not allowed here (allowed: {known})"));
            }
            else if (schema.AdditionalProperties is { } additional)
            {
                Validate(additional, property.Value, propertyPath, errors);
            }
        }
    }

    private void ValidateArray(SchemaNode schema, JsonElement value, string path, List<PolicyError> errors)
    {
        var items = value.EnumerateArray().ToList();
        if (schema.MinItems is { } minItems && items.Count < minItems)
        {
            errors.Add(new(path, string.Create(CultureInfo.InvariantCulture, $"must have at least {minItems} item(s), has {items.Count}")));
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (schema.UniqueItems && items.FindIndex(0, i, other => JsonElement.DeepEquals(other, items[i])) is var first and >= 0)
            {
                errors.Add(new(JsonPaths.Item(path, i), string.Create(CultureInfo.InvariantCulture, $"duplicates item [{first}] ({items[i].GetRawText()})")));
            }

            if (schema.Items is { } itemSchema)
            {
                Validate(itemSchema, items[i], JsonPaths.Item(path, i), errors);
            }
        }
    }

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && IsInteger(value),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };

    private static bool IsInteger(JsonElement value) =>
        value.TryGetDecimal(out var d) ? decimal.Truncate(d) == d : Math.Floor(value.GetDouble()) == value.GetDouble();

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => IsInteger(value) ? "integer " + value.GetRawText() : "number " + value.GetRawText(),
        JsonValueKind.String => "string " + value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => "boolean " + value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Format(decimal number) => number.ToString(CultureInfo.InvariantCulture);
}
