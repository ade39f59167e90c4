using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Azure.Core;
using Optimize.Azure.Http;
using Optimize.Model;
using Optimize.Ports;

namespace Optimize.Azure.Inventory;

/// <summary>
/// Inventory through Azure Resource Graph: POST <c>/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01</c> with a KQL
/// query over the five types, the subscriptions in the body and <c>options.$top</c>/<c>$skipToken</c> paging.
/// Would be replaced by Azure.ResourceManager.ResourceGraph (<c>TenantResource.GetResourcesAsync</c>). Action: <see cref="ArmActions.ResourceGraphRead"/>.
/// A Flex app whose row lacks <c>functionAppConfig</c> is read with GET site (<see cref="ArmActions.SiteRead"/>). When plans are in
/// scope, a first query (<see cref="SitesQuery"/>) lists the sites with a <c>properties.serverFarmId</c>, so each plan carries the
/// sites hosted on it (<see cref="ResourceRef.HostedSites"/>). Both queries stay inside the KQL subset the emulator documents
/// (<c>where</c> with <c>=~</c>, <c>in~</c>, <c>isnotnull</c>, <c>and</c>/<c>or</c>; <c>project</c> of columns). When scale sets or plans
/// are in scope, a query of the autoscale settings (<see cref="AutoscaleTargets.Query"/>) marks those an enabled setting targets
/// (<see cref="ResourceRef.AutoscaledBy"/>).
/// </summary>
public sealed class ResourceGraphInventory : IInventory
{
    /// <summary>Resource Graph api-version.</summary>
    public const string ApiVersion = "2022-10-01";

    /// <summary>Most subscriptions Resource Graph accepts in one request.</summary>
    public const int MaxSubscriptionsPerRequest = 1000;

    private const string Call = "POST Microsoft.ResourceGraph/resources";
    private readonly AzureHttp _http;
    private readonly IConfigurationClient _configuration;
    private readonly Action<string> _skipped;
    private long _quotaResetsAtTicks;

    internal ResourceGraphInventory(AzureHttp http, IConfigurationClient configuration, Action<string>? skipped = null)
    {
        _http = http;
        _configuration = configuration;
        _skipped = skipped ?? (_ => { });
    }

    /// <summary>The KQL query for <paramref name="scope"/>.</summary>
    public static string Query(InventoryScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var kinds = scope.Kinds.Count == 0 ? Enum.GetValues<ResourceKind>() : scope.Kinds.Distinct().ToArray();
        var types = string.Join(",", kinds.Select(k => $"'{InventoryProjection.Types[k]}'"));
        var query = "resources"
            + $" | where type in~ ({types})"
            + " | where type !~ 'microsoft.web/sites' or isnotnull(properties.functionAppConfig) or (kind contains 'functionapp' and properties.sku =~ 'FlexConsumption')";
        return query + GroupFilter(scope) + " | project id, type, kind, location, tags, sku, properties, managedBy";
    }

    /// <summary>The KQL query listing the sites hosted on plans in <paramref name="scope"/>'s resource groups (all when none).</summary>
    public static string SitesQuery(InventoryScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return "resources | where type =~ 'microsoft.web/sites' | where isnotnull(properties.serverFarmId)" + GroupFilter(scope) + " | project id, properties";
    }

    private static string GroupFilter(InventoryScope scope) =>
        scope.ResourceGroups.Count == 0
            ? string.Empty
            : $" | where resourceGroup in~ ({string.Join(",", scope.ResourceGroups.Select(g => $"'{g.Replace("'", string.Empty, StringComparison.Ordinal)}'"))})";

    /// <inheritdoc />
    public async IAsyncEnumerable<InventoryItem> ListAsync(InventoryScope scope, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Subscriptions.Count == 0)
        {
            throw new ArgumentException("The scope names no subscription.", nameof(scope));
        }

        var query = Query(scope);
        var plans = scope.Kinds.Count == 0 || scope.Kinds.Contains(ResourceKind.AppServicePlan);
        // At most 1,000 subscriptions per request ("Troubleshoot errors using Azure Resource Graph", Too many subscriptions:
        // batch the subscriptions in subsets within the 1,000 limit); each batch is paged on its own. A site is in its plan's
        // subscription, so each batch's sites are listed with it.
        foreach (var batch in scope.Subscriptions.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(MaxSubscriptionsPerRequest))
        {
            var hosted = new HostedSites();
            if (plans)
            {
                await foreach (var row in RowsAsync(batch, SitesQuery(scope), cancellationToken).ConfigureAwait(false))
                {
                    hosted.Add(row);
                }
            }

            var autoscaled = new AutoscaleTargets();
            if (AutoscaleTargets.Needed(scope.Kinds))
            {
                await foreach (var row in RowsAsync(batch, AutoscaleTargets.Query, cancellationToken).ConfigureAwait(false))
                {
                    autoscaled.Add(row);
                }
            }

            await foreach (var row in RowsAsync(batch, query, cancellationToken).ConfigureAwait(false))
            {
                var item = await ProjectAsync(row, _configuration, _skipped, cancellationToken).ConfigureAwait(false);
                if (item is not null)
                {
                    yield return autoscaled.Apply(hosted.Apply(item));
                }
            }
        }
    }

    /// <summary>Every row of <paramref name="query"/> over <paramref name="subscriptions"/>, following <c>$skipToken</c>.</summary>
    private async IAsyncEnumerable<JsonNode> RowsAsync(string[] subscriptions, string query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var uri = new Uri($"{_http.Options.ArmEndpoint.AbsoluteUri.TrimEnd('/')}/providers/Microsoft.ResourceGraph/resources?api-version={ApiVersion}");
        string? skipToken = null;
        do
        {
            var options = new JsonObject { ["$top"] = _http.Options.ResourceGraphPageSize, ["resultFormat"] = "objectArray" };
            if (skipToken is not null)
            {
                options["$skipToken"] = skipToken;
            }

            var body = new JsonObject
            {
                ["subscriptions"] = new JsonArray([.. subscriptions.Select(s => (JsonNode)s)]),
                ["query"] = query,
                ["options"] = options,
            };
            await WaitForQuotaAsync(cancellationToken).ConfigureAwait(false);
            var response = await _http.SendAsync(RequestMethod.Post, uri, body, Call, ArmActions.ResourceGraphRead, cancellationToken).ConfigureAwait(false);
            NoteQuota(response);
            var rows = response.Json?["data"] as JsonArray
                ?? throw new AzureCallException(ArmErrorMapper.FromException(new FormatException("no 'data' array (objectArray result)."), Call, ArmActions.ResourceGraphRead), response.Status);
            foreach (var row in rows.OfType<JsonNode>())
            {
                yield return row;
            }

            skipToken = response.Json?["$skipToken"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(skipToken));
    }

    /// <summary>
    /// Resource Graph's per-user quota ("Guidance for throttled requests in Azure Resource Graph", throttling headers): a response
    /// whose <c>x-ms-user-quota-remaining</c> is 0 means the next query in the window would draw a 429, so the next one (page,
    /// sites or settings query, next subscription batch) waits <c>x-ms-user-quota-resets-after</c> first.
    /// </summary>
    private void NoteQuota(AzureResponse response)
    {
        if (response.UserQuota is { Remaining: <= 0, ResetsAfter: var after } && after > TimeSpan.Zero)
        {
            Interlocked.Exchange(ref _quotaResetsAtTicks, (_http.Options.TimeProvider.GetUtcNow() + after).UtcTicks);
        }
    }

    /// <summary>Waits until the quota window noted by <see cref="NoteQuota"/> has reset (no wait when none is pending).</summary>
    private async Task WaitForQuotaAsync(CancellationToken cancellationToken)
    {
        var resetsAt = Interlocked.Read(ref _quotaResetsAtTicks);
        var wait = resetsAt == 0 ? TimeSpan.Zero : new DateTimeOffset(resetsAt, TimeSpan.Zero) - _http.Options.TimeProvider.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _http.Options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Projects a row; a Flex app without scale settings in the row is read directly.</summary>
    internal static async Task<InventoryItem?> ProjectAsync(JsonNode row, IConfigurationClient configuration, Action<string> skipped, CancellationToken cancellationToken)
    {
        var (resource, config, reason) = InventoryProjection.Project(row);
        if (resource is null)
        {
            skipped(reason!);
            return null;
        }

        if (config is null)
        {
            var read = await configuration.ReadAsync(resource, cancellationToken).ConfigureAwait(false);
            if (read.Config is null)
            {
                skipped($"{resource.Id}: {read.Failure}");
                return null;
            }

            config = read.Config;
        }

        return new InventoryItem(resource, config);
    }
}
