using System.Globalization;
using System.Text.Json;
using Optimize.Policy.Schema;
using Optimize.Policy.Serialization;

namespace Optimize.Policy;

/// <summary>
/// Loads policy files: parse → JSON Schema validation by JsonSchema.Net and semantic checks, in one pass that lists
/// every violation of both in document order, each with the JSON pointer of the value to fix. Expected problems come back as a <see cref="PolicyValidationResult"/>,
/// never as exceptions. Comments and trailing commas are allowed in the file.
/// </summary>
public static class PolicyLoader
{
    private const string SchemaResource = "Optimize.Policy.policy.schema.json";
    private const string DefaultResource = "Optimize.Policy.default-policy.json";

    /// <summary>The policy JSON Schema (draft 2020-12) embedded in this assembly.</summary>
    public static string SchemaJson { get; } = ReadResource(SchemaResource);

    private static readonly Lazy<PolicySchema> Schema = new(() => PolicySchema.Parse(SchemaJson));
    private static readonly Lazy<OptimizePolicy> DefaultPolicy = new(() => Load(ReadResource(DefaultResource)).GetPolicyOrThrow());

    /// <summary>The shipped default policy (embedded <c>default-policy.json</c>): recommend only, everything in scope.</summary>
    /// <exception cref="InvalidOperationException">The embedded default is invalid (a build defect).</exception>
    public static OptimizePolicy Default => DefaultPolicy.Value;

    /// <summary>Loads a policy from JSON text.</summary>
    /// <param name="json">The policy file's content.</param>
    /// <returns>The policy, or every error found. Malformed JSON yields one error with its line and position.</returns>
    public static PolicyValidationResult Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, PolicyJson.DocumentOptions);
        }
        catch (JsonException e)
        {
            var where = string.Create(CultureInfo.InvariantCulture, $"line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}");
            return PolicyValidationResult.Invalid([new(JsonPointers.Root, $"malformed JSON at {where}: {FirstSentence(e.Message)}")]);
        }

        using (document)
        {
            var schemaErrors = Schema.Value.Validate(document.RootElement);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return PolicyValidationResult.Invalid(schemaErrors.Count > 0 ? schemaErrors : [new(JsonPointers.Root, "must be an object")]);
            }

            // Schema and semantic checks in one pass: the values the schema refused are left out (their defaults
            // stand in), the rest is read and checked. A semantic error on or beside a value left out is not
            // reported, as it could come from the stand-in default rather than from the file.
            var reading = PolicyReader.Read(document.RootElement, schemaErrors);
            var errors = new List<PolicyError>(schemaErrors);
            errors.AddRange(reading.Errors);
            if (reading.Policy is { } read)
            {
                errors.AddRange(PolicySemantics.Check(read).Where(e => !errors.Any(s => s.Path == e.Path) && !NearRemoved(e.Path, reading.Removed)));
            }

            errors = DocumentOrder.Sort(document.RootElement, errors);
            return errors.Count == 0 && reading.Policy is { } policy
                ? PolicyValidationResult.Valid(policy)
                : PolicyValidationResult.Invalid(errors.Count > 0 ? errors : [new(JsonPointers.Root, "cannot be read as a policy")]);
        }
    }

    /// <summary>Loads a policy file.</summary>
    /// <param name="path">Path of the JSON file.</param>
    /// <returns>The policy, or every error found; a missing or unreadable file yields one error naming it.</returns>
    public static PolicyValidationResult LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            return PolicyValidationResult.Invalid([new(JsonPointers.Root, $"cannot read policy file '{path}': {e.Message}")]);
        }

        return Load(json);
    }

    /// <summary>Validates a policy built in code (schema and semantic checks, as if it were loaded from its JSON).</summary>
    public static PolicyValidationResult Validate(OptimizePolicy policy) => Load(PolicyWriter.ToJson(policy));

    private static bool NearRemoved(string path, IReadOnlyList<string> removed) =>
        removed.Any(r => JsonPointers.IsAtOrUnder(path, r) || (JsonPointers.Parent(r).Length > 0 && JsonPointers.IsAtOrUnder(path, JsonPointers.Parent(r))));

    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            message = cut > 0 ? message[..cut] : message;
        }

        return message;
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(PolicyLoader).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from {typeof(PolicyLoader).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
