using Optimize.Changes;
using Optimize.Guards;
using Optimize.Metrics.History;
using Optimize.Model;

namespace Optimize.Workflow.Activities;

/// <summary>Input of <see cref="ActivityNames.ApplyConfiguration"/>.</summary>
/// <param name="ChangeId">The change applying it (for logs).</param>
/// <param name="Resource">The resource.</param>
/// <param name="Target">Configuration to reach.</param>
/// <param name="AllowDeallocation">A VM resize may deallocate.</param>
public sealed record ApplyInput(string ChangeId, ResourceRef Resource, ResourceConfig Target, bool AllowDeallocation);

/// <summary>Input of <see cref="ActivityNames.MeasureBaseline"/>: guard statistics over [Start, End) before the change.</summary>
/// <param name="Resource">The resource.</param>
/// <param name="Guards">Guards whose statistics to measure.</param>
/// <param name="Start">Window start.</param>
/// <param name="End">Window end (the change's start).</param>
/// <param name="Configuration">The configuration in effect over the window (the captured one), for metrics computed relative to
/// it (a Flex app's memory %); null when unknown (those metrics then have no data).</param>
public sealed record BaselineInput(
    ResourceRef Resource, IReadOnlyList<GuardSpec> Guards, DateTimeOffset Start, DateTimeOffset End, ConfigurationTimeline? Configuration = null);

/// <summary>Input of <see cref="ActivityNames.AssessGuards"/>: check guards over [From, To) against the baseline.</summary>
/// <param name="Resource">The resource.</param>
/// <param name="Guards">Guards to check.</param>
/// <param name="Baseline">Pre-change values.</param>
/// <param name="From">Window start (after settling).</param>
/// <param name="To">Window end (now, workflow time).</param>
/// <param name="Configuration">The configuration in effect: the one before the stage until its apply time, the stage's target
/// from then on; null when unknown (metrics computed relative to it then have no data).</param>
public sealed record AssessInput(
    ResourceRef Resource, IReadOnlyList<GuardSpec> Guards, GuardBaseline Baseline, DateTimeOffset From, DateTimeOffset To, ConfigurationTimeline? Configuration = null);

/// <summary>Input of <see cref="ActivityNames.RecordStep"/>: move the change to <paramref name="State"/> and append a step.</summary>
/// <param name="ChangeId">The change.</param>
/// <param name="Step">One of <see cref="ChangeSteps"/>.</param>
/// <param name="StageIndex">Stage, or -1.</param>
/// <param name="State">State after the step.</param>
/// <param name="Message">What happened.</param>
/// <param name="At">Workflow time.</param>
/// <param name="Verdict">Verdict of an assess step.</param>
/// <param name="Captured">Configuration captured (set once, by the capture step).</param>
public sealed record JournalStepInput(
    string ChangeId,
    string Step,
    int StageIndex,
    ChangeState State,
    string Message,
    DateTimeOffset At,
    VerdictKind? Verdict = null,
    ResourceConfig? Captured = null);

/// <summary>Input of <see cref="ActivityNames.FindRevertCandidate"/>.</summary>
/// <param name="ResourceId">The alerted resource.</param>
/// <param name="Since">Only changes promoted at or after this time count.</param>
public sealed record RevertLookupInput(string ResourceId, DateTimeOffset Since);

/// <summary>The change an alert may revert: the resource's latest promoted change inside the revert window, if any.</summary>
/// <param name="Change">The change, or null when there is nothing to revert.</param>
/// <param name="Reason">Why it is or is not a candidate.</param>
public sealed record RevertCandidate(ChangeRecord? Change, string Reason);
