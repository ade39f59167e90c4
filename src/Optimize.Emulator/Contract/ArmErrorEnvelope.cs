using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Optimize.Emulator.Contract;

/// <summary>
/// ARM's own error body, <c>{"error":{code, message, target?, details?[], additionalInfo?[]}}</c> (conventions/arm-rpc/
/// common-api-details.md "Error response content": code and message are required; details are error objects again). ARM writes it
/// for what the front door answers itself — a resource that does not exist (resource-api-reference.md: "If the resource group
/// *or* resource does not exist, 404 (NotFound) should be returned"), throttling, authentication — whatever the RP's
/// <c>default</c> schema is. An error status whose body is this envelope is therefore in contract even where the operation's
/// <c>default</c> describes another shape (Monitor metrics' unwrapped <c>Microsoft.Common.CommonErrorResponse</c>).
/// </summary>
internal static class ArmErrorEnvelope
{
    private const string Text = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "required": ["error"],
          "additionalProperties": false,
          "properties": { "error": { "$ref": "#/$defs/detail" } },
          "$defs": {
            "detail": {
              "type": "object",
              "required": ["code", "message"],
              "additionalProperties": false,
              "properties": {
                "code": { "type": "string" },
                "message": { "type": "string" },
                "target": { "type": "string" },
                "details": { "type": "array", "items": { "$ref": "#/$defs/detail" } },
                "additionalInfo": { "type": "array", "items": { "type": "object" } }
              }
            }
          }
        }
        """;

    private static readonly JsonSchema Schema = Build();

    /// <summary>True when <paramref name="body"/> is ARM's error envelope.</summary>
    public static bool Matches(JsonNode body)
    {
        using var instance = JsonDocument.Parse(body.ToJsonString());
        return Schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid;
    }

    private static JsonSchema Build()
    {
        using var text = JsonDocument.Parse(Text);
        return JsonSchema.Build(text.RootElement.Clone(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }
}
