using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Optimize.Policy.Serialization;

namespace Optimize.Policy.Schema;

/// <summary>What <see cref="PolicyReader.Read"/> made of a document.</summary>
internal sealed record PolicyReading
{
    /// <summary>The policy read from the document without the values that were removed; null when it could not be read.</summary>
    public OptimizePolicy? Policy { get; init; }

    /// <summary>Pointers of the values removed before reading (their defaults took their place).</summary>
    public IReadOnlyList<string> Removed { get; init; } = [];

    /// <summary>Values the serializer refused that no schema error explained.</summary>
    public IReadOnlyList<PolicyError> Errors { get; init; } = [];
}

/// <summary>
/// Reads a policy from a document that may have schema errors, so the semantic checks can run in the same pass: each
/// value the schema refused is removed (its default takes its place), then the rest is deserialized; a value the
/// serializer still refuses is removed in turn and reported. A kind object keeps the defaults of the fields it omits. Removal keeps array indices (an object property is
/// removed, never one array item), so every later pointer still names the user's value.
/// </summary>
internal static class PolicyReader
{
    private const int MaxAttempts = 64;

    // Each kind's shipped settings as JSON: a kind object in the file keeps the defaults of the fields it leaves out.
    private static readonly Lazy<JsonObject> DefaultKinds = new(() => JsonNode.Parse(PolicyWriter.ToJson(new OptimizePolicy()))!["kinds"]!.AsObject());

    /// <summary>Reads <paramref name="root"/>, first removing the values at <paramref name="schemaErrors"/>.</summary>
    public static PolicyReading Read(JsonElement root, IReadOnlyList<PolicyError> schemaErrors)
    {
        if (JsonSerializer.SerializeToNode(root) is not JsonObject document)
        {
            return new PolicyReading();
        }

        var removed = new List<string>();
        foreach (var pointer in schemaErrors.Select(e => e.Path).Distinct(StringComparer.Ordinal))
        {
            Remove(document, pointer, removed);
        }

        FillKindDefaults(document);
        var errors = new List<PolicyError>();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            try
            {
                return new PolicyReading { Policy = document.Deserialize<OptimizePolicy>(PolicyJson.Options), Removed = removed, Errors = errors };
            }
            catch (JsonException e)
            {
                var at = JsonPointers.FromJsonPath(e.Path);
                if (!schemaErrors.Any(s => JsonPointers.IsAtOrUnder(at, s.Path) || JsonPointers.IsAtOrUnder(s.Path, at)))
                {
                    errors.Add(new(at, Explain(e.Message)));
                }

                while (!Remove(document, at, removed))
                {
                    if (at.Length == 0)
                    {
                        return new PolicyReading { Removed = removed, Errors = errors };
                    }

                    at = JsonPointers.Parent(at);
                }
            }
        }

        return new PolicyReading { Removed = removed, Errors = errors };
    }

    /// <summary>
    /// Gives every kind object the shipped value of each field it leaves out (its kind's guards, <c>p99</c> for Function
    /// Apps), so <c>{ "targetCpuPercent": 60 }</c> changes one field rather than dropping the default guards.
    /// </summary>
    private static void FillKindDefaults(JsonObject document)
    {
        if (document["kinds"] is not JsonObject kinds)
        {
            return;
        }

        foreach (var (name, node) in kinds.ToList())
        {
            if (node is JsonObject kind && DefaultKinds.Value[name] is JsonObject defaults)
            {
                foreach (var (property, value) in defaults.Where(d => !kind.ContainsKey(d.Key)).ToList())
                {
                    kind[property] = value?.DeepClone();
                }
            }
        }
    }

    /// <summary>
    /// Removes the object property holding the value at <paramref name="pointer"/> (the value itself, or the nearest
    /// ancestor that is an object property when the value is an array item); false when there is no such value.
    /// </summary>
    private static bool Remove(JsonObject document, string pointer, List<string> removed)
    {
        var segments = pointer.Split('/').Skip(1).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        JsonNode? node = document;
        (JsonObject Owner, string Name, int Depth)? target = null;
        for (var depth = 0; depth < segments.Count; depth++)
        {
            switch (node)
            {
                case JsonObject obj when obj.TryGetPropertyValue(segments[depth], out var child):
                    target = (obj, segments[depth], depth);
                    node = child;
                    break;
                case JsonArray array when int.TryParse(segments[depth], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count:
                    node = array[index];
                    break;
                default:
                    return false;
            }
        }

        if (target is not { } t)
        {
            return false;
        }

        t.Owner.Remove(t.Name);
        removed.Add(string.Concat(segments.Take(t.Depth + 1).Select(s => JsonPointers.Property(string.Empty, s))));
        return true;
    }

    private static string Explain(string message)
    {
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            message = cut > 0 ? message[..cut] : message;
        }

        // The serializer names .NET types ("could not be converted to System.Int32"); say what it means instead.
        return message.Contains("could not be converted to", StringComparison.Ordinal) ? "is out of range or of the wrong type for this field" : message;
    }
}
