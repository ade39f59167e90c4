using System.Text.Json.Nodes;

namespace Optimize.Emulator.Contract;

/// <summary>Which side of an operation a schema checks: a request body refuses read-only properties, a response allows them.</summary>
internal enum SchemaDirection
{
    /// <summary>The client's body: <c>readOnly: true</c> properties are refused (the server sets them).</summary>
    Request,

    /// <summary>The server's body: read-only properties are part of it.</summary>
    Response,
}

/// <summary>
/// Converts a Swagger 2.0 schema of the pack into one self-contained JSON Schema (draft 2020-12) document for JsonSchema.Net:
/// <list type="bullet">
/// <item><c>$ref</c>s (local and cross-file, through <see cref="SpecIndex.Resolve"/>) become <c>$defs</c> entries named after the
/// definition (recursion is a <c>$ref</c> back to the entry); a <c>$ref</c> to something the pack did not copy (common-types, the
/// "unresolved_refs" of each file) accepts anything and is listed in <see cref="Unresolved"/>.</item>
/// <item><c>allOf</c> is flattened into one object (its members' properties and required merged), so that a closed object also
/// admits the properties of its bases.</item>
/// <item>A bare <c>type: object</c> (no properties, allOf or additionalProperties) is free-form JSON, as AutoRest reads it: Resource
/// Graph's <c>QueryResponse.data</c> is <c>"type": "object"</c> with the description "Query output in JObject array or Table
/// format.", and the default objectArray format is an array.</item>
/// <item>An object that declares properties and says nothing of <c>additionalProperties</c> is closed
/// (<c>additionalProperties: false</c>): a property the published schema does not have is refused (ContractMiddleware explains
/// the ARM grounds). An explicit <c>additionalProperties</c> is kept; an object without properties is free-form.</item>
/// <item>A property that is not <c>required</c> may be <c>null</c> (in both directions): the ARM RPC allows null for an absent
/// value (resource-api-reference.md, nextLink: "omit nextLink entirely (or set to null, *not* empty string)"), PATCH is JSON
/// merge-patch where null removes (same file, "Patch Resource": RFC 7396), and the published examples of these api-versions carry
/// such nulls (fixtures/arm/Microsoft.Insights/2022-10-01/patchAutoscaleSetting.json <c>scaleLookAheadTime: null</c>;
/// ListAvailableResourceSkus.json <c>nextLink: null</c>). A required property may be null only when <c>x-nullable: true</c>.</item>
/// <item>In a <see cref="SchemaDirection.Request"/>, a <c>readOnly: true</c> property becomes <c>false</c> (refused) and leaves
/// <c>required</c>.</item>
/// <item><c>discriminator</c>: the base requires the discriminator, limits it to the subtypes' values
/// (<c>x-ms-discriminator-value</c>, else the definition name) and applies the subtype that value selects
/// (<c>if</c>/<c>then</c>).</item>
/// <item><c>format: int32</c>/<c>int64</c> bound the integer; Swagger's boolean <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>
/// become numeric; <c>x-nullable: true</c> admits null.</item>
/// <item>An <c>enum</c> marked <c>x-ms-enum.modelAsString: true</c> is an extensible string and is not enforced: the spec lists
/// known values, not all (HardwareProfile.vmSize, 2023-07-01: "The enum data type is currently deprecated … The available VM
/// sizes depend on region"); <c>modelAsString: false</c> and plain enums are enforced. Every other <c>x-ms-*</c> and
/// <c>format</c> is ignored.</item>
/// </list>
/// </summary>
internal sealed class SwaggerSchema
{
    private static readonly string[] Copied = ["enum", "minimum", "maximum", "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "multipleOf"];

    private readonly SpecIndex _index;
    private readonly SchemaDirection _direction;
    private readonly JsonObject _defs = [];
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _unresolved = new(StringComparer.Ordinal);

    private SwaggerSchema(SpecIndex index, SchemaDirection direction)
    {
        _index = index;
        _direction = direction;
    }

    /// <summary>The <c>$ref</c>s met that the pack does not hold (accepted as anything).</summary>
    public IReadOnlyCollection<string> Unresolved => _unresolved;

    /// <summary>The JSON Schema document of <paramref name="schema"/> (read in <paramref name="document"/>) and its converter.</summary>
    public static (JsonObject Document, SwaggerSchema Converter) Convert(SpecIndex index, SpecDocument document, JsonObject schema, SchemaDirection direction)
    {
        var converter = new SwaggerSchema(index, direction);
        var root = converter.Node(schema, document);
        var result = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = converter._defs,
            ["allOf"] = new JsonArray(root),
        };
        return (result, converter);
    }

    private JsonNode Node(JsonObject schema, SpecDocument document)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return Reference(document, reference);
        }

        var result = IsObject(schema) ? ObjectSchema(schema, document) : ValueSchema(schema, document);
        return schema["x-nullable"]?.GetValue<bool>() == true ? new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, result) } : result;
    }

    private JsonNode Reference(SpecDocument from, string reference)
    {
        var (target, document) = _index.Resolve(from, reference);
        if (target is null)
        {
            _unresolved.Add($"{from.Name} -> {reference}");
            return true;
        }

        var identity = $"{document.Pack}|{document.Name}|{reference[(reference.IndexOf('#', StringComparison.Ordinal) + 1)..]}";
        if (!_keys.TryGetValue(identity, out var key))
        {
            var name = reference[(reference.LastIndexOf('/') + 1)..];
            key = _defs.ContainsKey(name) ? $"{name}~{_keys.Count}" : name;
            _keys[identity] = key;
            _defs[key] = true;
            _defs[key] = target["discriminator"]?.GetValue<string>() is { } discriminator
                ? Discriminated(document, name, discriminator)
                : Node(target, document);
        }

        return new JsonObject { ["$ref"] = "#/$defs/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal) };
    }

    private static bool IsObject(JsonObject schema) =>
        schema["type"]?.GetValue<string>() is "object" || (schema["type"] is null && (schema["properties"] is not null || schema["allOf"] is not null || schema["additionalProperties"] is not null));

    private JsonObject ObjectSchema(JsonObject schema, SpecDocument document)
    {
        if (schema["properties"] is null && schema["allOf"] is null && schema["additionalProperties"] is null)
        {
            return []; // a bare "type: object" is AutoRest's free-form "any" (QueryResponse.data: "Query output in JObject array or Table format.")
        }

        var properties = new Dictionary<string, (JsonObject Node, SpecDocument Document)>(StringComparer.Ordinal);
        var required = new List<string>();
        var (open, additional) = (false, ((JsonNode Node, SpecDocument Document)?)null);
        Gather(schema, document, properties, required, ref open, ref additional, []);

        var result = new JsonObject { ["type"] = "object" };
        var converted = new JsonObject();
        foreach (var (name, (node, from)) in properties)
        {
            converted[name] = _direction == SchemaDirection.Request && IsReadOnly(node, from) ? false
                : required.Contains(name, StringComparer.Ordinal) ? Node(node, from) : Nullable(Node(node, from));
        }

        if (converted.Count > 0)
        {
            result["properties"] = converted;
        }

        var kept = required.Distinct(StringComparer.Ordinal)
            .Where(r => !(_direction == SchemaDirection.Request && properties.TryGetValue(r, out var p) && IsReadOnly(p.Node, p.Document))).ToList();
        if (kept.Count > 0)
        {
            result["required"] = new JsonArray([.. kept.Select(r => JsonValue.Create(r))]);
        }

        if (additional is { } extra)
        {
            result["additionalProperties"] = extra.Node is JsonObject extraSchema ? Node(extraSchema, extra.Document) : extra.Node.DeepClone();
        }
        else if (!open && properties.Count > 0)
        {
            result["additionalProperties"] = false;
        }

        return result;
    }

    /// <summary>A non-required property may be null (see the class remarks); the null branch is <c>anyOf/0</c>, whose error the check drops.</summary>
    private static JsonNode Nullable(JsonNode schema) =>
        schema.GetValueKind() == System.Text.Json.JsonValueKind.True ? schema : new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, schema) };

    private void Gather(JsonObject schema, SpecDocument document, Dictionary<string, (JsonObject, SpecDocument)> properties, List<string> required,
        ref bool open, ref (JsonNode, SpecDocument)? additional, HashSet<JsonObject> visited)
    {
        if (!visited.Add(schema))
        {
            return;
        }

        foreach (var member in (schema["allOf"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var (target, from) = member["$ref"]?.GetValue<string>() is { } reference ? _index.Resolve(document, reference) : (member, document);
            if (target is null)
            {
                _unresolved.Add($"{document.Name} -> {member["$ref"]}");
                open = true;
                continue;
            }

            Gather(target, from, properties, required, ref open, ref additional, visited);
        }

        foreach (var (name, node) in schema["properties"] as JsonObject ?? [])
        {
            if (node is JsonObject property)
            {
                properties[name] = (property, document);
            }
        }

        required.AddRange((schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()));
        if (schema["additionalProperties"] is { } extra)
        {
            additional = (extra, document);
        }
    }

    private bool IsReadOnly(JsonObject property, SpecDocument document) =>
        property["readOnly"]?.GetValue<bool>() == true
        || (property["$ref"]?.GetValue<string>() is { } reference && _index.Resolve(document, reference).Node?["readOnly"]?.GetValue<bool>() == true);

    private JsonObject ValueSchema(JsonObject schema, SpecDocument document)
    {
        var result = new JsonObject();
        if (schema["type"]?.GetValue<string>() is { } type and not "file")
        {
            result["type"] = type;
        }

        var extensible = schema["x-ms-enum"]?["modelAsString"]?.GetValue<bool>() == true;
        foreach (var keyword in Copied)
        {
            if (schema[keyword] is { } value && !(keyword == "enum" && extensible))
            {
                result[keyword] = value.DeepClone();
            }
        }

        foreach (var (exclusive, bound) in new[] { ("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum") })
        {
            if (schema[exclusive]?.GetValue<bool>() == true && result[bound] is { } limit)
            {
                result.Remove(bound);
                result[exclusive] = limit.DeepClone();
            }
        }

        if (schema["type"]?.GetValue<string>() == "integer")
        {
            var (min, max) = schema["format"]?.GetValue<string>() switch
            {
                "int32" => ((long?)int.MinValue, (long?)int.MaxValue),
                "int64" => (long.MinValue, long.MaxValue),
                _ => (null, null),
            };
            result["minimum"] ??= min;
            result["maximum"] ??= max;
        }

        if (schema["items"] is JsonObject items)
        {
            result["items"] = Node(items, document);
        }

        return result;
    }

    private JsonObject Discriminated(SpecDocument document, string baseName, string discriminator)
    {
        var subtypes = (document.Root["definitions"] as JsonObject ?? [])
            .Where(d => d.Value?["allOf"] is JsonArray all && all.Any(m => m?["$ref"]?.GetValue<string>() == "#/definitions/" + baseName))
            .Select(d => (Value: d.Value!["x-ms-discriminator-value"]?.GetValue<string>() ?? d.Key, Name: d.Key))
            .ToList();
        var branches = new JsonArray();
        foreach (var (value, name) in subtypes)
        {
            branches.Add(new JsonObject
            {
                ["if"] = new JsonObject { ["properties"] = new JsonObject { [discriminator] = new JsonObject { ["const"] = value } }, ["required"] = new JsonArray(discriminator) },
                ["then"] = Reference(document, "#/definitions/" + name),
            });
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray(discriminator),
            ["properties"] = new JsonObject { [discriminator] = new JsonObject { ["enum"] = new JsonArray([.. subtypes.Select(s => JsonValue.Create(s.Value))]) } },
            ["allOf"] = branches,
        };
    }
}
