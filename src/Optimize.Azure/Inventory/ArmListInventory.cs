using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Azure.Core;
using Optimize.Azure.Http;
using Optimize.Model;
using Optimize.Ports;

namespace Optimize.Azure.Inventory;

/// <summary>
/// Inventory through ARM list calls (GET per subscription or resource group and type, following <c>nextLink</c>): the fallback when
/// Resource Graph is refused. When plans are in scope the sites of each parent are listed first, so every plan carries the sites
/// hosted on it (<see cref="ResourceRef.HostedSites"/>, from each site's <c>properties.serverFarmId</c>). Would be replaced by the list methods of Azure.ResourceManager.Compute/.AppService/.Monitor.
/// Actions: <see cref="ArmActions.VirtualMachineRead"/>, <see cref="ArmActions.ScaleSetRead"/>, <see cref="ArmActions.ServerFarmRead"/>,
/// <see cref="ArmActions.SiteRead"/>, <see cref="ArmActions.AutoscaleRead"/>.
/// </summary>
public sealed class ArmListInventory : IInventory
{
    private static readonly IReadOnlyDictionary<ResourceKind, (string Provider, string ApiVersion, string Action)> Lists =
        new Dictionary<ResourceKind, (string, string, string)>
        {
            [ResourceKind.VirtualMachine] = ("Microsoft.Compute/virtualMachines", "2024-07-01", ArmActions.VirtualMachineRead),
            [ResourceKind.ScaleSet] = ("Microsoft.Compute/virtualMachineScaleSets", "2024-07-01", ArmActions.ScaleSetRead),
            [ResourceKind.AppServicePlan] = ("Microsoft.Web/serverfarms", "2024-11-01", ArmActions.ServerFarmRead),
            [ResourceKind.FunctionApp] = ("Microsoft.Web/sites", "2024-11-01", ArmActions.SiteRead),
            [ResourceKind.AutoscaleSetting] = ("Microsoft.Insights/autoscalesettings", "2022-10-01", ArmActions.AutoscaleRead),
        };

    private readonly AzureHttp _http;
    private readonly IConfigurationClient _configuration;
    private readonly Action<string> _skipped;

    internal ArmListInventory(AzureHttp http, IConfigurationClient configuration, Action<string>? skipped = null)
    {
        _http = http;
        _configuration = configuration;
        _skipped = skipped ?? (_ => { });
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<InventoryItem> ListAsync(InventoryScope scope, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var kinds = scope.Kinds.Count == 0 ? Enum.GetValues<ResourceKind>() : scope.Kinds.Distinct().ToArray();
        var root = _http.Options.ArmEndpoint.AbsoluteUri.TrimEnd('/');
        foreach (var subscription in scope.Subscriptions)
        {
            // The subscription's autoscale settings first (a setting may sit in another group than its target): scale sets and
            // plans an enabled one targets carry it.
            var autoscaled = new AutoscaleTargets();
            if (AutoscaleTargets.Needed(scope.Kinds))
            {
                await foreach (var row in RowsAsync(root, $"/subscriptions/{subscription}", ResourceKind.AutoscaleSetting, cancellationToken).ConfigureAwait(false))
                {
                    autoscaled.Add(row);
                }
            }

            var parents = scope.ResourceGroups.Count == 0
                ? [$"/subscriptions/{subscription}"]
                : scope.ResourceGroups.Select(g => $"/subscriptions/{subscription}/resourceGroups/{g}").ToArray();
            foreach (var parent in parents)
            {
                // When plans are listed, the sites under the same parent are listed first: each plan carries the sites hosted on it.
                var hosted = new HostedSites();
                List<JsonNode>? sites = null;
                if (kinds.Contains(ResourceKind.AppServicePlan))
                {
                    sites = [];
                    await foreach (var row in RowsAsync(root, parent, ResourceKind.FunctionApp, cancellationToken).ConfigureAwait(false))
                    {
                        sites.Add(row);
                        hosted.Add(row);
                    }
                }

                foreach (var kind in kinds)
                {
                    var rows = kind == ResourceKind.FunctionApp && sites is not null
                        ? sites.ToAsyncEnumerable()
                        : RowsAsync(root, parent, kind, cancellationToken);
                    await foreach (var row in rows.ConfigureAwait(false))
                    {
                        var item = await ResourceGraphInventory.ProjectAsync(row, _configuration, _skipped, cancellationToken).ConfigureAwait(false);
                        if (item is not null)
                        {
                            yield return autoscaled.Apply(hosted.Apply(item));
                        }
                    }
                }
            }
        }
    }

    /// <summary>Every resource of <paramref name="kind"/> under <paramref name="parent"/>, following <c>nextLink</c>.</summary>
    private async IAsyncEnumerable<JsonNode> RowsAsync(string root, string parent, ResourceKind kind, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (provider, apiVersion, action) = Lists[kind];
        Uri? next = new($"{root}{parent}/providers/{provider}?api-version={apiVersion}");
        while (next is not null)
        {
            var response = await _http.SendAsync(RequestMethod.Get, next, null, $"GET {provider} (list)", action, cancellationToken).ConfigureAwait(false);
            foreach (var row in (response.Json?["value"] as JsonArray ?? []).OfType<JsonNode>())
            {
                yield return row;
            }

            var link = response.Json?["nextLink"]?.GetValue<string>();
            next = string.IsNullOrEmpty(link) ? null : new Uri(link);
        }
    }
}
