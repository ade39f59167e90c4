namespace Optimize.Guards;

/// <summary>The verdict of one check of a stage: the worst of its guards.</summary>
/// <param name="Kind">The worst guard verdict (Successful when there are no guards).</param>
/// <param name="Guards">Each guard's verdict.</param>
/// <param name="At">When the check ran (workflow time).</param>
public sealed record StageVerdict(VerdictKind Kind, IReadOnlyList<GuardVerdict> Guards, DateTimeOffset At)
{
    /// <summary>Combines guard verdicts: the worst wins.</summary>
    public static StageVerdict Of(IReadOnlyList<GuardVerdict> guards, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(guards);
        var worst = VerdictKind.Successful;
        foreach (var g in guards)
        {
            if (g.Kind > worst)
            {
                worst = g.Kind;
            }
        }

        return new StageVerdict(worst, guards, at);
    }

    /// <summary>The messages of the guards that decided the verdict, joined: what a report shows.</summary>
    public string Summary => Guards.Count == 0
        ? "no guards"
        : string.Join("; ", Guards.Where(g => g.Kind == Kind).Select(g => g.Message));
}
