using System.Globalization;
using System.Text.Json.Nodes;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Graph;

/// <summary>
/// The <c>resources</c> table row of a fleet resource as Resource Graph returns it: the ARM document (as GET returns it, from
/// <see cref="EmulatorWorld.Documents"/>) with <c>type</c> and <c>resourceGroup</c> in lower case and the table's other columns
/// (<c>tenantId</c>, <c>resourceGroup</c>, <c>subscriptionId</c>, <c>managedBy</c>, <c>plan</c>, <c>identity</c>, <c>zones</c>,
/// <c>extendedLocation</c>) added. A kind whose document shape is not registered yet gets a minimal row built here from the
/// fleet's configuration in effect: Flex function apps (<c>kind</c> <c>functionapp,linux</c>, <c>properties.sku</c>
/// FlexConsumption, <c>functionAppConfig.scaleAndConcurrency</c>), App Service plans (<c>sku</c> name/tier/capacity,
/// <c>kind</c> linux or app and <c>properties.reserved</c>) and autoscale settings (one default profile with CPU rules).
/// </summary>
internal static class GraphRows
{
    /// <summary>The emulator's single tenant.</summary>
    public const string TenantId = "72f988bf-0000-4000-8000-0000e0ee0000";

    /// <summary>The row of <paramref name="resource"/> at the emulator's now.</summary>
    public static JsonObject Row(EmulatorWorld world, SimulatedResource resource)
    {
        JsonObject document;
        try
        {
            document = world.Documents.Read(resource).Document;
        }
        catch (InvalidOperationException)
        {
            document = Minimal(world, resource);
        }

        var r = resource.Resource;
        var row = new JsonObject();
        foreach (var column in GraphQuery.Columns)
        {
            row[column] = column switch
            {
                "type" => (document["type"]?.GetValue<string>() ?? string.Empty).ToLowerInvariant(),
                "tenantId" => TenantId,
                "resourceGroup" => r.ResourceGroup.ToLowerInvariant(),
                "subscriptionId" => r.SubscriptionId,
                "managedBy" => document["managedBy"]?.DeepClone() ?? string.Empty,
                "kind" => document["kind"]?.DeepClone() ?? string.Empty,
                "tags" => document["tags"]?.DeepClone() ?? new JsonObject(),
                _ => document[column]?.DeepClone(),
            };
        }

        return row;
    }

    private static JsonObject Minimal(EmulatorWorld world, SimulatedResource resource)
    {
        var r = resource.Resource;
        var tags = new JsonObject();
        foreach (var (key, value) in r.Tags)
        {
            tags[key] = value;
        }

        var document = new JsonObject { ["id"] = r.Id, ["name"] = r.Name, ["location"] = r.Location, ["tags"] = tags };
        switch (world.Fleet.ConfigAt(resource, world.Time.GetUtcNow()))
        {
            case FunctionAppConfig app:
                document["type"] = "Microsoft.Web/sites";
                document["kind"] = "functionapp,linux";
                document["properties"] = new JsonObject
                {
                    ["state"] = "Running",
                    ["sku"] = "FlexConsumption",
                    ["functionAppConfig"] = new JsonObject
                    {
                        ["scaleAndConcurrency"] = new JsonObject
                        {
                            ["instanceMemoryMB"] = app.InstanceMemoryMb,
                            ["maximumInstanceCount"] = app.MaximumInstanceCount,
                        },
                    },
                };
                break;
            case AppServicePlanConfig plan:
                var linux = r.Os == OsFamily.Linux;
                document["type"] = "Microsoft.Web/serverfarms";
                document["kind"] = linux ? "linux" : "app";
                document["sku"] = new JsonObject { ["name"] = plan.Sku, ["tier"] = Tier(plan.Sku), ["size"] = plan.Sku, ["capacity"] = plan.Workers };
                document["properties"] = new JsonObject { ["reserved"] = linux, ["numberOfWorkers"] = plan.Workers, ["status"] = "Ready" };
                break;
            case AutoscaleConfig autoscale:
                document["type"] = "Microsoft.Insights/autoscalesettings";
                document["properties"] = Autoscale(world, autoscale);
                break;
            default:
                throw new InvalidOperationException($"No Resource Graph row is defined for {r.Kind}.");
        }

        return document;
    }

    private static JsonObject Autoscale(EmulatorWorld world, AutoscaleConfig config)
    {
        var target = world.Fleet.Find(config.TargetResourceId);
        var metric = target?.Resource.Kind == ResourceKind.ScaleSet ? "Percentage CPU" : "CpuPercentage";
        return new JsonObject
        {
            ["enabled"] = true,
            ["targetResourceUri"] = config.TargetResourceId,
            ["profiles"] = new JsonArray(new JsonObject
            {
                ["name"] = "Default",
                ["capacity"] = new JsonObject
                {
                    ["minimum"] = Text(config.Minimum),
                    ["maximum"] = Text(config.Maximum),
                    ["default"] = Text(config.Default),
                },
                ["rules"] = new JsonArray(
                    Rule(config.TargetResourceId, metric, "GreaterThan", config.ScaleOutCpuPercent, "Increase"),
                    Rule(config.TargetResourceId, metric, "LessThan", config.ScaleInCpuPercent, "Decrease")),
            }),
        };
    }

    private static JsonObject Rule(string target, string metric, string op, double threshold, string direction) => new()
    {
        ["metricTrigger"] = new JsonObject
        {
            ["metricName"] = metric,
            ["metricResourceUri"] = target,
            ["timeGrain"] = "PT1M",
            ["statistic"] = "Average",
            ["timeWindow"] = "PT10M",
            ["timeAggregation"] = "Average",
            ["operator"] = op,
            ["threshold"] = threshold,
        },
        ["scaleAction"] = new JsonObject { ["direction"] = direction, ["type"] = "ChangeCount", ["value"] = "1", ["cooldown"] = "PT5M" },
    };

    private static string Tier(string sku) => sku[0] switch
    {
        'B' => "Basic",
        'S' => "Standard",
        'P' when sku.EndsWith("v3", StringComparison.OrdinalIgnoreCase) => "PremiumV3",
        'P' => "Premium",
        _ => "Standard",
    };

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
