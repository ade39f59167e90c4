using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Core;
using Optimize.Azure.Http;
using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Azure.Configuration;

/// <summary>
/// Autoscale settings: GET <c>Microsoft.Insights/autoscalesettings</c> (api-version <see cref="ApiVersion"/>), change the default
/// profile's capacity and its CPU rules' thresholds, PATCH the whole setting as read back: <c>tags</c> and every read
/// <c>properties</c> member (profiles, enabled, notifications, predictiveAutoscalePolicy, targetResourceUri, targetResourceLocation,
/// name) except <see cref="ReadOnlyProperties"/>. The 2022-10-01 spec defaults an omitted <c>enabled</c> to false and does not say
/// whether PATCH merges or replaces <c>properties</c>, so nothing read is left out (shared/azure-contract/specs/NOTES.md (b)).
/// <c>If-Match</c> is sent only when the GET returned an ETag (<see cref="AzureResponse.ReadETag"/>: header, else body <c>etag</c>);
/// the published GET example carries neither, and then the PATCH is unconditional.
/// Would be replaced by Azure.ResourceManager.Monitor (<c>AutoscaleSettingResource.UpdateAsync</c>).
/// Actions: <see cref="ArmActions.AutoscaleRead"/>, <see cref="ArmActions.AutoscaleWrite"/>.
/// </summary>
internal sealed class AutoscaleConfigurationClient(AzureHttp http) : ConfigurationClientBase<AutoscaleConfig>
{
    /// <summary>Pinned api-version.</summary>
    public const string ApiVersion = "2022-10-01";

    /// <summary>
    /// Members of <c>AutoscaleSetting</c> (the PATCH body's <c>properties</c>) marked <c>readOnly</c> in the 2022-10-01 spec: none
    /// (only the envelope's id, name, type and systemData are, and the PATCH body has no envelope but <c>tags</c>).
    /// A test holds this list to the spec.
    /// </summary>
    internal static readonly string[] ReadOnlyProperties = [];

    private static readonly string[] CpuMetrics = ["Percentage CPU", "CpuPercentage"];

    protected override ResourceKind Kind => ResourceKind.AutoscaleSetting;

    protected override async Task<AutoscaleConfig> ReadCoreAsync(ResourceRef resource, CancellationToken cancellationToken) =>
        Project((await GetAsync(resource, cancellationToken).ConfigureAwait(false)).Json);

    protected override async Task<ChangeFailure?> WriteCoreAsync(
        ResourceRef resource, AutoscaleConfig current, AutoscaleConfig target, bool allowDeallocation, CancellationToken cancellationToken)
    {
        if (!string.Equals(current.TargetResourceId, target.TargetResourceId, StringComparison.OrdinalIgnoreCase))
        {
            return new ChangeFailure(ChangeFailureKinds.InvalidTarget, $"The autoscale target resource never changes ({current.TargetResourceId} → {target.TargetResourceId}).");
        }

        var got = await GetAsync(resource, cancellationToken).ConfigureAwait(false);
        var profiles = got.Json?["properties"]?["profiles"]?.AsArray() ?? throw new FormatException("autoscale setting has no profiles.");
        var profile = DefaultProfile(profiles);
        var capacity = profile["capacity"]!;
        capacity["minimum"] = target.Minimum.ToString(CultureInfo.InvariantCulture);
        capacity["maximum"] = target.Maximum.ToString(CultureInfo.InvariantCulture);
        capacity["default"] = target.Default.ToString(CultureInfo.InvariantCulture);
        foreach (var rule in CpuRules(profile))
        {
            var direction = rule["scaleAction"]?["direction"]?.GetValue<string>();
            var threshold = direction == "Increase" ? target.ScaleOutCpuPercent : direction == "Decrease" ? target.ScaleInCpuPercent : double.NaN;
            if (!double.IsNaN(threshold))
            {
                rule["metricTrigger"]!["threshold"] = threshold;
            }
        }

        var body = PatchBody(got.Json!);
        const string call = "PATCH Microsoft.Insights/autoscalesettings";
        var response = await http.SendAsync(RequestMethod.Patch, ResourceIds.Url(http.Options.ArmEndpoint, resource.Id, ApiVersion),
            body, call, ArmActions.AutoscaleWrite, cancellationToken, got.ReadETag).ConfigureAwait(false);
        await http.WaitForCompletionAsync(response, call, ArmActions.AutoscaleRead, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>The PATCH body: <c>tags</c> and the read <c>properties</c> (already modified) without <see cref="ReadOnlyProperties"/>.</summary>
    internal static JsonObject PatchBody(JsonNode read)
    {
        var properties = read["properties"] as JsonObject ?? throw new FormatException("autoscale setting has no 'properties' object.");
        var sent = new JsonObject();
        foreach (var (name, value) in properties)
        {
            if (!ReadOnlyProperties.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                sent[name] = value?.DeepClone();
            }
        }

        var body = new JsonObject();
        if (read["tags"] is { } tags)
        {
            body["tags"] = tags.DeepClone();
        }

        body["properties"] = sent;
        return body;
    }

    /// <summary>Projects an autoscale setting resource (ARM or Resource Graph shape).</summary>
    public static AutoscaleConfig Project(JsonNode? json)
    {
        var properties = json?["properties"] ?? throw new FormatException("autoscale setting has no 'properties'.");
        var target = properties["targetResourceUri"]?.GetValue<string>() ?? throw new FormatException("autoscale setting has no 'targetResourceUri'.");
        var profile = DefaultProfile(properties["profiles"]?.AsArray() ?? throw new FormatException("autoscale setting has no profiles."));
        var capacity = profile["capacity"] ?? throw new FormatException("autoscale profile has no capacity.");
        double scaleOut = double.NaN, scaleIn = double.NaN;
        foreach (var rule in CpuRules(profile))
        {
            var direction = rule["scaleAction"]?["direction"]?.GetValue<string>();
            var threshold = rule["metricTrigger"]?["threshold"]?.GetValue<double>() ?? double.NaN;
            if (direction == "Increase" && double.IsNaN(scaleOut))
            {
                scaleOut = threshold;
            }
            else if (direction == "Decrease" && double.IsNaN(scaleIn))
            {
                scaleIn = threshold;
            }
        }

        return new AutoscaleConfig(target, Int(capacity["minimum"]), Int(capacity["maximum"]), Int(capacity["default"]), scaleOut, scaleIn);
    }

    /// <summary>
    /// The <c>metricTrigger.metricResourceUri</c> of the default profile's first CPU rule of an autoscale setting (ARM shape), or
    /// null when the row has none: the <c>MetricTriggerSource</c> to keep of <c>ObservedMetricValue</c>.
    /// </summary>
    internal static string? CpuRuleSource(JsonNode row)
    {
        if (row["properties"]?["profiles"] is not JsonArray { Count: > 0 } profiles)
        {
            return null;
        }

        return CpuRules(DefaultProfile(profiles))
            .Select(r => r["metricTrigger"]?["metricResourceUri"] is JsonValue v && v.TryGetValue<string>(out var uri) ? uri : null)
            .FirstOrDefault(uri => !string.IsNullOrEmpty(uri));
    }

    private Task<AzureResponse> GetAsync(ResourceRef resource, CancellationToken cancellationToken) =>
        http.SendAsync(RequestMethod.Get, ResourceIds.Url(http.Options.ArmEndpoint, resource.Id, ApiVersion), null,
            "GET Microsoft.Insights/autoscalesettings", ArmActions.AutoscaleRead, cancellationToken);

    /// <summary>The profile that applies outside schedules: the first without recurrence or fixedDate, else the first.</summary>
    private static JsonNode DefaultProfile(JsonArray profiles) =>
        profiles.FirstOrDefault(p => p?["recurrence"] is null && p?["fixedDate"] is null) ?? profiles.FirstOrDefault()
        ?? throw new FormatException("autoscale setting has no profiles.");

    private static IEnumerable<JsonNode> CpuRules(JsonNode profile) =>
        (profile["rules"]?.AsArray() ?? []).OfType<JsonNode>()
            .Where(r => CpuMetrics.Contains(r["metricTrigger"]?["metricName"]?.GetValue<string>(), StringComparer.OrdinalIgnoreCase));

    private static int Int(JsonNode? node) => node is null
        ? throw new FormatException("autoscale capacity value missing.")
        : int.Parse(node.ToString(), CultureInfo.InvariantCulture);
}
