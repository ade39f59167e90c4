using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Workflow;

/// <summary>How a staged change picks up after a crash (chosen by <c>RecoveryService</c> from the journal).</summary>
public enum ResumeMode
{
    /// <summary>The stage was applied: finish its observation window, then continue with the next stages.</summary>
    Observe,

    /// <summary>The stage was being applied: apply it again (applies are idempotent), then settle and observe it fully.</summary>
    Reapply,

    /// <summary>Restore the captured configuration (and verify it).</summary>
    RollBack,
}

/// <summary>Input of <see cref="StagedChangeWorkflow.ResumeName"/>: a staged change continued after a crash.</summary>
/// <param name="Plan">The change's plan (from the journal).</param>
/// <param name="Captured">The rollback target (<see cref="ChangeRecord.RollbackTarget"/>).</param>
/// <param name="Mode">What to do.</param>
/// <param name="StageIndex">The stage in flight at the crash.</param>
/// <param name="ChangeStartedAt">When the first stage was applied: the baseline is measured over the window before it.</param>
/// <param name="StageAppliedAt">When <paramref name="StageIndex"/> finished applying (for <see cref="ResumeMode.Observe"/>).</param>
/// <param name="Reason">Why (journaled; the rollback reason for <see cref="ResumeMode.RollBack"/>).</param>
/// <param name="Version">Shape version of this record.</param>
public sealed record StagedChangeResume(
    ChangePlan Plan,
    ResourceConfig Captured,
    ResumeMode Mode,
    int StageIndex,
    DateTimeOffset ChangeStartedAt,
    DateTimeOffset? StageAppliedAt,
    string Reason,
    int Version = 1);
