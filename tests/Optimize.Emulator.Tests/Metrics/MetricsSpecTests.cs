using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Optimize.Model;
using Optimize.Testing;

namespace Optimize.Emulator.Tests.Metrics;

/// <summary>
/// The emulator's bodies validated against the published definitions (JSON Schema of the Swagger 2.0 definitions, refs
/// rewritten to <c>$defs</c>; refs into common-types, not copied, accept anything):
/// specs/whole/monitor.resource-manager.metrics.2024-02-01.json (MetricDefinitionCollection, Response) and
/// specs/whole/monitor.data-plane.metricBatch.2024-02-01.json (MetricResultsResponse). Required properties, types and the
/// MetricUnit / AggregationType enums are checked.
/// </summary>
public sealed class MetricsSpecTests
{
    private const string Arm = "azure-contract/specs/whole/monitor.resource-manager.metrics.2024-02-01.json";
    private const string Batch = "azure-contract/specs/whole/monitor.data-plane.metricBatch.2024-02-01.json";

    public static TheoryData<ResourceKind> Kinds => new(Enum.GetValues<ResourceKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task DefinitionsAndMetrics_OfEachType_AreValidAgainstTheSpec(ResourceKind kind)
    {
        await using var emulator = await MetricsKit.StartAsync();
        var resource = MetricsKit.First(emulator.World, kind);
        var names = Uri.EscapeDataString(string.Join(",", Optimize.Emulator.Metrics.FleetMetricValues.Modelled(kind)));

        var (defStatus, definitions) = await MetricsKit.Get(emulator, resource.Resource.Id, "metricDefinitions", string.Empty);
        var (status, metrics) = await MetricsKit.Get(emulator, resource.Resource.Id, "metrics",
            $"&metricnames={names}&aggregation=average,minimum,maximum,total,count&interval=PT1H&timespan={MetricsKit.Iso(MetricsKit.Now - TimeSpan.FromHours(4))}/{MetricsKit.Iso(MetricsKit.Now + TimeSpan.FromHours(1))}");

        Assert.Equal((200, 200), (defStatus, status));
        AssertValid(Arm, "MetricDefinitionCollection", definitions!);
        AssertValid(Arm, "Response", metrics!);
    }

    [Fact]
    public async Task BatchResponse_IsValidAgainstTheSpec()
    {
        await using var emulator = await MetricsKit.StartAsync(resources: 60);
        var plans = emulator.World.Fleet.Resources.Where(r => r.Resource.Kind == ResourceKind.AppServicePlan)
            .GroupBy(r => (r.Resource.SubscriptionId, r.Resource.Location)).First().ToList();

        var (status, json) = await MetricsKit.Batch(emulator, plans[0].Resource.SubscriptionId, plans.Select(p => p.Resource.Id),
            $"&metricnamespace=Microsoft.Web%2Fserverfarms&metricnames=CpuPercentage,MemoryPercentage&interval=PT30M&starttime={MetricsKit.Iso(MetricsKit.Now - TimeSpan.FromHours(3))}&endtime={MetricsKit.Iso(MetricsKit.Now)}");

        Assert.Equal(200, status);
        AssertValid(Batch, "MetricResultsResponse", json!);
    }

    private static void AssertValid(string spec, string definition, JsonNode body)
    {
        var schema = Schema(spec, definition);
        var result = schema.Evaluate(JsonDocument.Parse(body.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")).ToList();
        Assert.True(result.IsValid, $"{definition} of {spec}: " + string.Join("; ", errors));
    }

    private static JsonSchema Schema(string spec, string definition)
    {
        var text = File.ReadAllText(RepoPaths.SharedFile(spec));
        var definitions = JsonNode.Parse(text)!["definitions"]!.AsObject();
        Rewrite(definitions);
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$ref"] = "#/$defs/" + definition,
            ["$defs"] = definitions.DeepClone(),
        };
        return JsonSchema.Build(JsonDocument.Parse(root.ToJsonString()).RootElement, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    /// <summary>Local refs to <c>$defs</c>; external refs (common-types) become true schemas; Swagger-only keywords dropped.</summary>
    private static void Rewrite(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            if (obj["$ref"]?.GetValue<string>() is { } reference)
            {
                if (reference.StartsWith("#/definitions/", StringComparison.Ordinal))
                {
                    obj["$ref"] = "#/$defs/" + reference["#/definitions/".Length..];
                }
                else
                {
                    obj.Remove("$ref");
                }
            }

            foreach (var key in obj.Select(p => p.Key).Where(k => k.StartsWith("x-", StringComparison.Ordinal) || k is "discriminator" or "example").ToList())
            {
                obj.Remove(key);
            }

            foreach (var child in obj.Select(p => p.Value).ToList())
            {
                Rewrite(child);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                Rewrite(child);
            }
        }
    }
}
