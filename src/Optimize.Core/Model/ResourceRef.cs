using System.Text.Json.Serialization;

namespace Optimize.Model;

/// <summary>
/// Identifies one Azure resource and the facts about it that scope and policy decisions need.
/// Immutable and serializable: it crosses durable boundaries.
/// </summary>
public sealed record ResourceRef
{
    /// <summary>Creates a reference; the id must be an ARM id of the form
    /// <c>/subscriptions/{sub}/resourceGroups/{rg}/providers/{ns}/{type}/{name}</c>.</summary>
    /// <exception cref="ArgumentException">The id is not an ARM resource id.</exception>
    public ResourceRef(string id, ResourceKind kind, string location, IReadOnlyDictionary<string, string>? tags = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 8
            || !parts[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase)
            || !parts[2].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase)
            || !parts[4].Equals("providers", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{id}' is not an ARM resource id (/subscriptions/{{sub}}/resourceGroups/{{rg}}/providers/{{namespace}}/{{type}}/{{name}}).", nameof(id));
        }

        Id = id;
        Kind = kind;
        Location = location;
        Tags = tags ?? new Dictionary<string, string>();
    }

    /// <summary>The ARM resource id, as Azure spells it.</summary>
    public string Id { get; }

    /// <summary>What kind of resource this is.</summary>
    public ResourceKind Kind { get; }

    /// <summary>The Azure region, for example <c>westeurope</c>.</summary>
    public string Location { get; }

    /// <summary>The resource's tags (names compared case-insensitively by policy).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>Whose meters price it: read by the inventory per VM, scale set and App Service plan (Linux when unknown).
    /// Not part of equality.</summary>
    public OsFamily Os { get; init; }

    /// <summary>
    /// App Service plans: the ids of the <c>Microsoft.Web/sites</c> hosted on the plan, as the inventory listed them (sites whose
    /// <c>properties.serverFarmId</c> is this plan). A plan emits no response time, 5xx or request count, so its latency and error
    /// rate are read from these sites. Empty for other kinds and for a plan hosting no site. Serialized (it crosses durable
    /// boundaries with the resource; a null read back is empty); not part of equality.
    /// </summary>
    public IReadOnlyList<string> HostedSites { get; init => field = value ?? []; } = [];

    /// <summary>
    /// Scale sets and App Service plans: the id of the enabled autoscale setting whose <c>properties.targetResourceUri</c> is this
    /// resource, as the inventory read it; null when none. The capacity then belongs to autoscale (two controllers would fight):
    /// advisors change only the SKU and configuration clients keep the capacity in effect (<see cref="AutoscaledCapacity"/>).
    /// Serialized (omitted when null); not part of equality.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AutoscaledBy { get; init; }

    /// <summary>
    /// Autoscale settings: the <c>metricTrigger.metricResourceUri</c> of the default profile's CPU rule, as the inventory read it
    /// (the <c>MetricTriggerSource</c> whose <c>ObservedMetricValue</c> is the CPU that rule saw); null for other kinds or when
    /// unknown. Serialized (omitted when null); not part of equality.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CpuRuleSource { get; init; }

    /// <summary>The subscription id segment of <see cref="Id"/>.</summary>
    [JsonIgnore]
    public string SubscriptionId => Segment(1);

    /// <summary>The resource group segment of <see cref="Id"/>.</summary>
    [JsonIgnore]
    public string ResourceGroup => Segment(3);

    /// <summary>The last segment of <see cref="Id"/>.</summary>
    [JsonIgnore]
    public string Name => Id[(Id.LastIndexOf('/') + 1)..];

    private string Segment(int index) => Id.Split('/', StringSplitOptions.RemoveEmptyEntries)[index];

    /// <inheritdoc />
    public bool Equals(ResourceRef? other) =>
        other is not null && string.Equals(Id, other.Id, StringComparison.OrdinalIgnoreCase) && Kind == other.Kind;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(Id), Kind);
}
