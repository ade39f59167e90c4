using System.Globalization;
using System.Text.Json.Nodes;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Arm;

/// <summary>
/// The ARM document of an autoscale setting (AutoscaleSettingResource, 2022-10-01): one default profile whose capacity
/// {minimum, maximum, default} (strings, ScaleCapacity) and CPU rules (scale out above, in below a threshold on the target's
/// CPU metric) hold the configuration in effect, plus what ARM stores that the simulator does not model: enabled,
/// notifications, predictiveAutoscalePolicy.
/// </summary>
internal sealed class AutoscaleDocumentShape(EmulatorWorld world) : IDocumentShape
{
    /// <inheritdoc />
    public JsonObject Create(SimulatedResource resource, ResourceConfig config)
    {
        var a = (AutoscaleConfig)config;
        var target = world.Fleet.Find(a.TargetResourceId);
        var (metric, ns) = target?.Resource.Kind == ResourceKind.AppServicePlan
            ? ("CpuPercentage", "microsoft.web/serverfarms")
            : ("Percentage CPU", "microsoft.compute/virtualmachinescalesets");
        var document = ComputeDocuments.Envelope(resource, "Microsoft.Insights/autoscaleSettings");
        document["properties"] = new JsonObject
        {
            ["name"] = resource.Resource.Name,
            ["enabled"] = true,
            ["targetResourceUri"] = a.TargetResourceId,
            ["targetResourceLocation"] = resource.Resource.Location,
            ["profiles"] = new JsonArray(new JsonObject
            {
                ["name"] = "default",
                ["capacity"] = new JsonObject(),
                ["rules"] = new JsonArray(Rule(a.TargetResourceId, metric, ns, "GreaterThan", "Increase"), Rule(a.TargetResourceId, metric, ns, "LessThan", "Decrease")),
            }),
            ["notifications"] = new JsonArray(new JsonObject
            {
                ["operation"] = "Scale",
                ["email"] = new JsonObject { ["sendToSubscriptionAdministrator"] = false, ["sendToSubscriptionCoAdministrators"] = false, ["customEmails"] = new JsonArray("platform-oncall@contoso.com") },
                ["webhooks"] = new JsonArray(),
            }),
            ["predictiveAutoscalePolicy"] = new JsonObject { ["scaleMode"] = "Disabled" },
        };
        Project(document, resource, config);
        return document;
    }

    /// <inheritdoc />
    public void Project(JsonObject document, SimulatedResource resource, ResourceConfig config)
    {
        var a = (AutoscaleConfig)config;
        if (document["properties"]?["profiles"] is not JsonArray profiles || Default(profiles) is not JsonObject profile)
        {
            return;
        }

        profile["capacity"] = new JsonObject { ["minimum"] = Text(a.Minimum), ["maximum"] = Text(a.Maximum), ["default"] = Text(a.Default) };
        foreach (var rule in CpuRules(profile))
        {
            var direction = rule["scaleAction"]?["direction"]?.GetValue<string>();
            if (rule["metricTrigger"] is JsonObject trigger && direction is "Increase" or "Decrease")
            {
                trigger["threshold"] = direction == "Increase" ? a.ScaleOutCpuPercent : a.ScaleInCpuPercent;
            }
        }
    }

    /// <summary>The configuration <paramref name="profiles"/> asks for (thresholds kept from <paramref name="current"/> when no CPU rule says); null when the capacity is invalid.</summary>
    public static AutoscaleConfig? Parse(JsonArray profiles, AutoscaleConfig current)
    {
        var profile = Default(profiles);
        var capacity = profile?["capacity"];
        if (Int(capacity?["minimum"]) is not { } min || Int(capacity?["maximum"]) is not { } max || Int(capacity?["default"]) is not { } @default
            || min < 0 || min > @default || @default > max)
        {
            return null;
        }

        double scaleOut = current.ScaleOutCpuPercent, scaleIn = current.ScaleInCpuPercent;
        foreach (var rule in CpuRules(profile!))
        {
            var threshold = rule["metricTrigger"]?["threshold"]?.GetValue<double>();
            switch (rule["scaleAction"]?["direction"]?.GetValue<string>())
            {
                case "Increase" when threshold is { } t:
                    scaleOut = t;
                    break;
                case "Decrease" when threshold is { } t:
                    scaleIn = t;
                    break;
            }
        }

        return current with { Minimum = min, Maximum = max, Default = @default, ScaleOutCpuPercent = scaleOut, ScaleInCpuPercent = scaleIn };
    }

    /// <summary>The profile that applies outside schedules: the first without recurrence or fixedDate.</summary>
    private static JsonNode? Default(JsonArray profiles) =>
        profiles.FirstOrDefault(p => p is JsonObject && p["recurrence"] is null && p["fixedDate"] is null) ?? profiles.FirstOrDefault();

    private static IEnumerable<JsonNode> CpuRules(JsonNode profile) =>
        (profile["rules"] as JsonArray ?? []).OfType<JsonNode>()
            .Where(r => r["metricTrigger"]?["metricName"]?.GetValue<string>() is "Percentage CPU" or "CpuPercentage");

    private static JsonObject Rule(string target, string metric, string ns, string op, string direction) => new()
    {
        ["metricTrigger"] = new JsonObject
        {
            ["metricName"] = metric,
            ["metricNamespace"] = ns,
            ["metricResourceUri"] = target,
            ["timeGrain"] = "PT1M",
            ["statistic"] = "Average",
            ["timeWindow"] = "PT10M",
            ["timeAggregation"] = "Average",
            ["operator"] = op,
            ["threshold"] = 0.0,
        },
        ["scaleAction"] = new JsonObject { ["direction"] = direction, ["type"] = "ChangeCount", ["value"] = "1", ["cooldown"] = "PT5M" },
    };

    private static int? Int(JsonNode? node) =>
        node is JsonValue v && int.TryParse(v.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
