using Optimize.Guards;

namespace Optimize.Changes;

/// <summary>Names of the steps a change records.</summary>
public static class ChangeSteps
{
    /// <summary>Configuration captured.</summary>
    public const string Capture = "capture";

    /// <summary>Waiting for, or got, an approval decision.</summary>
    public const string Approval = "approval";

    /// <summary>Baseline of guard metrics measured.</summary>
    public const string Baseline = "baseline";

    /// <summary>Waiting for the change window to open before an apply.</summary>
    public const string Window = "window";

    /// <summary>A stage applied (or failed to).</summary>
    public const string Apply = "apply";

    /// <summary>Waited for the stage to settle.</summary>
    public const string Settle = "settle";

    /// <summary>One guard check.</summary>
    public const string Assess = "assess";

    /// <summary>An alert arrived for the resource.</summary>
    public const string Alert = "alert";

    /// <summary>All stages passed.</summary>
    public const string Promote = "promote";

    /// <summary>Restoring the captured configuration.</summary>
    public const string Rollback = "rollback";

    /// <summary>A human must look: the rollback did not verify.</summary>
    public const string Escalate = "escalate";

    /// <summary>Picked up after a crash.</summary>
    public const string Recover = "recover";

    /// <summary>Stopped before applying anything.</summary>
    public const string Abort = "abort";

    /// <summary>A person was told (approval needed, rolled back, escalated), or telling them failed; written by the
    /// notification sweep, never by a workflow.</summary>
    public const string Notify = "notify";
}

/// <summary>One append-only step of a change. <see cref="Sequence"/> is assigned by the journal, strictly increasing per change.</summary>
/// <param name="ChangeId">The change.</param>
/// <param name="Sequence">Position in the change's history, from 1; 0 before the journal assigns it.</param>
/// <param name="At">Workflow time of the step.</param>
/// <param name="Step">One of <see cref="ChangeSteps"/>.</param>
/// <param name="StageIndex">Stage the step belongs to, or -1.</param>
/// <param name="Message">What happened, with numbers.</param>
/// <param name="Verdict">Verdict of an assess step.</param>
/// <param name="State">The change's state after the step.</param>
public sealed record ChangeEvent(
    string ChangeId,
    long Sequence,
    DateTimeOffset At,
    string Step,
    int StageIndex,
    string Message,
    VerdictKind? Verdict,
    ChangeState State);
