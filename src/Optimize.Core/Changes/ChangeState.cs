namespace Optimize.Changes;

/// <summary>Where a change is in its life. Terminal states never change again.</summary>
public enum ChangeState
{
    /// <summary>Recorded by the planner; nothing touched yet.</summary>
    Planned,

    /// <summary>Waiting for a human; nothing touched yet.</summary>
    AwaitingApproval,

    /// <summary>A stage is being applied (the resource may be half-changed).</summary>
    Applying,

    /// <summary>A stage is applied and its guards are being watched.</summary>
    Observing,

    /// <summary>Restoring the captured configuration.</summary>
    RollingBack,

    /// <summary>Terminal: every stage passed.</summary>
    Promoted,

    /// <summary>Terminal: restored to the captured configuration and verified.</summary>
    RolledBack,

    /// <summary>Terminal: the rollback did not verify; escalated to a human.</summary>
    RollbackFailed,

    /// <summary>Terminal: rejected by a human or by an approval timeout; nothing applied.</summary>
    Rejected,

    /// <summary>Terminal: stopped before applying anything (drift, invalid target, apply refused).</summary>
    Aborted,
}

/// <summary>Queries over <see cref="ChangeState"/>.</summary>
public static class ChangeStates
{
    /// <summary>True for Promoted, RolledBack, RollbackFailed, Rejected and Aborted.</summary>
    public static bool IsTerminal(this ChangeState state) => state >= ChangeState.Promoted;

    /// <summary>True while the resource may differ from its captured configuration: Applying, Observing, RollingBack.</summary>
    public static bool IsInFlight(this ChangeState state) =>
        state is ChangeState.Applying or ChangeState.Observing or ChangeState.RollingBack;

    /// <summary>True while the change holds its resource (not terminal).</summary>
    public static bool IsActive(this ChangeState state) => !state.IsTerminal();
}
