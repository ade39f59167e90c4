using Optimize.Changes;
using Optimize.Guards;
using Optimize.Metrics;
using Optimize.Metrics.History;
using Optimize.Model;

namespace Optimize.Workflow.Activities;

/// <summary>The guard-metric facet of <see cref="ChangeActivities"/>.</summary>
public sealed partial class ChangeActivities
{
    /// <summary><see cref="ActivityNames.MeasureBaseline"/>: guard statistics over [Start, End). A metrics failure yields an
    /// empty baseline naming the error (regression guards then stay Inconclusive, so nothing promotes on it).</summary>
    public async Task<GuardBaseline> MeasureBaselineAsync(BaselineInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var summaries = await SummarizeAsync(input.Resource, input.Guards, input.Start, input.End, input.Configuration, ct).ConfigureAwait(false);
            return GuardAssessor.Baseline(input.Guards, summaries);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.MetricsFailed(input.Resource.Id, ex.Message);
            return new GuardBaseline(new Dictionary<string, double>(), $"baseline unavailable: {ex.Message}") { Failure = ex.Message };
        }
    }

    /// <summary><see cref="ActivityNames.AssessGuards"/>: guard verdicts over [From, To). A metrics failure is a verdict of
    /// kind <see cref="VerdictKind.Error"/> carrying the message, not an exception.</summary>
    public async Task<StageVerdict> AssessGuardsAsync(AssessInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var summaries = await SummarizeAsync(input.Resource, input.Guards, input.From, input.To, input.Configuration, ct).ConfigureAwait(false);
            return GuardAssessor.Assess(input.Guards, input.Baseline, summaries, input.To, NoDataReasons(input.Resource));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.MetricsFailed(input.Resource.Id, ex.Message);
            var error = input.Guards.Select(g => new GuardVerdict(g.Metric, VerdictKind.Error, $"{g.Metric}: metrics unavailable: {ex.Message}")).ToList();
            return error.Count == 0
                ? StageVerdict.Of([new GuardVerdict("*", VerdictKind.Error, $"metrics unavailable: {ex.Message}")], input.To)
                : StageVerdict.Of(error, input.To);
        }
    }

    /// <summary>Metrics a resource cannot have: a plan's latency and errors are its hosted sites' (it emits none itself), so a plan
    /// hosting no site has none.</summary>
    internal static IReadOnlyDictionary<string, string>? NoDataReasons(ResourceRef resource) =>
        resource.Kind == ResourceKind.AppServicePlan && resource.HostedSites.Count == 0
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [MetricNames.LatencyMs] = "the plan hosts no site: a plan's latency and errors are read from its sites",
                [MetricNames.ErrorPercent] = "the plan hosts no site: a plan's latency and errors are read from its sites",
            }
            : null;

    /// <summary>The grain guard metrics are read at: 5 minutes for windows up to two days, else one hour.</summary>
    internal static TimeSpan GrainFor(TimeSpan window) => window <= TimeSpan.FromDays(2) ? TimeSpan.FromMinutes(5) : TimeSpan.FromHours(1);

    /// <summary>Exact summary of the observed (non-NaN) values; percentiles by linear interpolation between ranks.</summary>
    internal static MetricSummary Summarize(string metric, List<double> values, int expected)
    {
        var observed = values.Where(v => !double.IsNaN(v)).ToArray();
        if (observed.Length == 0)
        {
            return MetricSummary.Empty(metric, expected);
        }

        var transitions = 0;
        for (var i = 1; i < observed.Length; i++)
        {
            transitions += observed[i] != observed[i - 1] ? 1 : 0;
        }

        var sorted = observed.Order().ToArray();
        return new MetricSummary(
            metric, expected, observed.Length, observed.Average(),
            Percentile(sorted, 0.50), Percentile(sorted, 0.90), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted[^1], transitions);
    }

    private static double Percentile(double[] sorted, double q)
    {
        var rank = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (rank - lo));
    }

    private async Task<Dictionary<string, MetricSummary>> SummarizeAsync(
        ResourceRef resource, IReadOnlyList<GuardSpec> guards, DateTimeOffset from, DateTimeOffset to, ConfigurationTimeline? configuration, CancellationToken ct)
    {
        var metrics = guards.Select(g => g.Metric).Distinct(StringComparer.Ordinal).ToList();
        var result = new Dictionary<string, MetricSummary>(StringComparer.Ordinal);
        if (metrics.Count == 0 || to <= from)
        {
            return result;
        }

        var query = new MetricQuery([resource], metrics, new TimeRange(from, to), GrainFor(to - from))
        {
            Configurations = configuration is null
                ? new Dictionary<string, ConfigurationTimeline>(StringComparer.OrdinalIgnoreCase)
                : new Dictionary<string, ConfigurationTimeline>(StringComparer.OrdinalIgnoreCase) { [resource.Id] = configuration },
        };
        var values = metrics.ToDictionary(m => m, _ => new List<double>(), StringComparer.Ordinal);
        await foreach (var series in _metrics.ReadAsync(query, ct).ConfigureAwait(false))
        {
            if (values.TryGetValue(series.Metric, out var list)
                && string.Equals(series.ResourceId, resource.Id, StringComparison.OrdinalIgnoreCase))
            {
                list.AddRange(series.Values.Span);
            }
        }

        foreach (var (metric, list) in values)
        {
            result[metric] = Summarize(metric, list, query.ExpectedPoints);
        }

        return result;
    }
}
