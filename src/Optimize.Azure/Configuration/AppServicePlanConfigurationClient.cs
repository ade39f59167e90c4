using System.Text.Json.Nodes;
using Azure.Core;
using Optimize.Azure.Http;
using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Azure.Configuration;

/// <summary>
/// App Service plan SKU and workers: GET, then PUT <c>Microsoft.Web/serverfarms</c> (api-version <see cref="ApiVersion"/>)
/// with the resource's writable fields and the target <c>sku</c> {name, tier, capacity}, <c>If-Match</c> its ETag.
/// Would be replaced by Azure.ResourceManager.AppService (<c>AppServicePlanCollection.CreateOrUpdateAsync</c>).
/// Actions: <see cref="ArmActions.ServerFarmRead"/>, <see cref="ArmActions.ServerFarmWrite"/>.
/// </summary>
internal sealed class AppServicePlanConfigurationClient(AzureHttp http) : ConfigurationClientBase<AppServicePlanConfig>
{
    /// <summary>Pinned api-version.</summary>
    public const string ApiVersion = "2024-11-01";

    protected override ResourceKind Kind => ResourceKind.AppServicePlan;

    protected override async Task<AppServicePlanConfig> ReadCoreAsync(ResourceRef resource, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(RequestMethod.Get, ResourceIds.Url(http.Options.ArmEndpoint, resource.Id, ApiVersion), null,
            "GET Microsoft.Web/serverfarms", ArmActions.ServerFarmRead, cancellationToken).ConfigureAwait(false);
        return Project(response.Json);
    }

    protected override async Task<ChangeFailure?> WriteCoreAsync(
        ResourceRef resource, AppServicePlanConfig current, AppServicePlanConfig target, bool allowDeallocation, CancellationToken cancellationToken)
    {
        // PATCH cannot change a plan's SKU or worker count (the PATCH body, AppServicePlanPatchResource, has no 'sku'),
        // so this is GET → modify sku → PUT with If-Match, as the Azure CLI's 'appservice plan update --sku' does.
        // Only writable properties are sent back; the sku carries name and tier together, and the capacity.
        var url = ResourceIds.Url(http.Options.ArmEndpoint, resource.Id, ApiVersion);
        var read = await http.SendAsync(RequestMethod.Get, url, null, "GET Microsoft.Web/serverfarms", ArmActions.ServerFarmRead, cancellationToken).ConfigureAwait(false);
        var body = PutBody(read.Json, target);
        var etag = read.Json?["etag"]?.GetValue<string>();

        const string call = "PUT Microsoft.Web/serverfarms";
        var response = await http.SendAsync(RequestMethod.Put, url, body, call, ArmActions.ServerFarmWrite, cancellationToken, etag).ConfigureAwait(false);
        await http.WaitForCompletionAsync(response, call, ArmActions.ServerFarmRead, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Writable serverfarm properties, copied from the GET into the PUT (everything else is read-only).</summary>
    internal static readonly string[] WritableProperties =
    [
        "perSiteScaling", "elasticScaleEnabled", "maximumElasticWorkerCount", "isSpot", "spotExpirationTime", "freeOfferExpirationTime",
        "reserved", "isXenon", "hyperV", "targetWorkerCount", "targetWorkerSizeId", "kubeEnvironmentProfile", "zoneRedundant",
        "hostingEnvironmentProfile", "workerTierName", "isCustomMode", "network",
    ];

    /// <summary>The PUT body: the resource as read, with only writable properties, and the target SKU and workers.</summary>
    internal static JsonObject PutBody(JsonNode? read, AppServicePlanConfig target)
    {
        var body = new JsonObject
        {
            ["location"] = read?["location"]?.DeepClone(),
            ["sku"] = new JsonObject
            {
                ["name"] = target.Sku,
                ["tier"] = AppServiceTiers.TierOf(target.Sku),
                ["capacity"] = target.Workers,
            },
        };
        if (read?["kind"] is { } kind)
        {
            body["kind"] = kind.DeepClone();
        }

        if (read?["tags"] is { } tags)
        {
            body["tags"] = tags.DeepClone();
        }

        var properties = new JsonObject();
        if (read?["properties"] is JsonObject source)
        {
            foreach (var name in WritableProperties)
            {
                if (source[name] is { } value)
                {
                    properties[name] = value.DeepClone();
                }
            }
        }

        body["properties"] = properties;
        return body;
    }

    /// <summary>Projects a serverfarm resource (ARM or Resource Graph shape).</summary>
    public static AppServicePlanConfig Project(JsonNode? json)
    {
        var sku = json?["sku"] ?? throw new FormatException("serverfarm has no 'sku'.");
        var name = sku["name"]?.GetValue<string>() ?? throw new FormatException("serverfarm has no 'sku.name'.");
        var capacity = sku["capacity"]?.GetValue<int>() ?? 1;
        return new AppServicePlanConfig(name, capacity);
    }
}
