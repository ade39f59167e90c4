using Optimize.Engine;
using Optimize.Changes;
using Optimize.Journal;
using Optimize.Model;

namespace Optimize.Cli.Demo;

/// <summary>What <c>optimize demo</c> (and <c>backtest</c>) report; also the <c>--json</c> document.</summary>
internal sealed record DemoReport
{
    public required int Seed { get; init; }

    public required int Days { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset EndedAt { get; init; }

    public required string Journal { get; init; }

    /// <summary>Resources inventoried and analyzed by the passes (the most any pass analyzed).</summary>
    public required int ResourcesAnalyzed { get; init; }

    /// <summary>Distinct resources that got a recommendation in some pass.</summary>
    public required int Recommendations { get; init; }

    public required int ChangesStarted { get; init; }

    public required int ChangesPromoted { get; init; }

    public required int ChangesRolledBack { get; init; }

    public required int ChangesRollbackFailed { get; init; }

    public required int ChangesRejected { get; init; }

    public required int ChangesAborted { get; init; }

    /// <summary>Changes still running when the simulated days ended.</summary>
    public required int ChangesInFlight { get; init; }

    /// <summary>Distinct resources never changed, each with the reason of its latest decision.</summary>
    public required int Skipped { get; init; }

    /// <summary>Net monthly savings of the promoted changes: their downsizes' savings minus their upsizes' cost.</summary>
    public required decimal EstimatedMonthlySavings { get; init; }

    /// <summary>Monthly cost the promoted upsizes add (already taken off <see cref="EstimatedMonthlySavings"/>).</summary>
    public required decimal UpsizeMonthlyCost { get; init; }

    /// <summary>Net monthly savings of every resource's latest recommendation, applied or not.</summary>
    public required decimal IdentifiedMonthlySavings { get; init; }

    /// <summary>Monthly cost of the upsizes among those latest recommendations (already taken off <see cref="IdentifiedMonthlySavings"/>).</summary>
    public required decimal IdentifiedUpsizeMonthlyCost { get; init; }

    public required string Currency { get; init; }

    public required IReadOnlyList<DemoPass> Passes { get; init; }

    public required IReadOnlyList<DemoChange> Changes { get; init; }

    public required IReadOnlyList<DemoSkip> SkippedResources { get; init; }

    /// <summary>Skip reason code → number of skipped resources.</summary>
    public required IReadOnlyDictionary<string, int> SkipReasons { get; init; }

    /// <summary>The HTTP requests the Azure adapters made to the emulator during the run.</summary>
    public required AzureTraffic Azure { get; init; }

    public static async Task<DemoReport> BuildAsync(int seed, int days, DateTimeOffset startedAt, LoopResult loop, IJournal journal, CancellationToken ct)
    {
        var changes = new List<DemoChange>();
        foreach (var plan in loop.Passes.SelectMany(p => p.Result.Plans))
        {
            var record = await journal.GetAsync(plan.ChangeId, ct);
            if (record is null)
            {
                continue;
            }

            var steps = 0;
            DateTimeOffset? last = null;
            await foreach (var e in journal.ListEventsAsync(plan.ChangeId, ct))
            {
                steps++;
                last = e.At;
            }

            changes.Add(new DemoChange(
                record.ChangeId,
                record.Resource.Id,
                record.Resource.Kind,
                record.Plan.Baseline.Describe(),
                record.Plan.FinalTarget.Describe(),
                record.Plan.Stages.Count,
                record.State,
                record.Outcome,
                record.Plan.EstimatedMonthlySavings,
                record.CreatedAt,
                record.State.IsTerminal() ? last ?? record.UpdatedAt : null,
                steps));
        }

        var changed = new HashSet<string>(changes.Select(c => c.ResourceId), StringComparer.OrdinalIgnoreCase);
        var latestDecision = new Dictionary<string, DecisionRecord>(StringComparer.OrdinalIgnoreCase);
        var latestRecommendation = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var pass in loop.Passes)
        {
            foreach (var d in pass.Result.Decisions)
            {
                latestDecision[d.ResourceId] = d;
            }

            foreach (var a in pass.Result.Advices.Where(a => a.IsRecommendation))
            {
                latestRecommendation[a.Resource.Id] = a.Recommendation!.EstimatedMonthlySavings;
            }
        }

        var skipped = latestDecision.Values
            .Where(d => !changed.Contains(d.ResourceId))
            .OrderBy(d => d.ReasonCode, StringComparer.Ordinal).ThenBy(d => d.ResourceId, StringComparer.Ordinal)
            .Select(d => new DemoSkip(d.ResourceId, d.Kind, d.ReasonCode, d.Message, d.Target?.Describe(), d.EstimatedMonthlySavings))
            .ToList();
        var currency = loop.Passes.FirstOrDefault()?.Result.Pass.Currency ?? "USD";
        var promoted = SavingsSummary.Of(changes.Where(c => c.State == ChangeState.Promoted).Select(c => c.EstimatedMonthlySavings), currency);
        var identified = SavingsSummary.Of(latestRecommendation.Values, currency);
        return new DemoReport
        {
            Seed = seed,
            Days = days,
            StartedAt = startedAt,
            EndedAt = loop.EndedAt,
            Journal = journal.Description,
            ResourcesAnalyzed = loop.Passes.Count == 0 ? 0 : loop.Passes.Max(p => p.Result.Pass.ResourcesAnalyzed),
            Recommendations = latestRecommendation.Count,
            ChangesStarted = loop.Passes.Sum(p => p.Started.Count),
            ChangesPromoted = changes.Count(c => c.State == ChangeState.Promoted),
            ChangesRolledBack = changes.Count(c => c.State == ChangeState.RolledBack),
            ChangesRollbackFailed = changes.Count(c => c.State == ChangeState.RollbackFailed),
            ChangesRejected = changes.Count(c => c.State == ChangeState.Rejected),
            ChangesAborted = changes.Count(c => c.State == ChangeState.Aborted),
            ChangesInFlight = changes.Count(c => !c.State.IsTerminal()),
            Skipped = skipped.Count,
            EstimatedMonthlySavings = promoted.Net,
            UpsizeMonthlyCost = promoted.UpsizeCost,
            IdentifiedMonthlySavings = identified.Net,
            IdentifiedUpsizeMonthlyCost = identified.UpsizeCost,
            Currency = currency,
            Passes = [.. loop.Passes.Select(p => new DemoPass(
                p.Result.Pass.PassId, p.Result.Pass.StartedAt, p.Result.Pass.ResourcesAnalyzed, p.Result.Pass.Recommendations,
                p.Started.Count, p.Result.Pass.Skipped))],
            Changes = changes,
            SkippedResources = skipped,
            SkipReasons = skipped.GroupBy(s => s.ReasonCode).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()),
            Azure = loop.Azure,
        };
    }
}

/// <summary>HTTP requests the adapters sent to the emulator: in total, per REST operation (operationId), and how many broke the
/// contract; <paramref name="Contract"/> names the spec pack bodies were checked against (null: not checked).</summary>
internal sealed record AzureTraffic(int Requests, IReadOnlyDictionary<string, int> ByOperation, int ContractViolations, string? Contract)
{
    /// <summary>The counts of <paramref name="world"/>'s request log at this moment.</summary>
    public static AzureTraffic From(Optimize.Emulator.EmulatorWorld world) =>
        new(world.Log.Requests, world.Log.ByOperation, world.Log.Violations.Count, world.Contract?.Source);
}

/// <summary>One pass of the run.</summary>
internal sealed record DemoPass(string PassId, DateTimeOffset At, int ResourcesAnalyzed, int Recommendations, int ChangesStarted, int Skipped);

/// <summary>One change of the run and how it ended.</summary>
internal sealed record DemoChange(
    string ChangeId,
    string ResourceId,
    ResourceKind Kind,
    string From,
    string To,
    int Stages,
    ChangeState State,
    string Reason,
    decimal EstimatedMonthlySavings,
    DateTimeOffset PlannedAt,
    DateTimeOffset? EndedAt,
    int Steps);

/// <summary>A resource the run did not change, and why.</summary>
internal sealed record DemoSkip(string ResourceId, ResourceKind Kind, string ReasonCode, string Reason, string? Target, decimal EstimatedMonthlySavings);
