namespace Optimize.Workflow.Runner;

/// <summary>What recovery did with an active change.</summary>
public enum RecoveryKind
{
    /// <summary>Nothing was applied: the staged change was started again from its plan.</summary>
    Restart,

    /// <summary>The stage in flight was being applied: applied again, then settled and observed in full.</summary>
    Reapply,

    /// <summary>The stage was applied and its window can still be honoured: observation resumed.</summary>
    ResumeObserve,

    /// <summary>Rolled back (the window passed, or a rollback was interrupted).</summary>
    RollBack,

    /// <summary>Its workflow is already running here; left alone.</summary>
    Skip,
}
