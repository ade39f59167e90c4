using System.Text.Json.Nodes;
using Azure.Core;
using Optimize.Azure.Http;
using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Azure.Configuration;

/// <summary>
/// App Service plan SKU and workers: GET, then PUT <c>Microsoft.Web/serverfarms</c> (api-version <see cref="ApiVersion"/>) with the
/// resource as read back (top-level <see cref="KeptTopLevel"/>, and <c>properties</c> minus <see cref="ReadOnlyProperties"/>) and the
/// target <c>sku</c> {name, tier, capacity}. PUT replaces the whole resource, so every writable property read is sent back
/// (shared/azure-contract/specs/NOTES.md (c)). <c>If-Match</c> is sent only when the GET carried an ETag
/// (<see cref="AzureResponse.ReadETag"/>: the <c>ETag</c> header, else a body <c>etag</c>); the published serverfarm GET examples
/// carry neither, and then the PUT is unconditional (last writer wins).
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
        // The read resource goes back without its read-only members; the sku carries name and tier together, and the capacity.
        var url = ResourceIds.Url(http.Options.ArmEndpoint, resource.Id, ApiVersion);
        var read = await http.SendAsync(RequestMethod.Get, url, null, "GET Microsoft.Web/serverfarms", ArmActions.ServerFarmRead, cancellationToken).ConfigureAwait(false);
        var body = PutBody(read.Json, target);
        const string call = "PUT Microsoft.Web/serverfarms";
        var response = await http.SendAsync(RequestMethod.Put, url, body, call, ArmActions.ServerFarmWrite, cancellationToken, read.ReadETag).ConfigureAwait(false);
        await http.WaitForCompletionAsync(response, call, ArmActions.ServerFarmRead, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Members of <c>AppServicePlan.properties</c> marked <c>readOnly: true</c> in the 2024-11-01 spec (server-set): not sent back.
    /// A test holds this list to the spec; everything else read in <c>properties</c> is sent back unchanged, create-only members
    /// (hostingEnvironmentProfile, reserved, isXenon, hyperV) included, since a PUT without them would default them.
    /// </summary>
    internal static readonly string[] ReadOnlyProperties =
    [
        "status", "subscription", "maximumNumberOfWorkers", "numberOfWorkers", "geoRegion", "numberOfSites", "resourceGroup", "provisioningState",
    ];

    /// <summary>
    /// Top-level members copied from the GET into the PUT: the writable ones of <c>AppServicePlan</c> and its <c>Resource</c> base
    /// besides <c>properties</c> and <c>sku</c> (built here). id, name and type are read-only; anything else (etag, systemData) is not part of the PUT body.
    /// </summary>
    internal static readonly string[] KeptTopLevel = ["location", "kind", "tags", "extendedLocation"];

    /// <summary>The PUT body: the resource as read without read-only members, and the target SKU and workers.</summary>
    internal static JsonObject PutBody(JsonNode? read, AppServicePlanConfig target)
    {
        var body = new JsonObject();
        foreach (var name in KeptTopLevel)
        {
            if (read?[name] is { } value)
            {
                body[name] = value.DeepClone();
            }
        }

        body["sku"] = new JsonObject
        {
            ["name"] = target.Sku,
            ["tier"] = AppServiceTiers.TierOf(target.Sku),
            ["capacity"] = target.Workers,
        };

        var properties = new JsonObject();
        if (read?["properties"] is JsonObject source)
        {
            foreach (var (name, value) in source)
            {
                if (!ReadOnlyProperties.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    properties[name] = value?.DeepClone();
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
