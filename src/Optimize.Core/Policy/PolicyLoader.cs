using System.Globalization;
using System.Text.Json;
using Optimize.Policy.Schema;
using Optimize.Policy.Serialization;

namespace Optimize.Policy;

/// <summary>
/// Loads policy files: parse → JSON Schema validation (every violation) → deserialize → semantic checks (every
/// violation), each error with its JSON path. Expected problems come back as a <see cref="PolicyValidationResult"/>,
/// never as exceptions. Comments and trailing commas are allowed in the file.
/// </summary>
public static class PolicyLoader
{
    private const string SchemaResource = "Optimize.Policy.policy.schema.json";
    private const string DefaultResource = "Optimize.Policy.default-policy.json";

    /// <summary>The policy JSON Schema (draft 2020-12) embedded in this assembly.</summary>
    public static string SchemaJson { get; } = ReadResource(SchemaResource);

    private static readonly Lazy<JsonSchemaValidator> Validator = new(() => JsonSchemaValidator.Parse(SchemaJson));
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
            return PolicyValidationResult.Invalid([new(JsonPaths.Root, $"malformed JSON at {where}: {FirstSentence(e.Message)}")]);
        }

        using (document)
        {
            var errors = new List<PolicyError>(Validator.Value.Validate(document.RootElement));
            OptimizePolicy? policy;
            try
            {
                policy = document.RootElement.Deserialize<OptimizePolicy>(PolicyJson.Options);
            }
            catch (JsonException) when (errors.Count > 0)
            {
                // The schema errors already explain why the document does not deserialize.
                return PolicyValidationResult.Invalid(errors);
            }
            catch (JsonException e)
            {
                return PolicyValidationResult.Invalid([new(e.Path ?? JsonPaths.Root, FirstSentence(e.Message))]);
            }

            if (policy is null)
            {
                return PolicyValidationResult.Invalid([new(JsonPaths.Root, "must be an object, not null")]);
            }

            // Semantic checks also run on a document with schema errors when it still deserializes, so one pass lists
            // as much as possible; a path already reported by the schema is not reported twice.
            var reported = errors.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
            errors.AddRange(PolicySemantics.Check(policy).Where(e => !reported.Contains(e.Path)));
            return errors.Count == 0 ? PolicyValidationResult.Valid(policy) : PolicyValidationResult.Invalid(errors);
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
            return PolicyValidationResult.Invalid([new(JsonPaths.Root, $"cannot read policy file '{path}': {e.Message}")]);
        }

        return Load(json);
    }

    /// <summary>Validates a policy built in code (schema and semantic checks, as if it were loaded from its JSON).</summary>
    public static PolicyValidationResult Validate(OptimizePolicy policy) => Load(PolicyWriter.ToJson(policy));

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
