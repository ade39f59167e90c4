using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Optimize.Advisors;
using Optimize.Changes;
using Optimize.Journal;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Planning;
using Optimize.Policy;
using Optimize.Pricing;
using Optimize.Recommendations;

namespace Optimize.Engine;

/// <summary>
/// One pass of the loop: scope → inventory → metrics (batched) → summaries (streaming) → advisors → planner → journal.
/// Hosting-agnostic: the nightly timer, the CLI demo, <c>optimize plan</c> and backtests all call it. Each step is
/// named and timed (VPA <c>RunOnce</c> style). Every planned change is in the journal before it is returned, so nothing
/// is ever applied without a journal entry first; when the journal is down the pass stops before planning any change.
/// </summary>
public sealed partial class OptimizationPass
{
    /// <summary>Resources summarized together: bounds the summaries held at once, whatever the fleet size.</summary>
    public const int ChunkSize = 500;

    private readonly PassPorts _ports;
    private readonly AdvisorSet _advisors;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a pass over <paramref name="ports"/>.</summary>
    public OptimizationPass(PassPorts ports, AdvisorSet advisors, TimeProvider time, ILogger<OptimizationPass> logger)
    {
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(advisors);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _ports = ports;
        _advisors = advisors;
        _time = time;
        _logger = logger;
    }

    /// <summary>Runs the pass.</summary>
    /// <exception cref="JournalUnavailableException">The journal is down: no change was planned.</exception>
    /// <exception cref="InvalidOperationException">Inventory or metrics failed beyond their retries.</exception>
    public async Task<PassResult> RunAsync(PassRequest request, IProgress<PassProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var policy = request.Policy;
        var startedAt = _time.GetUtcNow();
        var passId = request.PassId ?? NewPassId(startedAt);
        var timings = new List<PassStepTiming>();
        var pass = new PassRecord(passId, request.Trigger, startedAt, null, "running", 0, 0, 0, 0, 0m, policy.Savings.Currency);

        if (!request.ReadOnly)
        {
            await _ports.Passes.RecordPassAsync(pass, cancellationToken);
        }

        try
        {
            var sw = Stopwatch.StartNew();
            var (all, analyzable, early) = await ListInventoryAsync(request, progress, cancellationToken);
            timings.Add(new("inventory", sw.Elapsed, $"{analyzable.Count + early.Count} resources, {analyzable.Count} to analyze"));

            sw.Restart();
            var prices = await LoadPricesAsync(analyzable, policy.Savings.Currency, cancellationToken);
            timings.Add(new("prices", sw.Elapsed, $"{prices.Count} prices"));

            sw.Restart();
            var advices = new List<Advice>(analyzable.Count + early.Count);
            advices.AddRange(early);
            var metricCalls = await AnalyzeAsync(all, analyzable, policy, prices, advices, progress, cancellationToken);
            timings.Add(new("metrics+advise", sw.Elapsed, $"{analyzable.Count} resources in {metricCalls} chunks"));

            sw.Restart();
            var planned = await PlanAsync(passId, request, advices, cancellationToken);
            timings.Add(new("plan", sw.Elapsed, $"{planned.Plans.Count} changes planned"));

            sw.Restart();
            if (!request.ReadOnly)
            {
                await RecordAsync(planned, cancellationToken);
            }

            timings.Add(new("record", sw.Elapsed, request.ReadOnly ? "read-only: nothing journaled" : $"{planned.Decisions.Count} decisions"));

            var recommended = advices.Where(a => a.IsRecommendation).ToList();
            pass = pass with
            {
                CompletedAt = _time.GetUtcNow(),
                Status = "completed",
                ResourcesAnalyzed = analyzable.Count,
                Recommendations = recommended.Count,
                ChangesPlanned = planned.Plans.Count,
                Skipped = planned.Decisions.Count(d => d.Outcome != DecisionOutcome.Planned),
                EstimatedMonthlySavings = SavingsSummary.Of(recommended, policy.Savings.Currency).Net,
            };

            if (!request.ReadOnly)
            {
                await _ports.Passes.RecordPassAsync(pass, cancellationToken);
            }

            PassLog.Completed(_logger, passId, pass.ResourcesAnalyzed, pass.Recommendations, pass.ChangesPlanned);
            return new PassResult(pass, advices, planned.Decisions, planned.Plans, timings);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !request.ReadOnly && ex is not JournalUnavailableException)
        {
            PassLog.Failed(_logger, ex, passId);
            await _ports.Passes.RecordPassAsync(pass with { CompletedAt = _time.GetUtcNow(), Status = "failed", Message = ex.Message }, CancellationToken.None);
            throw;
        }
    }

    /// <summary>A sortable, readable pass id: <c>pass-20261123T020000Z-1a2b</c>.</summary>
    public static string NewPassId(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"pass-{at.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Random.Shared.Next(0x10000):x4}");

    /// <summary>Step 2: every candidate price in the regions present. Scale sets are priced by VM size; autoscale
    /// settings by their target; Flex apps by the GB-second meter. VM and plan SKUs on both Windows and Linux meters (one
    /// Retail Prices response holds both), in the policy's currency.</summary>
    private async Task<PriceSheet> LoadPricesAsync(List<InventoryItem> items, string currency, CancellationToken ct)
    {
        var keys = new HashSet<PriceKey>();
        foreach (var region in items.Select(i => i.Resource.Location.ToLowerInvariant()).Distinct())
        {
            keys.Add(new PriceKey(ResourceKind.FunctionApp, PriceSkus.FlexConsumptionGbSecond, region));
            foreach (var kind in (ResourceKind[])[ResourceKind.VirtualMachine, ResourceKind.AppServicePlan])
            {
                foreach (var sku in _ports.Catalog.Candidates(kind, region))
                {
                    keys.Add(new PriceKey(kind, sku.Name, region, OsFamily.Linux));
                    keys.Add(new PriceKey(kind, sku.Name, region, OsFamily.Windows));
                }
            }
        }

        var sheet = await _ports.Prices.GetPricesAsync(keys, currency, ct);
        return sheet.Currency == currency ? sheet : throw new PriceCurrencyException($"The price book answered in {sheet.Currency}, not in savings.currency {currency}.");
    }
}
