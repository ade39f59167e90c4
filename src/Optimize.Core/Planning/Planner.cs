using System.Security.Cryptography;
using System.Text;
using Optimize.Changes;
using Optimize.Guards;
using Optimize.Journal;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Recommendations;

namespace Optimize.Planning;

/// <summary>
/// Turns a pass's advices into decisions and change plans under the policy. Pure: same input, same output.
/// Every advice gets exactly one <see cref="DecisionRecord"/>; the guardrails apply in this order, the first that
/// holds deciding the reason:
/// <list type="number">
/// <item>out of scope, mode off, kind disabled, opt-out tag, the advisor's own skip, saving below the minimum
/// (downsizes only: never scale-ups or retunes) → <see cref="DecisionOutcome.Skipped"/>;</item>
/// <item>recommend mode, opt-in required but missing, a change already active on the resource, an upsize after an
/// ineffective (rolled-back) upsize of the same resource, cooldown after a
/// change or a rollback, outside every change window, the in-flight limit, the pass limit, the per-resource and
/// per-pass caps on the monthly cost upsizes add →
/// <see cref="DecisionOutcome.Recommended"/> (reported, not applied);</item>
/// <item>otherwise → <see cref="DecisionOutcome.Planned"/> with a <see cref="ChangePlan"/>.</item>
/// </list>
/// The limits and cost caps are applied to the candidates ranked scale-ups first (safety before savings), the most
/// urgent (<see cref="Urgency"/>) first among them, then by saving descending, then by resource id, so they keep the
/// most valuable changes. An upsize that does not fit in what is left of the per-pass cost cap is held; a cheaper, less
/// urgent one that fits is still admitted.
/// </summary>
public static partial class Planner
{
    /// <summary>Decides every advice of the pass.</summary>
    /// <param name="input">The pass's advices, policy (already validated by <see cref="PolicyLoader"/>) and journal state.</param>
    /// <returns>One decision per advice, in order, and the plans to start.</returns>
    /// <exception cref="ArgumentException">The policy has a change window a validated policy cannot have (unknown time zone, start equal to end, no days).</exception>
    public static PlanResult Plan(PlannerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var policy = input.Policy;
        var context = new Context(input, new ScopeMatcher(policy), new ChangeWindowCalendar(policy.ChangeWindows));
        var decisions = new DecisionRecord[input.Advices.Count];
        var candidates = new List<Candidate>();
        for (var i = 0; i < input.Advices.Count; i++)
        {
            var advice = input.Advices[i];
            var (screened, candidate) = Screen(advice, context);
            if (screened is not null)
            {
                decisions[i] = screened;
            }
            else
            {
                candidates.Add(candidate! with { Index = i });
            }
        }

        var plans = new List<ChangePlan>();
        var plannedByResource = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var plannedIncrease = 0m;
        foreach (var candidate in candidates.OrderBy(c => c.Recommendation.Direction == Direction.Up ? 0 : 1)
                     .ThenByDescending(c => c.Recommendation.Direction == Direction.Up ? Urgency(c.Recommendation) : 0)
                     .ThenByDescending(c => c.Recommendation.EstimatedMonthlySavings)
                     .ThenBy(c => c.Recommendation.Resource.Id, StringComparer.OrdinalIgnoreCase))
        {
            var rec = candidate.Recommendation;
            var reason = plannedByResource.TryGetValue(rec.Resource.Id, out var sameResource) ? SkipReasons.InFlight(sameResource)
                : context.ActiveCount + plans.Count >= policy.Limits.MaxInFlight ? SkipReasons.InFlightLimit(policy.Limits.MaxInFlight)
                : plans.Count >= policy.Limits.MaxChangesPerPass ? SkipReasons.PassLimit(policy.Limits.MaxChangesPerPass)
                : CostCap(rec, plannedIncrease, policy);
            if (reason is not null)
            {
                decisions[candidate.Index] = Recommended(input.PassId, rec, reason);
                continue;
            }

            var plan = BuildPlan(input, rec, candidate.Mode);
            plans.Add(plan);
            plannedIncrease += CostIncrease(rec);
            plannedByResource[rec.Resource.Id] = plan.ChangeId;
            decisions[candidate.Index] = new DecisionRecord(input.PassId, rec.Resource.Id, rec.Resource.Kind, DecisionOutcome.Planned, string.Empty,
                rec.Rationale, rec.Current, rec.Target, rec.EstimatedMonthlySavings, rec.Evidence, plan.ChangeId);
        }

        return new PlanResult(decisions, plans);
    }

    /// <summary>The deterministic id of the change a pass plans for a resource: <c>chg-</c> and 16 hex digits of a SHA-256
    /// over the pass id and the lower-cased resource id.</summary>
    public static string ChangeIdFor(string passId, string resourceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passId);
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(passId + "\n" + resourceId.ToLowerInvariant()));
        return "chg-" + Convert.ToHexStringLower(hash, 0, 8);
    }

    /// <summary>The per-advice guardrails: a decision when one holds, else a candidate for the limits.</summary>
    private static (DecisionRecord? Decision, Candidate? Candidate) Screen(Advice advice, Context context)
    {
        var passId = context.Input.PassId;
        var policy = context.Input.Policy;
        var resource = advice.Resource;
        var rec = advice.Recommendation;
        var match = context.Matcher.Match(resource);
        var skip = !match.IsInScope ? SkipReasons.OutOfScope()
            : match.Mode == ChangeMode.Off ? SkipReasons.ModeOff(match.Scope!.Name)
            : !policy.Kinds.For(resource.Kind).Enabled ? SkipReasons.KindDisabled(resource.Kind.ToString())
            : context.Matcher.IsOptedOut(resource) ? SkipReasons.OptOut(policy.Tags.OptOut)
            : advice.Skip is { } advisorSkip ? advisorSkip
            : BelowMinimum(rec!, policy.Savings) ? SkipReasons.BelowMinimumSavings(rec!.EstimatedMonthlySavings, policy.Savings.MinimumMonthly, policy.Savings.Currency)
            : null;
        if (skip is not null)
        {
            return (new DecisionRecord(passId, resource.Id, resource.Kind, DecisionOutcome.Skipped, skip.Code, skip.Message,
                rec?.Current, null, 0m, advice.Evidence), null);
        }

        var hold = match.Mode == ChangeMode.Recommend ? SkipReasons.RecommendOnly(match.Scope!.Name)
            : !context.Matcher.MayChange(resource) ? SkipReasons.NotOptedIn(policy.Tags.OptIn)
            : context.ActiveByResource.TryGetValue(resource.Id, out var active) ? SkipReasons.InFlight(active.ChangeId)
            : IneffectiveUpsize(rec!, context) ?? Cooldown(resource, context) ?? (context.WindowOpen ? null : SkipReasons.OutsideWindow(context.NextOpening));
        return hold is not null
            ? (Recommended(passId, rec!, hold), null)
            : (null, new Candidate(-1, rec!, match.Mode));
    }

    private static bool BelowMinimum(Recommendation rec, SavingsPolicy savings) =>
        rec.Direction == Direction.Down && rec.EstimatedMonthlySavings < savings.MinimumMonthly;

    private static SkipReason? Cooldown(ResourceRef resource, Context context)
    {
        if (!context.LatestByResource.TryGetValue(resource.Id, out var latest))
        {
            return null;
        }

        var cooldowns = context.Input.Policy.Cooldowns;
        var (rest, after) = latest.State switch
        {
            ChangeState.Promoted => (cooldowns.AfterChange, "change"),
            ChangeState.RolledBack or ChangeState.RollbackFailed => (cooldowns.AfterRollback, "rollback"),
            _ => (TimeSpan.Zero, string.Empty),
        };
        var until = latest.UpdatedAt + rest;
        return until > context.Input.Now ? SkipReasons.Cooldown(until, after) : null;
    }

    /// <summary>An upsize of a resource whose latest change was an upsize rolled back within
    /// <see cref="CooldownPolicy.AfterIneffectiveUpsize"/>: held, naming that change and why it was rolled back.</summary>
    private static SkipReason? IneffectiveUpsize(Recommendation rec, Context context)
    {
        if (rec.Direction != Direction.Up || !context.LatestByResource.TryGetValue(rec.Resource.Id, out var latest)
            || latest.State is not (ChangeState.RolledBack or ChangeState.RollbackFailed) || !UpsizeRelief.IsUpsize(latest.Plan))
        {
            return null;
        }

        var until = latest.UpdatedAt + context.Input.Policy.Cooldowns.AfterIneffectiveUpsize;
        return until > context.Input.Now ? SkipReasons.IneffectiveUpsize(latest.ChangeId, latest.Plan.FinalTarget.Describe(), latest.Outcome, until) : null;
    }

    private static DecisionRecord Recommended(string passId, Recommendation rec, SkipReason reason) =>
        new(passId, rec.Resource.Id, rec.Resource.Kind, DecisionOutcome.Recommended, reason.Code, reason.Message,
            rec.Current, rec.Target, rec.EstimatedMonthlySavings, rec.Evidence);

    private static ChangePlan BuildPlan(PlannerInput input, Recommendation rec, ChangeMode mode)
    {
        var kind = input.Policy.Kinds.For(rec.Resource.Kind);
        var targets = rec.Stages.Count > 0 ? rec.Stages : [rec.Target];

        // A VM resize that needs a deallocation restarts the VM: only when the policy says so explicitly
        // (kinds.virtualMachine.allowDeallocation); otherwise such a resize is refused and nothing changes.
        var allowDeallocation = rec.Resource.Kind == ResourceKind.VirtualMachine && kind.AllowDeallocation;
        var stages = targets
            .Select((target, index) => new ChangeStage(index, target, kind.Stages.Settle, kind.Stages.Observe, kind.Stages.CheckEvery, allowDeallocation))
            .ToList();
        return new ChangePlan(
            ChangeIdFor(input.PassId, rec.Resource.Id),
            input.PassId,
            rec.Resource,
            rec.Current,
            stages,
            RequiresApproval: mode == ChangeMode.Approve,
            input.Policy.Approval.Timeout,
            [.. kind.Guards, .. UpsizeRelief.Guards(rec, kind)],
            kind.Stages.BaselineWindow,
            rec.EstimatedMonthlySavings,
            rec.Currency,
            rec.Rationale)
        {
            ChangeWindows = input.Policy.ChangeWindows,
            KeepWaitingForApproval = input.Policy.Approval.OnTimeout == ApprovalTimeoutAction.KeepWaiting,
        };
    }

    private sealed record Candidate(int Index, Recommendation Recommendation, ChangeMode Mode);
}
