using Optimize.Azure.Alerts;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;

namespace Optimize.Hosting;

/// <summary>
/// What Optimize would do with an alert payload, without calling Azure: the schema, each target with its matched
/// scope and mode, and the workflow it would start or why it would refuse. Backs <c>optimize alert inspect</c>.
/// </summary>
public static class AlertInspector
{
    /// <summary>Inspects <paramref name="payload"/> under <paramref name="policy"/>.</summary>
    /// <returns>The inspection; <see cref="AlertInspection.Error"/> is set when the payload cannot be parsed.</returns>
    public static AlertInspection Inspect(string payload, OptimizePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var parsed = AlertPayloadParser.Parse(payload ?? "");
        if (!parsed.Succeeded)
        {
            return new AlertInspection(parsed.Schema, parsed.Error, []);
        }

        var matcher = new ScopeMatcher(policy);
        var targets = parsed.Signals.Select(s => InspectTarget(s, matcher, policy)).ToList();
        return new AlertInspection(parsed.Schema, null, targets);
    }

    private static AlertTargetInspection InspectTarget(AlertSignal signal, ScopeMatcher matcher, OptimizePolicy policy)
    {
        var kind = ResourceKinds.FromResourceId(signal.ResourceId);
        if (kind is null)
        {
            return new(signal, null, null, null, "refuse", "not a resource kind Optimize changes");
        }

        // Without Azure the resource's tags are unknown: scopes that select by tag match as if it had none.
        var match = matcher.Match(new ResourceRef(signal.ResourceId, kind.Value, "unknown"));
        if (!match.IsInScope)
        {
            return new(signal, kind, null, ChangeMode.Off, "refuse", "matches no policy scope (tags are not known offline: scopes that select by tag are matched as if the resource had none)");
        }

        var scope = match.Scope!.Name;
        if (!signal.Fired)
        {
            return new(signal, kind, scope, match.Mode, "none", "the alert is resolved: nothing to do");
        }

        if (match.Mode is ChangeMode.Off or ChangeMode.Recommend)
        {
            return new(signal, kind, scope, match.Mode, "none", $"mode {match.Mode.ToString().ToLowerInvariant()}: Optimize never acts on its own here");
        }

        return new(
            signal, kind, scope, match.Mode, "route",
            $"if a change of Optimize's is in flight on it, raise '{WorkflowEvents.Alert}' on {InstanceIds.ForChange(signal.ResourceId)} (it rolls back now); " +
            $"otherwise start {WorkflowNames.AlertRemediation} as {InstanceIds.ForAlert(signal.ResourceId)}, which reverts Optimize's latest change " +
            $"promoted in the last {policy.Alerts.RevertWindow.TotalDays:0.#} days, if there is one");
    }
}

/// <summary>The inspection of one payload.</summary>
/// <param name="Schema">The schema recognised.</param>
/// <param name="Error">Why it cannot be parsed, or null.</param>
/// <param name="Targets">One entry per target resource.</param>
public sealed record AlertInspection(string Schema, string? Error, IReadOnlyList<AlertTargetInspection> Targets);

/// <summary>What would happen for one target.</summary>
/// <param name="Signal">The parsed alert for that target.</param>
/// <param name="Kind">Resource kind, when one of the five.</param>
/// <param name="Scope">Matched policy scope.</param>
/// <param name="Mode">Effective mode.</param>
/// <param name="Action"><c>route</c> (signal the change in flight, else start remediation), <c>none</c> or <c>refuse</c>.</param>
/// <param name="Reason">Why, in one sentence.</param>
public sealed record AlertTargetInspection(AlertSignal Signal, ResourceKind? Kind, string? Scope, ChangeMode? Mode, string Action, string Reason);
