using System.Globalization;
using Optimize.Metrics;

namespace Optimize.Guards;

/// <summary>
/// Pure guard evaluation (argo-rollouts <c>evaluate.go</c> style): each guard's observed statistic is classified as
/// Successful, Inconclusive or Failed with a sentence holding the numbers; a stage takes the worst guard.
/// Too little data is Inconclusive, never Successful.
/// </summary>
public static class GuardAssessor
{
    /// <summary>Assesses every guard against its observed summary and the baseline; the worst guard wins.</summary>
    /// <param name="guards">The plan's guards.</param>
    /// <param name="baseline">Pre-change statistics (see <see cref="Baseline"/>).</param>
    /// <param name="observed">Summaries over the observed window, by metric name; a missing metric has no data.</param>
    /// <param name="at">When the check ran.</param>
    /// <param name="noDataReasons">Why a metric is known to have no data (by metric name), added to its "no data" verdict; may be null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static StageVerdict Assess(
        IReadOnlyList<GuardSpec> guards,
        GuardBaseline baseline,
        IReadOnlyDictionary<string, MetricSummary> observed,
        DateTimeOffset at,
        IReadOnlyDictionary<string, string>? noDataReasons = null)
    {
        ArgumentNullException.ThrowIfNull(guards);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(observed);
        var verdicts = new List<GuardVerdict>(guards.Count);
        foreach (var guard in guards)
        {
            observed.TryGetValue(guard.Metric, out var summary);
            double? before = baseline.Values.TryGetValue(BaselineKey(guards, guard), out var b) ? b : null;
            var verdict = AssessGuard(guard, before, summary);
            if ((summary is null || !summary.HasData) && noDataReasons?.GetValueOrDefault(guard.Metric) is { } why)
            {
                verdict = verdict with { Message = $"{verdict.Message} ({why})" };
            }

            verdicts.Add(verdict);
        }

        return StageVerdict.Of(verdicts, at);
    }

    /// <summary>Assesses one guard.</summary>
    /// <param name="guard">The guard.</param>
    /// <param name="baseline">The guard statistic before the change, or null when unknown.</param>
    /// <param name="observed">The summary over the observed window, or null when the metric returned no data.</param>
    public static GuardVerdict AssessGuard(GuardSpec guard, double? baseline, MetricSummary? observed)
    {
        ArgumentNullException.ThrowIfNull(guard);
        var name = $"{guard.Metric} {guard.Statistic}";
        if (observed is null || !observed.HasData)
        {
            return new GuardVerdict(guard.Metric, VerdictKind.Inconclusive, $"{name}: no data", null, baseline);
        }

        if (observed.Coverage < guard.MinimumCoverage)
        {
            return new GuardVerdict(
                guard.Metric,
                VerdictKind.Inconclusive,
                $"{name}: coverage {Percent(observed.Coverage)} < {Percent(guard.MinimumCoverage)}",
                null,
                baseline);
        }

        var value = observed.Get(guard.Statistic);
        if (double.IsNaN(value))
        {
            return new GuardVerdict(guard.Metric, VerdictKind.Inconclusive, $"{name}: no value", null, baseline);
        }

        if (guard.AbsoluteMax is { } max && value > max)
        {
            return new GuardVerdict(guard.Metric, VerdictKind.Failed, $"{name} {N(value)} > {N(max)} (limit)", value, baseline);
        }

        var regressionOnly = guard.AbsoluteMax is null;
        var hasRegressionLimit = guard.MaxRegressionPercent is not null || guard.MaxIncrease is not null;
        if (hasRegressionLimit && baseline is null)
        {
            if (regressionOnly)
            {
                return new GuardVerdict(guard.Metric, VerdictKind.Inconclusive, $"{name} {N(value)}: no baseline to compare with", value, null);
            }
        }
        else if (baseline is { } before)
        {
            if (guard.MaxRegressionPercent is { } pct && value > before * (1 + (pct / 100)))
            {
                return new GuardVerdict(guard.Metric, VerdictKind.Failed, $"{name} {N(value)} > {N(before)} +{N(pct)}% (baseline)", value, before);
            }

            if (guard.MaxIncrease is { } inc && value > before + inc)
            {
                return new GuardVerdict(guard.Metric, VerdictKind.Failed, $"{name} {N(value)} > {N(before)} +{N(inc)} (baseline)", value, before);
            }
        }

        return new GuardVerdict(guard.Metric, VerdictKind.Successful, $"{name} {N(value)} within limits", value, baseline);
    }

    /// <summary>
    /// The baseline of the guards from pre-change summaries: each guard's statistic when its summary has at least the
    /// guard's minimum coverage; a guard without enough data is absent (and named in the message).
    /// </summary>
    /// <param name="guards">The plan's guards.</param>
    /// <param name="summaries">Pre-change summaries by metric name.</param>
    public static GuardBaseline Baseline(IReadOnlyList<GuardSpec> guards, IReadOnlyDictionary<string, MetricSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(guards);
        ArgumentNullException.ThrowIfNull(summaries);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var parts = new List<string>(guards.Count);
        foreach (var guard in guards)
        {
            var key = BaselineKey(guards, guard);
            if (values.ContainsKey(key))
            {
                continue;
            }

            summaries.TryGetValue(guard.Metric, out var s);
            var value = s is { HasData: true } ? s.Get(guard.Statistic) : double.NaN;
            if (s is null || !s.HasData || double.IsNaN(value))
            {
                parts.Add($"{guard.Metric} {guard.Statistic}: no data");
            }
            else if (s.Coverage < guard.MinimumCoverage)
            {
                parts.Add($"{guard.Metric} {guard.Statistic}: coverage {Percent(s.Coverage)} < {Percent(guard.MinimumCoverage)}");
            }
            else
            {
                values[key] = value;
                parts.Add($"{guard.Metric} {guard.Statistic} {N(value)}");
            }
        }

        return new GuardBaseline(values, parts.Count == 0 ? "no guards" : string.Join("; ", parts));
    }

    /// <summary>
    /// The key of a guard's value in <see cref="GuardBaseline.Values"/>: the metric name, or <c>metric.statistic</c>
    /// when the guards check several statistics of the same metric.
    /// </summary>
    public static string BaselineKey(IReadOnlyList<GuardSpec> guards, GuardSpec guard)
    {
        ArgumentNullException.ThrowIfNull(guards);
        ArgumentNullException.ThrowIfNull(guard);
        var shared = guards.Any(g => g.Metric == guard.Metric && !string.Equals(g.Statistic, guard.Statistic, StringComparison.OrdinalIgnoreCase));
        return shared ? $"{guard.Metric}.{guard.Statistic.ToLowerInvariant()}" : guard.Metric;
    }

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
