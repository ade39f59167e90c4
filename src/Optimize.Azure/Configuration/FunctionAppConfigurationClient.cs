using System.Text.Json.Nodes;
using Azure.Core;
using Optimize.Azure.Http;
using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Azure.Configuration;

/// <summary>
/// Flex Consumption scale settings: GET <c>Microsoft.Web/sites</c> (api-version <see cref="ApiVersion"/>), set
/// <c>properties.functionAppConfig.scaleAndConcurrency</c> {instanceMemoryMB, maximumInstanceCount}, PUT the whole site back (long-running),
/// with <c>If-Match</c> when the GET carried an ETag. This is how the Azure CLI's <c>functionapp scale config set</c> does it
/// (azure-contract NOTES item 3): the PATCH body, <c>SitePatchResource</c>, has no <c>functionAppConfig</c> (NOTES (a)).
/// Would be replaced by Azure.ResourceManager.AppService (<c>WebSiteCollection.CreateOrUpdateAsync</c>).
/// Actions: <see cref="ArmActions.SiteRead"/>, <see cref="ArmActions.SiteWrite"/>.
/// </summary>
internal sealed class FunctionAppConfigurationClient(AzureHttp http) : ConfigurationClientBase<FunctionAppConfig>
{
    /// <summary>Pinned api-version (first stable one with <c>functionAppConfig</c> is 2023-12-01).</summary>
    public const string ApiVersion = "2024-11-01";

    protected override ResourceKind Kind => ResourceKind.FunctionApp;

    protected override async Task<FunctionAppConfig> ReadCoreAsync(ResourceRef resource, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(RequestMethod.Get, ResourceIds.Url(http.Options.ArmEndpoint, resource.Id, ApiVersion), null,
            "GET Microsoft.Web/sites", ArmActions.SiteRead, cancellationToken).ConfigureAwait(false);
        return Project(response.Json) ?? throw new AzureCallException(
            new ChangeFailure(ChangeFailureKinds.InvalidTarget, $"{resource.Id} has no functionAppConfig.scaleAndConcurrency: not a Flex Consumption app."), 200);
    }

    protected override async Task<ChangeFailure?> WriteCoreAsync(
        ResourceRef resource, FunctionAppConfig current, FunctionAppConfig target, bool allowDeallocation, CancellationToken cancellationToken)
    {
        var url = ResourceIds.Url(http.Options.ArmEndpoint, resource.Id, ApiVersion);
        var read = await http.SendAsync(RequestMethod.Get, url, null, "GET Microsoft.Web/sites", ArmActions.SiteRead, cancellationToken).ConfigureAwait(false);
        var body = PutBody(read.Json, target);
        const string call = "PUT Microsoft.Web/sites";
        var response = await http.SendAsync(RequestMethod.Put, url, body, call, ArmActions.SiteWrite, cancellationToken, read.ReadETag).ConfigureAwait(false);
        await http.WaitForCompletionAsync(response, call, ArmActions.SiteRead, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Members of <c>Site.properties</c> marked <c>readOnly: true</c> in the 2024-11-01 spec (NOTES (a), "Other Site markers"): not sent
    /// back. A test holds this list to the spec. Everything else read goes back unchanged (siteConfig is never returned by GET, so
    /// none is sent, as the CLI's GET → PUT does).
    /// </summary>
    internal static readonly string[] ReadOnlyProperties =
    [
        "state", "hostNames", "repositorySiteName", "usageState", "enabledHostNames", "availabilityState", "lastModifiedTimeUtc",
        "trafficManagerHostNames", "targetSwapSlot", "outboundIpAddresses", "possibleOutboundIpAddresses", "suspendedTill",
        "maxNumberOfWorkers", "resourceGroup", "isDefaultContainer", "defaultHostName", "slotSwapStatus", "inProgressOperationId", "sku",
    ];

    /// <summary>Top-level members of the GET sent back in the PUT (id, name, type are read-only; etag and systemData are not PUT members).</summary>
    internal static readonly string[] KeptTopLevel = ["location", "kind", "tags", "identity", "extendedLocation"];

    /// <summary>The PUT body: the site as read, without read-only members, with the target scale settings.</summary>
    /// <exception cref="FormatException">The site read has no functionAppConfig (not a Flex Consumption app).</exception>
    internal static JsonObject PutBody(JsonNode? read, FunctionAppConfig target)
    {
        var body = new JsonObject();
        foreach (var name in KeptTopLevel)
        {
            if (read?[name] is { } value)
            {
                body[name] = value.DeepClone();
            }
        }

        var properties = new JsonObject();
        foreach (var (name, value) in read?["properties"] as JsonObject ?? [])
        {
            if (!ReadOnlyProperties.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                properties[name] = value?.DeepClone();
            }
        }

        if (properties["functionAppConfig"]?["scaleAndConcurrency"] is not JsonObject scale)
        {
            throw new FormatException("site has no properties.functionAppConfig.scaleAndConcurrency: not a Flex Consumption app.");
        }

        scale["instanceMemoryMB"] = target.InstanceMemoryMb;
        scale["maximumInstanceCount"] = target.MaximumInstanceCount;
        body["properties"] = properties;
        return body;
    }

    /// <summary>Projects a site's Flex scale settings, or null when it has none.</summary>
    public static FunctionAppConfig? Project(JsonNode? json)
    {
        var scale = json?["properties"]?["functionAppConfig"]?["scaleAndConcurrency"];
        var memory = scale?["instanceMemoryMB"]?.GetValue<int>();
        var max = scale?["maximumInstanceCount"]?.GetValue<int>();
        return memory is null || max is null ? null : new FunctionAppConfig(memory.Value, max.Value);
    }
}
