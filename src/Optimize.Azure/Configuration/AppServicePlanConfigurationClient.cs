using System.Text.Json.Nodes;
using Azure.Core;
using Optimize.Azure.Http;
using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Azure.Configuration;

/// <summary>
/// App Service plan SKU and workers: GET and PATCH <c>Microsoft.Web/serverfarms</c> (api-version <see cref="ApiVersion"/>),
/// PATCH body <c>{"sku":{name,tier,capacity}}</c> with only the changed fields (tier goes with a name change).
/// Would be replaced by Azure.ResourceManager.AppService (<c>AppServicePlanResource.UpdateAsync</c>).
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
        var sku = new JsonObject();
        if (!string.Equals(current.Sku, target.Sku, StringComparison.OrdinalIgnoreCase))
        {
            sku["name"] = target.Sku;
            sku["tier"] = AppServiceTiers.TierOf(target.Sku);
        }

        if (current.Workers != target.Workers)
        {
            sku["capacity"] = target.Workers;
        }

        const string call = "PATCH Microsoft.Web/serverfarms";
        var response = await http.SendAsync(RequestMethod.Patch, ResourceIds.Url(http.Options.ArmEndpoint, resource.Id, ApiVersion),
            new JsonObject { ["sku"] = sku }, call, ArmActions.ServerFarmWrite, cancellationToken).ConfigureAwait(false);
        await http.WaitForCompletionAsync(response, call, ArmActions.ServerFarmRead, cancellationToken).ConfigureAwait(false);
        return null;
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
