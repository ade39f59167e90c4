using System.Globalization;

namespace Optimize.Recommendations;

/// <summary>
/// Every skip reason code and its message template, in one place (so reports, tests and docs agree).
/// </summary>
public static class SkipReasons
{
    /// <summary>Not enough metric data to decide.</summary>
    public const string CoverageCode = "coverage";

    /// <summary>No metric data at all.</summary>
    public const string NoDataCode = "no-data";

    /// <summary>The current SKU or size is not in the catalog.</summary>
    public const string UnknownSkuCode = "unknown-sku";

    /// <summary>The resource carries the opt-out tag.</summary>
    public const string OptOutCode = "opt-out";

    /// <summary>The policy requires an opt-in tag and the resource lacks it.</summary>
    public const string NotOptedInCode = "not-opted-in";

    /// <summary>The resource matches no scope of the policy.</summary>
    public const string OutOfScopeCode = "out-of-scope";

    /// <summary>The matched scope's mode is off, or the kind is disabled.</summary>
    public const string ModeOffCode = "mode-off";

    /// <summary>The scope's mode is recommend: reported, never applied.</summary>
    public const string RecommendOnlyCode = "recommend-only";

    /// <summary>A recent change or rollback holds the resource.</summary>
    public const string CooldownCode = "cooldown";

    /// <summary>Now is outside every change window.</summary>
    public const string OutsideWindowCode = "outside-window";

    /// <summary>The saving is below the policy minimum.</summary>
    public const string BelowMinimumSavingsCode = "below-minimum-savings";

    /// <summary>A change to this resource is already in flight.</summary>
    public const string InFlightCode = "change-in-flight";

    /// <summary>The pass already planned as many changes as the policy allows.</summary>
    public const string PassLimitCode = "pass-limit";

    /// <summary>As many changes as the policy allows are in flight.</summary>
    public const string InFlightLimitCode = "in-flight-limit";

    /// <summary>The upsizes already planned in this pass leave too little of the per-pass cost cap.</summary>
    public const string PassCostCapCode = "pass-cost-cap";

    /// <summary>The upsize adds more monthly cost than the per-resource cap allows.</summary>
    public const string ResourceCostCapCode = "resource-cost-cap";

    /// <summary>The resource's latest upsize was rolled back: it did not relieve the saturation; not retried blindly.</summary>
    public const string IneffectiveUpsizeCode = "upsize-ineffective";

    /// <summary>Already the right size: nothing to change.</summary>
    public const string RightSizedCode = "right-sized";

    /// <summary>Already the smallest compatible size.</summary>
    public const string AlreadySmallestCode = "already-smallest";

    /// <summary>No compatible candidate exists in the catalog.</summary>
    public const string NoCandidateCode = "no-candidate";

    /// <summary>The price of the current or target SKU is unknown.</summary>
    public const string NoPriceCode = "no-price";

    /// <summary>The kind is not handled in this pass.</summary>
    public const string KindDisabledCode = "kind-disabled";

    /// <summary>Code: autoscale owns the capacity and no SKU change is due.</summary>
    public const string AutoscaledCapacityCode = "autoscaled-capacity";

    /// <summary>The advisor itself failed; a bug, recorded instead of crashing the pass.</summary>
    public const string AdvisorErrorCode = "advisor-error";

    private static string Pct(double ratio) => (ratio * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>"coverage 62% &lt; 90%".</summary>
    public static SkipReason Coverage(string metric, double coverage, double minimum) =>
        new(CoverageCode, $"{metric} coverage {Pct(coverage)} < {Pct(minimum)}");

    /// <summary>"no cpu data in the lookback".</summary>
    public static SkipReason NoData(string metric) => new(NoDataCode, $"no {metric} data in the lookback");

    /// <summary>"unknown SKU 'X1' (not in the catalog)".</summary>
    public static SkipReason UnknownSku(string sku) => new(UnknownSkuCode, $"unknown SKU '{sku}' (not in the catalog)");

    /// <summary>"opt-out tag 'optimize-opt-out'".</summary>
    public static SkipReason OptOut(string tag) => new(OptOutCode, $"opt-out tag '{tag}'");

    /// <summary>"no opt-in tag 'optimize-opt-in'".</summary>
    public static SkipReason NotOptedIn(string tag) => new(NotOptedInCode, $"no opt-in tag '{tag}'");

    /// <summary>"matches no policy scope".</summary>
    public static SkipReason OutOfScope() => new(OutOfScopeCode, "matches no policy scope");

    /// <summary>"mode off in scope 'prod'".</summary>
    public static SkipReason ModeOff(string scope) => new(ModeOffCode, $"mode off in scope '{scope}'");

    /// <summary>"recommend-only in scope 'prod'".</summary>
    public static SkipReason RecommendOnly(string scope) => new(RecommendOnlyCode, $"recommend-only in scope '{scope}'");

    /// <summary>"cooldown until 2026-11-30 02:00Z (after rollback)".</summary>
    public static SkipReason Cooldown(DateTimeOffset until, string after) =>
        new(CooldownCode, $"cooldown until {until.UtcDateTime:yyyy-MM-dd HH:mm}Z (after {after})");

    /// <summary>"outside change window (next opens 2026-11-24 01:00Z)".</summary>
    public static SkipReason OutsideWindow(DateTimeOffset? nextOpen) =>
        new(OutsideWindowCode, nextOpen is { } n
            ? $"outside change window (next opens {n.UtcDateTime:yyyy-MM-dd HH:mm}Z)"
            : "outside change window (none configured opens)");

    /// <summary>"saving 4.20 USD/month &lt; minimum 10.00".</summary>
    public static SkipReason BelowMinimumSavings(decimal saving, decimal minimum, string currency) =>
        new(BelowMinimumSavingsCode, string.Create(CultureInfo.InvariantCulture, $"saving {saving:0.00} {currency}/month < minimum {minimum:0.00}"));

    /// <summary>"change chg-… in flight".</summary>
    public static SkipReason InFlight(string changeId) => new(InFlightCode, $"change {changeId} in flight");

    /// <summary>"pass limit of 5 changes reached".</summary>
    public static SkipReason PassLimit(int limit) => new(PassLimitCode, $"pass limit of {limit} changes reached");

    /// <summary>"in-flight limit of 3 changes reached".</summary>
    public static SkipReason InFlightLimit(int limit) => new(InFlightLimitCode, $"in-flight limit of {limit} changes reached");

    /// <summary>"upsize adds 300.00 USD/month; 250.00 of the per-pass cap limits.maxMonthlyCostIncreasePerPass 500.00 already planned".</summary>
    public static SkipReason PassCostCap(decimal increase, decimal planned, decimal cap, string currency) =>
        new(PassCostCapCode, string.Create(CultureInfo.InvariantCulture,
            $"upsize adds {increase:0.00} {currency}/month; {planned:0.00} of the per-pass cap limits.maxMonthlyCostIncreasePerPass {cap:0.00} already planned"));

    /// <summary>"upsize adds 300.00 USD/month > per-resource cap limits.maxMonthlyCostIncreasePerResource 200.00".</summary>
    public static SkipReason ResourceCostCap(decimal increase, decimal cap, string currency) =>
        new(ResourceCostCapCode, string.Create(CultureInfo.InvariantCulture,
            $"upsize adds {increase:0.00} {currency}/month > per-resource cap limits.maxMonthlyCostIncreasePerResource {cap:0.00}"));

    /// <summary>"earlier upsize chg-… to Standard_E16s_v5 was rolled back (rolled back: upsize ineffective: …); no upsize until 2027-01-19 02:00Z".</summary>
    public static SkipReason IneffectiveUpsize(string changeId, string target, string outcome, DateTimeOffset until) =>
        new(IneffectiveUpsizeCode, $"earlier upsize {changeId} to {target} was rolled back ({outcome}); no upsize until {until.UtcDateTime:yyyy-MM-dd HH:mm}Z");

    /// <summary>"right-sized: cpu p95 55% within target".</summary>
    public static SkipReason RightSized(string detail) => new(RightSizedCode, $"right-sized: {detail}");

    /// <summary>"already the smallest compatible size".</summary>
    public static SkipReason AlreadySmallest() => new(AlreadySmallestCode, "already the smallest compatible size");

    /// <summary>"no compatible candidate: …".</summary>
    public static SkipReason NoCandidate(string detail) => new(NoCandidateCode, $"no compatible candidate: {detail}");

    /// <summary>"no price for P1v3 in westeurope".</summary>
    public static SkipReason NoPrice(string sku, string region) => new(NoPriceCode, $"no price for {sku} in {region}");

    /// <summary>The capacity is left to the autoscale setting <paramref name="setting"/>; <paramref name="sku"/> says why the SKU stays.</summary>
    public static SkipReason AutoscaledCapacity(string setting, string sku) =>
        new(AutoscaledCapacityCode, $"capacity left to autoscale setting {setting}; SKU: {sku}");

    /// <summary>"kind AppServicePlan disabled by policy".</summary>
    public static SkipReason KindDisabled(string kind) => new(KindDisabledCode, $"kind {kind} disabled by policy");

    /// <summary>"advisor failed: …".</summary>
    public static SkipReason AdvisorError(string message) => new(AdvisorErrorCode, $"advisor failed: {message}");
}
