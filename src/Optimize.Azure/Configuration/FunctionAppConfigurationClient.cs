using System.Text.Json.Nodes;
using Azure.Core;
using Optimize.Azure.Http;
using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Azure.Configuration;

/// <summary>
/// Flex Consumption scale settings: GET and PATCH <c>Microsoft.Web/sites</c> (api-version <see cref="ApiVersion"/>), PATCH body
/// <c>{"properties":{"functionAppConfig":{"scaleAndConcurrency":{instanceMemoryMB?, maximumInstanceCount?}}}}</c> with only the changed fields.
/// Would be replaced by Azure.ResourceManager.AppService (<c>WebSiteResource.UpdateAsync</c>).
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
        var scale = new JsonObject();
        if (current.InstanceMemoryMb != target.InstanceMemoryMb)
        {
            scale["instanceMemoryMB"] = target.InstanceMemoryMb;
        }

        if (current.MaximumInstanceCount != target.MaximumInstanceCount)
        {
            scale["maximumInstanceCount"] = target.MaximumInstanceCount;
        }

        var body = new JsonObject { ["properties"] = new JsonObject { ["functionAppConfig"] = new JsonObject { ["scaleAndConcurrency"] = scale } } };
        const string call = "PATCH Microsoft.Web/sites";
        var response = await http.SendAsync(RequestMethod.Patch, ResourceIds.Url(http.Options.ArmEndpoint, resource.Id, ApiVersion),
            body, call, ArmActions.SiteWrite, cancellationToken).ConfigureAwait(false);
        await http.WaitForCompletionAsync(response, call, ArmActions.SiteRead, cancellationToken).ConfigureAwait(false);
        return null;
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
