using System.Text.Json;
using Optimize.Policy;
using Optimize.Policy.Schema;

namespace Optimize.Core.Tests.Policy.Schema;

public sealed class JsonSchemaValidatorTests
{
    private static IReadOnlyList<PolicyError> Validate(string schema, string instance)
    {
        using var document = JsonDocument.Parse(instance);
        return JsonSchemaValidator.Parse(schema).Validate(document.RootElement);
    }

    [Theory]
    [InlineData("type string ok", """{ "type": "string" }""", "\"a\"", null, null)]
    [InlineData("type mismatch", """{ "type": "string" }""", "1", "$", "must be of type string, not integer 1")]
    [InlineData("type list", """{ "type": ["string", "null"] }""", "null", null, null)]
    [InlineData("integer rejects fraction", """{ "type": "integer" }""", "1.5", "$", "must be of type integer, not number 1.5")]
    [InlineData("integer accepts 2.0", """{ "type": "integer" }""", "2.0", null, null)]
    [InlineData("boolean", """{ "type": "boolean" }""", "\"true\"", "$", "must be of type boolean, not string \"true\"")]
    [InlineData("enum miss", """{ "enum": ["a", "b"] }""", "\"c\"", "$", "\"c\" is not one of \"a\", \"b\"")]
    [InlineData("const miss", """{ "const": 1 }""", "2", "$", "must be 1, not 2")]
    [InlineData("minimum", """{ "minimum": 0 }""", "-0.5", "$", "-0.5 is below the minimum 0")]
    [InlineData("maximum", """{ "maximum": 1 }""", "1.01", "$", "1.01 is above the maximum 1")]
    [InlineData("maximum inclusive", """{ "maximum": 1 }""", "1", null, null)]
    [InlineData("exclusiveMinimum", """{ "exclusiveMinimum": 0 }""", "0", "$", "0 must be greater than 0")]
    [InlineData("minLength", """{ "minLength": 1 }""", "\"\"", "$", "must not be empty")]
    [InlineData("minLength counts code points", """{ "minLength": 2 }""", "\"\uD83D\uDE00\"", "$", "must be at least 2 characters long")]
    [InlineData("pattern", """{ "pattern": "^[0-9]+$" }""", "\"1a\"", "$", "\"1a\" does not match the pattern ^[0-9]+$")]
    [InlineData("pattern explained by description", """{ "pattern": "^[0-9]+$", "description": "Digits only." }""", "\"1a\"", "$", "\"1a\" is not valid: expected digits only")]
    [InlineData("required", """{ "type": "object", "required": ["name"] }""", "{}", "$.name", "is required")]
    [InlineData("additionalProperties false", """{ "properties": { "a": {} }, "additionalProperties": false }""", """{ "b": 1 }""", "$.b", "property 'b' is not allowed here (allowed: a)")]
    [InlineData("additionalProperties schema", """{ "additionalProperties": { "type": "string" } }""", """{ "my-tag": 1 }""", "$['my-tag']", "must be of type string, not integer 1")]
    [InlineData("properties", """{ "properties": { "a": { "type": "string" } } }""", """{ "a": 1 }""", "$.a", "must be of type string, not integer 1")]
    [InlineData("items", """{ "items": { "type": "string" } }""", """["a", 2]""", "$[1]", "must be of type string, not integer 2")]
    [InlineData("minItems", """{ "minItems": 1 }""", "[]", "$", "must have at least 1 item(s), has 0")]
    [InlineData("uniqueItems", """{ "uniqueItems": true }""", """["a", "b", "a"]""", "$[2]", "duplicates item [0] (\"a\")")]
    [InlineData("ref to defs", """{ "$defs": { "d": { "type": "string" } }, "properties": { "x": { "$ref": "#/$defs/d" } } }""", """{ "x": 1 }""", "$.x", "must be of type string, not integer 1")]
    [InlineData("false schema", """{ "properties": { "x": false } }""", """{ "x": 1 }""", "$.x", "is not allowed")]
    [InlineData("annotations ignored", """{ "title": "t", "description": "d", "$comment": "c", "default": 1, "examples": [1] }""", "1", null, null)]
    public void Validate_Keyword_ReportsViolationWithPath(string @case, string schema, string instance, string? path, string? message)
    {
        var errors = Validate(schema, instance);

        if (path is null)
        {
            Assert.True(errors.Count == 0, @case + ": " + string.Join("; ", errors));
        }
        else
        {
            Assert.Equal(new PolicyError(path, message!), Assert.Single(errors));
        }
    }

    [Fact]
    public void Validate_ManyViolations_ReportsEveryOne()
    {
        const string schema = """
            { "type": "object", "additionalProperties": false, "required": ["a", "b"],
              "properties": { "a": { "type": "integer", "minimum": 0 }, "c": { "items": { "enum": [1] } } } }
            """;

        var errors = Validate(schema, """{ "a": -1, "c": [1, 2, 3], "d": 0 }""");

        Assert.Equal(["$.b", "$.a", "$.c[1]", "$.c[2]", "$.d"], errors.Select(e => e.Path));
    }

    [Theory]
    [InlineData("oneOf", """{ "oneOf": [ { "type": "string" } ] }""")]
    [InlineData("format", """{ "type": "string", "format": "date-time" }""")]
    [InlineData("nested unsupported", """{ "properties": { "a": { "maxLength": 3 } } }""")]
    [InlineData("unsupported in defs", """{ "$defs": { "x": { "if": true } } }""")]
    [InlineData("external ref", """{ "$ref": "other.json#/x" }""")]
    [InlineData("unknown type", """{ "type": "date" }""")]
    public void Parse_UnsupportedKeyword_Throws(string @case, string schema)
    {
        var e = Assert.Throws<NotSupportedException>(() => JsonSchemaValidator.Parse(schema));

        Assert.NotEmpty(e.Message);
        Assert.NotEmpty(@case);
    }

    [Fact]
    public void Parse_RefToMissingDef_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => JsonSchemaValidator.Parse("""{ "properties": { "a": { "$ref": "#/$defs/nope" } } }"""));
    }

    [Fact]
    public void Parse_PolicySchema_Compiles()
    {
        // The shipped schema uses only supported keywords; this fails the moment it outgrows the validator.
        var validator = JsonSchemaValidator.Parse(PolicyLoader.SchemaJson);

        using var document = JsonDocument.Parse("""{ "version": 1 }""");
        Assert.Empty(validator.Validate(document.RootElement));
    }
}
