using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Policy;

/// <summary>
/// Policy as code: what Optimize may look at, when and how far it may change it, and what it must watch.
/// Loaded from JSON (see <c>policy.schema.json</c>) and validated before any pass; the defaults here are the
/// shipped default policy (safe: recommend only).
/// </summary>
public sealed record OptimizePolicy
{
    /// <summary>Schema version of the file.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Mode for resources that match a scope with no mode of its own.</summary>
    public ChangeMode DefaultMode { get; init; } = ChangeMode.Recommend;

    /// <summary>Where Optimize looks; a resource belongs to the first scope it matches. None matched: out of scope.</summary>
    public IReadOnlyList<PolicyScope> Scopes { get; init; } = [new PolicyScope()];

    /// <summary>Opt-in and opt-out tags.</summary>
    public TagPolicy Tags { get; init; } = new();

    /// <summary>When changes may start a stage. Empty means any time. Rollbacks are never held back by a window.</summary>
    public IReadOnlyList<ChangeWindow> ChangeWindows { get; init; } = [new ChangeWindow()];

    /// <summary>How long a resource rests after a change or a rollback.</summary>
    public CooldownPolicy Cooldowns { get; init; } = new();

    /// <summary>Blast-radius limits.</summary>
    public LimitPolicy Limits { get; init; } = new();

    /// <summary>Savings threshold.</summary>
    public SavingsPolicy Savings { get; init; } = new();

    /// <summary>Lookback and data coverage.</summary>
    public DataPolicy Data { get; init; } = new();

    /// <summary>Approval gate.</summary>
    public ApprovalPolicy Approval { get; init; } = new();

    /// <summary>Alert handling.</summary>
    public AlertPolicy Alerts { get; init; } = new();

    /// <summary>Journal retention.</summary>
    public RetentionPolicy Retention { get; init; } = new();

    /// <summary>Per-kind sizing targets, guards and stages.</summary>
    public KindPolicies Kinds { get; init; } = new();
}

/// <summary>A set of resources and the mode that applies to them.</summary>
public sealed record PolicyScope
{
    /// <summary>Name shown in reports.</summary>
    public string Name { get; init; } = "default";

    /// <summary>Subscription ids; <c>*</c> matches any.</summary>
    public IReadOnlyList<string> Subscriptions { get; init; } = ["*"];

    /// <summary>Resource group names or globs (<c>rg-prod-*</c>); empty or <c>*</c> matches any. Case-insensitive.</summary>
    public IReadOnlyList<string> ResourceGroups { get; init; } = ["*"];

    /// <summary>Tags a resource must all carry (value <c>*</c> matches any value). Names case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Kinds this scope covers; empty means all.</summary>
    public IReadOnlyList<ResourceKind> Kinds { get; init; } = [];

    /// <summary>Mode in this scope; null means the policy's default mode.</summary>
    public ChangeMode? Mode { get; init; }
}

/// <summary>Opt-in and opt-out tags.</summary>
public sealed record TagPolicy
{
    /// <summary>A resource with this tag (any value except <c>false</c>) is never changed.</summary>
    public string OptOut { get; init; } = "optimize-opt-out";

    /// <summary>The tag that opts a resource in when <see cref="RequireOptIn"/> is set.</summary>
    public string OptIn { get; init; } = "optimize-opt-in";

    /// <summary>Only resources with the opt-in tag are changed (they are still analyzed and reported).</summary>
    public bool RequireOptIn { get; init; }
}

/// <summary>Rest periods.</summary>
public sealed record CooldownPolicy
{
    /// <summary>After a promoted change.</summary>
    public TimeSpan AfterChange { get; init; } = TimeSpan.FromDays(7);

    /// <summary>After a rollback (longer: the workload told us something).</summary>
    public TimeSpan AfterRollback { get; init; } = TimeSpan.FromDays(30);

    /// <summary>After an upsize was rolled back (it did not relieve the saturation it answered), no upsize of that
    /// resource is planned for this long; downsizes follow <see cref="AfterRollback"/>. Default twice the rollback rest:
    /// a workload that more capacity did not help is bound elsewhere (one thread, a lock, a dependency) and stays so until
    /// its code or load changes, so a blind retry after the ordinary rest would most likely fail the same way.</summary>
    public TimeSpan AfterIneffectiveUpsize { get; init; } = TimeSpan.FromDays(60);
}

/// <summary>Blast-radius limits.</summary>
public sealed record LimitPolicy
{
    /// <summary>Most changes one pass may start.</summary>
    public int MaxChangesPerPass { get; init; } = 10;

    /// <summary>Most changes in flight at once across the fleet.</summary>
    public int MaxInFlight { get; init; } = 5;

    /// <summary>Most monthly cost the upsizes one pass plans may add together (currency of <see cref="SavingsPolicy"/>);
    /// null: no cap. Upsizes are admitted most urgent first while they fit in what is left.</summary>
    public decimal? MaxMonthlyCostIncreasePerPass { get; init; }

    /// <summary>Most monthly cost one upsize may add to one resource; a dearer upsize is held with a reason naming the cap.
    /// Null: no cap.</summary>
    public decimal? MaxMonthlyCostIncreasePerResource { get; init; }
}

/// <summary>Savings threshold.</summary>
public sealed record SavingsPolicy
{
    /// <summary>Smallest monthly saving worth a change (does not apply to scale-ups).</summary>
    public decimal MinimumMonthly { get; init; } = 10m;

    /// <summary>Currency of prices and savings.</summary>
    public string Currency { get; init; } = "USD";
}

/// <summary>How much history a decision needs.</summary>
public sealed record DataPolicy
{
    /// <summary>How far back metrics are read.</summary>
    public TimeSpan Lookback { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Grain of the metric grid.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Share of expected points required before anything is recommended (0–1).</summary>
    public double MinimumCoverage { get; init; } = 0.9;
}

/// <summary>The approval gate.</summary>
public sealed record ApprovalPolicy
{
    /// <summary>How long a change waits for approval; then <see cref="OnTimeout"/> says what happens.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromHours(24);

    /// <summary>What a timeout does: <see cref="ApprovalTimeoutAction.Reject"/> (the default) ends the change, nothing applied;
    /// <see cref="ApprovalTimeoutAction.KeepWaiting"/> journals a reminder, notifies again and waits another timeout.</summary>
    public ApprovalTimeoutAction OnTimeout { get; init; } = ApprovalTimeoutAction.Reject;
}

/// <summary>What an approval timeout does (policy <c>approval.onTimeout</c>).</summary>
public enum ApprovalTimeoutAction
{
    /// <summary>The change is rejected; nothing was applied.</summary>
    Reject,

    /// <summary>The change keeps waiting; each timeout journals a reminder (and so notifies again).</summary>
    KeepWaiting,
}

/// <summary>Alert handling.</summary>
public sealed record AlertPolicy
{
    /// <summary>An alert on a resource Optimize changed within this window reverts that change.</summary>
    public TimeSpan RevertWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Severities that act (<c>Sev0</c> critical … <c>Sev4</c> verbose); others are ignored with a reason.</summary>
    public IReadOnlyList<string> Severities { get; init; } = ["Sev0", "Sev1", "Sev2"];

    /// <summary>Signal types that act (<c>Metric</c>, <c>Log</c>, <c>Activity Log</c>); others, and unknown ones, are ignored.</summary>
    public IReadOnlyList<string> SignalTypes { get; init; } = ["Metric", "Log"];

    /// <summary>Monitor conditions that act: <c>Fired</c>, or none at all. A resolved alert never acts.</summary>
    public IReadOnlyList<string> MonitorConditions { get; init; } = ["Fired"];

    /// <summary>An alert that fired longer ago than this when it arrives is ignored (a late retry, a replay).</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromHours(1);
}

/// <summary>Journal retention.</summary>
public sealed record RetentionPolicy
{
    /// <summary>Entries older than this are purged (active changes never are).</summary>
    public TimeSpan KeepFor { get; init; } = TimeSpan.FromDays(400);
}

/// <summary>Per-kind settings.</summary>
public sealed record KindPolicies
{
    /// <summary>Flex Consumption Function Apps.</summary>
    public KindPolicy FunctionApp { get; init; } = KindPolicy.Defaults(ResourceKind.FunctionApp);

    /// <summary>App Service plans.</summary>
    public KindPolicy AppServicePlan { get; init; } = KindPolicy.Defaults(ResourceKind.AppServicePlan);

    /// <summary>Virtual machines.</summary>
    public KindPolicy VirtualMachine { get; init; } = KindPolicy.Defaults(ResourceKind.VirtualMachine);

    /// <summary>VM scale sets.</summary>
    public KindPolicy ScaleSet { get; init; } = KindPolicy.Defaults(ResourceKind.ScaleSet);

    /// <summary>Autoscale settings.</summary>
    public KindPolicy AutoscaleSetting { get; init; } = KindPolicy.Defaults(ResourceKind.AutoscaleSetting);

    /// <summary>The settings of <paramref name="kind"/>.</summary>
    public KindPolicy For(ResourceKind kind) => kind switch
    {
        ResourceKind.FunctionApp => FunctionApp,
        ResourceKind.AppServicePlan => AppServicePlan,
        ResourceKind.VirtualMachine => VirtualMachine,
        ResourceKind.ScaleSet => ScaleSet,
        ResourceKind.AutoscaleSetting => AutoscaleSetting,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown resource kind."),
    };
}
