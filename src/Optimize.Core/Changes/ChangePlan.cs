using Optimize.Guards;
using Optimize.Model;

namespace Optimize.Changes;

/// <summary>
/// Everything a staged-change workflow needs, decided by the planner: the workflow's only input. Small and
/// serializable; it holds ids and configurations, never clients or secrets.
/// </summary>
/// <param name="ChangeId">Unique id of the change (also the journal key).</param>
/// <param name="PassId">The pass that planned it.</param>
/// <param name="Resource">The resource.</param>
/// <param name="Baseline">Configuration the planner saw; the workflow re-captures and aborts on drift.</param>
/// <param name="Stages">Ordered stages; the last target is the final configuration.</param>
/// <param name="RequiresApproval">True in approve mode: the workflow waits for an approval event.</param>
/// <param name="ApprovalTimeout">How long to wait for approval; a timeout rejects.</param>
/// <param name="Guards">Health checks for every stage.</param>
/// <param name="BaselineWindow">How far back the pre-change baseline of the guard metrics is measured.</param>
/// <param name="EstimatedMonthlySavings">From the recommendation.</param>
/// <param name="Currency">Of the saving.</param>
/// <param name="Rationale">From the recommendation, for the journal and the approver.</param>
/// <param name="Version">Shape version of this record.</param>
public sealed record ChangePlan(
    string ChangeId,
    string PassId,
    ResourceRef Resource,
    ResourceConfig Baseline,
    IReadOnlyList<ChangeStage> Stages,
    bool RequiresApproval,
    TimeSpan ApprovalTimeout,
    IReadOnlyList<GuardSpec> Guards,
    TimeSpan BaselineWindow,
    decimal EstimatedMonthlySavings,
    string Currency,
    string Rationale,
    int Version = 1)
{
    /// <summary>
    /// The windows in which a stage may be applied; the workflow waits for the next opening before each apply.
    /// Empty means any time. Rollbacks never wait.
    /// </summary>
    public IReadOnlyList<ChangeWindow> ChangeWindows { get; init; } = [];

    /// <summary>When true, an approval timeout journals a reminder and waits another <see cref="ApprovalTimeout"/> instead of
    /// rejecting (policy <c>approval.onTimeout: keepWaiting</c>).</summary>
    public bool KeepWaitingForApproval { get; init; }

    /// <summary>How the workflow retries reads, the baseline and journal steps before it concludes anything.</summary>
    public WorkflowRetry Retry { get; init; } = WorkflowRetry.Default;

    /// <summary>The final configuration (last stage's target).</summary>
    public ResourceConfig FinalTarget => Stages[^1].Target;
}
