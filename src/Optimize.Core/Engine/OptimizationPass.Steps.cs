using Optimize.Advisors;
using Optimize.Changes;
using Optimize.Journal;
using Optimize.Metrics;
using Optimize.Metrics.History;
using Optimize.Model;
using Optimize.Planning;
using Optimize.Policy;
using Optimize.Pricing;
using Optimize.Recommendations;

namespace Optimize.Engine;

/// <content>The named steps of a pass.</content>
public sealed partial class OptimizationPass
{
    /// <summary>Step 1: inventory, matched to scopes. Out-of-scope, mode-off and disabled-kind resources are decided here
    /// and never have their metrics read.</summary>
    private async Task<(List<InventoryItem> All, List<InventoryItem> Analyzable, List<Advice> Early)> ListInventoryAsync(
        PassRequest request, IProgress<PassProgress>? progress, CancellationToken ct)
    {
        var matcher = new ScopeMatcher(request.Policy);
        var analyzable = new List<InventoryItem>();
        var early = new List<Advice>();
        var all = new List<InventoryItem>();
        await foreach (var item in _ports.Inventory.ListAsync(request.Scope, ct))
        {
            all.Add(item);
            var match = matcher.Match(item.Resource);
            if (!match.IsInScope)
            {
                early.Add(Advice.NoChange(item.Resource, SkipReasons.OutOfScope()));
            }
            else if (match.Mode == ChangeMode.Off)
            {
                early.Add(Advice.NoChange(item.Resource, SkipReasons.ModeOff(match.Scope!.Name)));
            }
            else if (!request.Policy.Kinds.For(item.Resource.Kind).Enabled || !_advisors.Kinds.Contains(item.Resource.Kind))
            {
                early.Add(Advice.NoChange(item.Resource, SkipReasons.KindDisabled(item.Resource.Kind.ToString())));
            }
            else
            {
                analyzable.Add(item);
            }

            if (all.Count % 1000 == 0)
            {
                progress?.Report(new PassProgress("inventory", all.Count, 0));
            }
        }

        progress?.Report(new PassProgress("inventory", all.Count, all.Count));
        return (all, analyzable, early);
    }

    /// <summary>Step 3: per kind, in chunks: read metrics (the reader batches), fold into summaries, advise.
    /// Only one chunk's summaries are alive at a time. Returns the number of chunks read.</summary>
    private async Task<int> AnalyzeAsync(
        List<InventoryItem> all, List<InventoryItem> items, OptimizePolicy policy, PriceSheet prices, List<Advice> advices,
        IProgress<PassProgress>? progress, CancellationToken ct)
    {
        var context = AdvisorContext.Create(_ports.Catalog, prices, policy, all);
        var end = Floor(_time.GetUtcNow(), policy.Data.Interval);
        var range = TimeRange.Ending(end, policy.Data.Lookback);
        var chunks = 0;
        var done = 0;
        foreach (var group in items.GroupBy(i => i.Resource.Kind))
        {
            var metrics = _advisors.RequiredMetricsFor(group.Key);
            // Chunks follow (subscription, region): the metrics reader batches per (subscription, region, namespace), so chunks in
            // inventory order would leave two part-full batches per group (325 calls for 10,000 resources against a lower bound
            // of 220; 235 in this order, bench/README.md "emulated-pass"). OrderBy is stable: inventory order within a group.
            foreach (var chunk in group.OrderBy(i => i.Resource.SubscriptionId, StringComparer.OrdinalIgnoreCase)
                         .ThenBy(i => RegionKey(i.Resource.Location), StringComparer.Ordinal).Chunk(ChunkSize))
            {
                var byId = chunk.ToDictionary(i => i.Resource.Id, StringComparer.OrdinalIgnoreCase);
                var (timelines, history) = await LoadHistoryAsync(chunk, ct);
                var query = new MetricQuery([.. chunk.Select(i => i.Resource)], metrics, range, policy.Data.Interval) { Configurations = timelines };
                await foreach (var summary in SummaryBuilder.SummarizeAsync(_ports.Metrics.ReadAsync(query, ct), query, history, ct))
                {
                    if (byId.TryGetValue(summary.ResourceId, out var item))
                    {
                        advices.Add(_advisors.Advise(item, summary, context));
                    }
                }

                chunks++;
                done += chunk.Length;
                progress?.Report(new PassProgress("analyze", done, items.Count));
            }
        }

        return chunks;
    }

    /// <summary>Step 3a: each resource's configuration timeline from the journal (the current configuration throughout without a
    /// journal), passed with the metrics query (a Flex app's memory % is read against the instance memory in effect at each point)
    /// and to the normalizer, so hours recorded before one of Optimize's changes are read as demand on the current configuration.
    /// Autoscale settings are not converted.</summary>
    private async Task<(Dictionary<string, ConfigurationTimeline> Timelines, HistoryNormalizer? Normalizer)> LoadHistoryAsync(InventoryItem[] chunk, CancellationToken ct)
    {
        var timelines = new Dictionary<string, ConfigurationTimeline>(StringComparer.OrdinalIgnoreCase);
        if (_ports.History is not { } journal)
        {
            foreach (var item in chunk)
            {
                timelines[item.Resource.Id] = ConfigurationTimeline.Unchanged(item.Config);
            }

            return (timelines, null);
        }

        var normalizer = new HistoryNormalizer(_ports.Catalog);
        var now = _time.GetUtcNow();
        foreach (var item in chunk)
        {
            if (item.Config is AutoscaleConfig)
            {
                timelines[item.Resource.Id] = ConfigurationTimeline.Unchanged(item.Config);
                continue;
            }

            var timeline = await JournalTimeline.LoadAsync(journal, item.Resource, item.Config, now, ct);
            timelines[item.Resource.Id] = timeline;
            normalizer.Add(item.Resource.Id, item.Config, timeline);
        }

        return (timelines, normalizer);
    }

    /// <summary>Step 4: the planner, over the journal's view of active and recent changes.</summary>
    private async Task<PlanResult> PlanAsync(string passId, PassRequest request, List<Advice> advices, CancellationToken ct)
    {
        var active = new List<ChangeRecord>();
        await foreach (var c in _ports.Changes.ListActiveAsync(ct))
        {
            active.Add(c);
        }

        var latest = new Dictionary<string, ChangeRecord>(StringComparer.OrdinalIgnoreCase);
        foreach (var advice in advices)
        {
            if (advice.IsRecommendation && await _ports.Changes.GetLatestForResourceAsync(advice.Resource.Id, ct) is { } last)
            {
                latest[advice.Resource.Id] = last;
            }
        }

        var result = Planner.Plan(new PlannerInput(passId, _time.GetUtcNow(), request.Policy, advices, active, latest));
        return request.ReadOnly
            ? result with { Plans = [] }
            : result;
    }

    /// <summary>Step 5: decisions, then every planned change as Planned, before any workflow may start.</summary>
    private async Task RecordAsync(PlanResult planned, CancellationToken ct)
    {
        await _ports.Passes.RecordDecisionsAsync(planned.Decisions, ct);
        var now = _time.GetUtcNow();
        foreach (var plan in planned.Plans)
        {
            await _ports.Changes.CreateAsync(ChangeRecord.Planned(plan, now), ct);
        }
    }

    private static DateTimeOffset Floor(DateTimeOffset t, TimeSpan interval) =>
        new(t.UtcTicks - (t.UtcTicks % interval.Ticks), TimeSpan.Zero);

    /// <summary>A region's name as ARM spells it in ids (<c>West Europe</c> and <c>westeurope</c> are one region).</summary>
    private static string RegionKey(string location) => location.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
