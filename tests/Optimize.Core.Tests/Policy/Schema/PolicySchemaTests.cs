using System.Text.Json;
using Optimize.Policy;
using Optimize.Policy.Schema;

namespace Optimize.Core.Tests.Policy.Schema;

public sealed class PolicySchemaTests
{
    private static IReadOnlyList<PolicyError> Validate(string schema, string instance)
    {
        using var document = JsonDocument.Parse(instance);
        return PolicySchema.Parse(schema).Validate(document.RootElement);
    }

    [Theory]
    [InlineData("type string ok", """{ "type": "string" }""", "\"a\"", null, null)]
    [InlineData("type mismatch", """{ "type": "string" }""", "1", "", "must be of type string, not integer 1")]
    [InlineData("type list", """{ "type": ["string", "null"] }""", "null", null, null)]
    [InlineData("integer rejects fraction", """{ "type": "integer" }""", "1.5", "", "must be of type integer, not number 1.5")]
    [InlineData("integer accepts 2.0", """{ "type": "integer" }""", "2.0", null, null)]
    [InlineData("boolean", """{ "type": "boolean" }""", "\"true\"", "", "must be of type boolean, not string \"true\"")]
    [InlineData("enum miss", """{ "enum": ["a", "b"] }""", "\"c\"", "", "\"c\" is not one of \"a\", \"b\"")]
    [InlineData("const miss", """{ "const": 1 }""", "2", "", "must be 1, not 2")]
    [InlineData("minimum", """{ "minimum": 0 }""", "-0.5", "", "-0.5 is below the minimum 0")]
    [InlineData("maximum", """{ "maximum": 1 }""", "1.01", "", "1.01 is above the maximum 1")]
    [InlineData("maximum inclusive", """{ "maximum": 1 }""", "1", null, null)]
    [InlineData("exclusiveMinimum", """{ "exclusiveMinimum": 0 }""", "0", "", "0 must be greater than 0")]
    [InlineData("minLength", """{ "minLength": 1 }""", "\"\"", "", "must not be empty")]
    [InlineData("minLength counts code points", """{ "minLength": 2 }""", "\"\uD83D\uDE00\"", "", "must be at least 2 characters long")]
    [InlineData("pattern", """{ "pattern": "^[0-9]+$" }""", "\"1a\"", "", "\"1a\" does not match the pattern \"^[0-9]+$\"")]
    [InlineData("pattern explained by description", """{ "pattern": "^[0-9]+$", "description": "Digits only." }""", "\"1a\"", "", "\"1a\" is not valid: expected digits only")]
    [InlineData("required names the missing property", """{ "type": "object", "required": ["name"] }""", "{}", "/name", "is required")]
    [InlineData("additionalProperties false", """{ "properties": { "a": {} }, "additionalProperties": false }""", """{ "b": 1 }""", "/b", "property 'b' is not allowed here (allowed: a)")]
    [InlineData("pointer escapes / and ~", """{ "additionalProperties": { "type": "string" } }""", """{ "a/b~c": 1 }""", "/a~1b~0c", "must be of type string, not integer 1")]
    [InlineData("items", """{ "items": { "type": "string" } }""", """["a", 2]""", "/1", "must be of type string, not integer 2")]
    [InlineData("minItems", """{ "minItems": 1 }""", "[]", "", "must have at least 1 item(s), has 0")]
    [InlineData("uniqueItems", """{ "uniqueItems": true }""", """["a", "b", "a"]""", "/2", "duplicates /0 (\"a\")")]
    [InlineData("ref to defs", """{ "$defs": { "d": { "type": "string" } }, "properties": { "x": { "$ref": "#/$defs/d" } } }""", """{ "x": 1 }""", "/x", "must be of type string, not integer 1")]
    [InlineData("false schema", """{ "properties": { "x": false } }""", """{ "x": 1 }""", "/x", "is not allowed")]
    [InlineData("a keyword the old subset validator refused (oneOf)", """{ "oneOf": [ { "type": "string" }, { "type": "integer" } ] }""", "true", "", null)]
    public void Validate_Keyword_ReportsViolationAtItsPointer(string @case, string schema, string instance, string? path, string? message)
    {
        var errors = Validate(schema, instance);

        if (path is null)
        {
            Assert.True(errors.Count == 0, @case + ": " + string.Join("; ", errors));
        }
        else if (message is null)
        {
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.Equal(path, e.Path));
        }
        else
        {
            Assert.Equal(new PolicyError(path, message), Assert.Single(errors));
        }
    }

    [Theory]
    [InlineData("7.9e28")]
    [InlineData("7.93e28")]
    [InlineData("1e29")]
    [InlineData("-1e29")]
    [InlineData("1e308")]
    [InlineData("1e400")]
    [InlineData("79228162514264337593543950336")]
    public void Validate_NumberBeyondDecimal_ReportsItAndDoesNotThrow(string number)
    {
        var errors = Validate("""{ "type": "integer", "minimum": 0, "maximum": 10000 }""", number);

        var error = Assert.Single(errors);
        Assert.Equal("", error.Path);
        Assert.Contains(number, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ManyViolations_ReportsEveryOne()
    {
        const string schema = """
            { "type": "object", "additionalProperties": false, "required": ["a", "b"],
              "properties": { "a": { "type": "integer", "minimum": 0 }, "c": { "items": { "enum": [1] } } } }
            """;

        var errors = Validate(schema, """{ "a": -1, "c": [1, 2, 3], "d": 0 }""");

        Assert.Equal(["/a", "/b", "/c/1", "/c/2", "/d"], errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_RefToMissingDef_FailsOnUse()
    {
        var ex = Record.Exception(() => Validate("""{ "properties": { "a": { "$ref": "#/$defs/nope" } } }""", """{ "a": 1 }"""));

        Assert.NotNull(ex);
    }

    [Fact]
    public void Parse_PolicySchemaTwice_BothValidate()
    {
        // Each schema has its own registry: building the same $id twice must not collide.
        var first = PolicySchema.Parse(PolicyLoader.SchemaJson);
        var second = PolicySchema.Parse(PolicyLoader.SchemaJson);

        using var document = JsonDocument.Parse("""{ "version": 1 }""");
        Assert.Empty(first.Validate(document.RootElement));
        Assert.Empty(second.Validate(document.RootElement));
    }
}
