namespace Optimize.Workflow.Activities;

/// <summary>
/// Activity names. Each is implemented by one method of <c>ChangeActivities</c> and registered under this name by every
/// host (the in-process runner, and one <c>[Function]</c> each in the Function App).
/// </summary>
public static class ActivityNames
{
    /// <summary><see cref="Model.ResourceRef"/> → <see cref="Ports.ConfigurationRead"/>.</summary>
    public const string CaptureConfiguration = "CaptureConfiguration";

    /// <summary><see cref="ApplyInput"/> → <see cref="Changes.ApplyResult"/>.</summary>
    public const string ApplyConfiguration = "ApplyConfiguration";

    /// <summary><see cref="BaselineInput"/> → <see cref="GuardBaseline"/>.</summary>
    public const string MeasureBaseline = "MeasureBaseline";

    /// <summary><see cref="AssessInput"/> → <see cref="StageVerdict"/>.</summary>
    public const string AssessGuards = "AssessGuards";

    /// <summary><see cref="JournalStepInput"/> → <see cref="Changes.ChangeEvent"/> (the stored step).</summary>
    public const string RecordStep = "RecordStep";

    /// <summary><see cref="RevertLookupInput"/> → <see cref="RevertCandidate"/> (for alert remediation).</summary>
    public const string FindRevertCandidate = "FindRevertCandidate";
}
