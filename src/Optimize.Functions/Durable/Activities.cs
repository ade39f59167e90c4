using Microsoft.Azure.Functions.Worker;
using Optimize.Changes;
using Optimize.Guards;
using Optimize.Model;
using Optimize.Ports;
using Optimize.Workflow.Activities;
using Optimize.Workflow;

namespace Optimize.Functions.Durable;

/// <summary>The activities: one function each over the engine's <see cref="ChangeActivities"/>.</summary>
public sealed class Activities(ChangeActivities activities)
{
    /// <summary>Reads the resource's current configuration.</summary>
    [Function(ActivityNames.CaptureConfiguration)]
    public Task<ConfigurationRead> CaptureConfiguration([ActivityTrigger] ResourceRef resource, CancellationToken cancellationToken) =>
        activities.CaptureConfigurationAsync(resource, cancellationToken);

    /// <summary>Applies a configuration and reads it back.</summary>
    [Function(ActivityNames.ApplyConfiguration)]
    public Task<ApplyResult> ApplyConfiguration([ActivityTrigger] ApplyInput input, CancellationToken cancellationToken) =>
        activities.ApplyConfigurationAsync(input, cancellationToken);

    /// <summary>Measures guard baselines before the change.</summary>
    [Function(ActivityNames.MeasureBaseline)]
    public Task<GuardBaseline> MeasureBaseline([ActivityTrigger] BaselineInput input, CancellationToken cancellationToken) =>
        activities.MeasureBaselineAsync(input, cancellationToken);

    /// <summary>Checks the guards over a window.</summary>
    [Function(ActivityNames.AssessGuards)]
    public Task<StageVerdict> AssessGuards([ActivityTrigger] AssessInput input, CancellationToken cancellationToken) =>
        activities.AssessGuardsAsync(input, cancellationToken);

    /// <summary>Moves the change's state and appends a step to the journal.</summary>
    [Function(ActivityNames.RecordStep)]
    public Task<ChangeEvent> RecordStep([ActivityTrigger] JournalStepInput input, CancellationToken cancellationToken) =>
        activities.RecordStepAsync(input, cancellationToken);

    /// <summary>Finds the recent change an alert may revert.</summary>
    [Function(ActivityNames.FindRevertCandidate)]
    public Task<RevertCandidate> FindRevertCandidate([ActivityTrigger] RevertLookupInput input, CancellationToken cancellationToken) =>
        activities.FindRevertCandidateAsync(input, cancellationToken);
}
