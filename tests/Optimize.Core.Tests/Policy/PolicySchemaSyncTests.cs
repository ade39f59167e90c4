using System.Collections;
using System.Reflection;
using System.Text.Json;
using Optimize.Changes;
using Optimize.Guards;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Policy;

namespace Optimize.Core.Tests.Policy;

/// <summary>The schema and the policy records describe the same fields: every C# property appears in the schema
/// under its camelCase name, and every schema property maps to a C# property.</summary>
public sealed class PolicySchemaSyncTests
{
    private static readonly JsonDocument Schema = JsonDocument.Parse(PolicyLoader.SchemaJson);

    [Fact]
    public void Schema_AndPolicyRecords_HaveTheSameProperties()
    {
        var mismatches = new List<string>();
        Compare(typeof(OptimizePolicy), Schema.RootElement, "$", mismatches);

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    [Fact]
    public void Schema_Enums_MatchCodeVocabularies()
    {
        var defs = Schema.RootElement.GetProperty("$defs");

        Assert.Equal(Enum.GetNames<ChangeMode>().Select(Camel), Strings(defs.GetProperty("mode").GetProperty("enum")));
        Assert.Equal(Enum.GetNames<ResourceKind>().Select(Camel), Strings(defs.GetProperty("kind").GetProperty("enum")));
        Assert.Equal(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], Strings(defs.GetProperty("day").GetProperty("enum")));
        Assert.Equal(["mean", "p50", "p90", "p95", "p99", "max"], Strings(defs.GetProperty("statistic").GetProperty("enum")));
        Assert.Equal(
            typeof(KindPolicies).GetProperties().Select(p => Camel(p.Name)).Order(StringComparer.Ordinal),
            Enum.GetNames<ResourceKind>().Select(Camel).Order(StringComparer.Ordinal));
        Assert.All(new OptimizePolicy().Kinds.FunctionApp.Guards, g => Assert.Contains(g.Metric, MetricNames.All));
    }

    private static void Compare(Type type, JsonElement schema, string path, List<string> mismatches)
    {
        schema = Resolve(schema);
        var schemaProps = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Where(n => n != "$schema").ToHashSet(StringComparer.Ordinal);
        var clrProps = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && (p.SetMethod is not null || type.GetConstructors().Any(c => c.GetParameters().Any(a => a.Name == p.Name))))
            .ToDictionary(p => Camel(p.Name), p => p, StringComparer.Ordinal);

        mismatches.AddRange(clrProps.Keys.Except(schemaProps).Select(n => $"{path}.{n}: in {type.Name} but not in the schema"));
        mismatches.AddRange(schemaProps.Except(clrProps.Keys).Select(n => $"{path}.{n}: in the schema but not in {type.Name}"));
        Assert.Equal(JsonValueKind.False, schema.GetProperty("additionalProperties").ValueKind);

        foreach (var (name, property) in clrProps.Where(p => schemaProps.Contains(p.Key)))
        {
            var child = Resolve(schema.GetProperty("properties").GetProperty(name));
            var element = ElementType(property.PropertyType);
            if (element.IsClass && element != typeof(string) && element.Namespace?.StartsWith("Optimize", StringComparison.Ordinal) == true)
            {
                Compare(element, element == property.PropertyType ? child : Resolve(child.GetProperty("items")), $"{path}.{name}", mismatches);
            }
        }
    }

    private static Type ElementType(Type type) =>
        type != typeof(string) && type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments().Length == 1
            ? type.GetGenericArguments()[0]
            : type;

    private static JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? Schema.RootElement.GetProperty("$defs").GetProperty(reference.GetString()!["#/$defs/".Length..])
            : schema;

    private static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    private static IEnumerable<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!);

    [Fact]
    public void Schema_GuardSpec_IsCovered()
    {
        // GuardSpec is a positional record; make sure the reflection walk above reached it.
        var guard = Resolve(Schema.RootElement.GetProperty("$defs").GetProperty("guard"));

        Assert.Equal(
            typeof(GuardSpec).GetConstructors().Single(c => c.GetParameters().Length == 6).GetParameters().Select(p => Camel(p.Name!)),
            guard.GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }
}
