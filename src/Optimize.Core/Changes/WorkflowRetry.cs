namespace Optimize.Changes;

/// <summary>
/// Bounded retry, inside the workflow on durable timers, of the steps whose failure may be transient: reading the
/// configuration (capture, after an approval, verifying a rollback), measuring the baseline, and journaling a step.
/// Nothing is concluded from one failed read: 802 of 831 "rollback failed" escalations under injected faults had in
/// fact restored the resource (issue 10). Carried by the plan, so every replay sees the same schedule. The defaults
/// make 5 attempts, waiting 30 s, 1 min, 2 min and 4 min between them (7.5 min in all).
/// </summary>
public sealed record WorkflowRetry
{
    /// <summary>The defaults.</summary>
    public static WorkflowRetry Default { get; } = new();

    /// <summary>Attempts in all, the first included (at least 1).</summary>
    public int Attempts { get; init; } = 5;

    /// <summary>Wait after the first failed attempt.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Each wait is the previous one times this (at least 1).</summary>
    public double Backoff { get; init; } = 2.0;

    /// <summary>No wait is longer than this.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether another attempt follows failed attempt <paramref name="attempt"/> (1-based).</summary>
    public bool Allows(int attempt) => attempt < Math.Max(1, Attempts);

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based): FirstDelay·Backoff^(attempt−1), capped.</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var seconds = Math.Max(0, FirstDelay.TotalSeconds) * Math.Pow(Math.Max(1.0, Backoff), Math.Max(0, attempt - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, Math.Max(0, MaxDelay.TotalSeconds)));
    }

    /// <summary>All the waits of a retry that uses every attempt.</summary>
    public TimeSpan TotalDelay => TimeSpan.FromTicks(Enumerable.Range(1, Math.Max(1, Attempts) - 1).Sum(a => DelayAfter(a).Ticks));

    /// <summary>A failure worth another try: throttling, a transient error, or an unexpected one (an activity that threw
    /// after Durable's own retries). Not found, forbidden, conflicts and invalid targets are conclusive.</summary>
    public static bool IsTransient(ChangeFailure? failure) =>
        failure is null || failure.Kind is ChangeFailureKinds.Throttled or ChangeFailureKinds.Transient or ChangeFailureKinds.Unexpected;
}
