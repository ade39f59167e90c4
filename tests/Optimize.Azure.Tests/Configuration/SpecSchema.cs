using System.Text.Json.Nodes;
using Optimize.Testing;

namespace Optimize.Azure.Tests.Configuration;

/// <summary>Reads <c>readOnly</c> markers from the published OpenAPI specs in shared/azure-contract/specs (skips when absent).</summary>
internal static class SpecSchema
{
    /// <summary>The spec file <c>azure-contract/specs/{relative}</c>.</summary>
    public static JsonNode Load(string relative) => JsonNode.Parse(File.ReadAllText(RepoPaths.SharedFile("azure-contract/specs/" + relative)))!;

    /// <summary>The members of a schema object's <c>properties</c> with <c>"readOnly": true</c>, and those without.</summary>
    public static (string[] ReadOnly, string[] Writable) Members(JsonNode schema)
    {
        var members = (schema["properties"] as JsonObject ?? throw new InvalidOperationException("schema has no 'properties'.")).ToList();
        bool IsReadOnly(JsonNode? p) => p?["readOnly"]?.GetValue<bool>() == true;
        return ([.. members.Where(m => IsReadOnly(m.Value)).Select(m => m.Key).Order(StringComparer.Ordinal)],
                [.. members.Where(m => !IsReadOnly(m.Value)).Select(m => m.Key).Order(StringComparer.Ordinal)]);
    }
}
