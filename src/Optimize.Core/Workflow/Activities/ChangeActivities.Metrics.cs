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

    /// <summary>
    /// The summary of <paramref name="values"/> by <see cref="MetricAccumulator"/>, the pass's own summarizer, so a guard's p95
    /// and the p95 of the recommendation it checks are the same statistic (nearest rank on the log-linear histogram; NaN is a
    /// gap, counted as missing).
    /// </summary>
    internal static MetricSummary Summarize(string metric, ReadOnlySpan<double> values, int expected)
    {
        var accumulator = new MetricAccumulator();
        accumulator.AddRange(values);
        return accumulator.ToSummary(metric, expected);
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
        var accumulators = metrics.ToDictionary(m => m, _ => new MetricAccumulator(), StringComparer.Ordinal);
        await foreach (var series in _metrics.ReadAsync(query, ct).ConfigureAwait(false))
        {
            if (accumulators.TryGetValue(series.Metric, out var accumulator)
                && string.Equals(series.ResourceId, resource.Id, StringComparison.OrdinalIgnoreCase))
            {
                accumulator.AddRange(series.Values.Span);
            }
        }

        foreach (var (metric, accumulator) in accumulators)
        {
            result[metric] = accumulator.ToSummary(metric, query.ExpectedPoints);
        }

        return result;
    }
}
