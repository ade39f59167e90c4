namespace Optimize.Simulator.Faults;

/// <summary>
/// Random faults at rates, for soak runs (<see cref="FaultPlan.WithChaos"/>): each configuration read or write draws
/// once, each 5-minute metric step and each metric query too. Rates are probabilities in [0, 1]; a read or write draws
/// throttling, then a server error, then (writes only) a failed long-running operation, then a write that took
/// effect but still reports failure. Issue 10's mix: <see cref="Issue10Mix"/>.
/// </summary>
public sealed record ChaosOptions
{
    /// <summary>20 % throttled, 5 % server errors, 2 % failed operations, 2 % applied-but-failed, 10 % metric gaps.</summary>
    public static ChaosOptions Issue10Mix { get; } = new()
    {
        Throttled = 0.20, ServerError = 0.05, FailedOperation = 0.02, AppliedButFailed = 0.02, MetricGaps = 0.10,
    };

    /// <summary>Reads and writes answered 429 (kind throttled); nothing is written.</summary>
    public double Throttled { get; init; }

    /// <summary>Reads and writes answered 5xx (kind transient); nothing is written.</summary>
    public double ServerError { get; init; }

    /// <summary>Writes whose long-running operation ends Failed (kind operation-failed); nothing is written.</summary>
    public double FailedOperation { get; init; }

    /// <summary>Writes that take effect and still report a failed operation (the poll that saw success was lost).</summary>
    public double AppliedButFailed { get; init; }

    /// <summary>5-minute metric steps that are missing (NaN), as ingestion gaps are.</summary>
    public double MetricGaps { get; init; }

    /// <summary>Metric queries that fail beyond the reader's retries.</summary>
    public double MetricFailures { get; init; }

    /// <summary>Throws when a rate is outside [0, 1] or the write rates sum above 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is out of range.</exception>
    public void Validate()
    {
        foreach (var (name, rate) in new[]
                 {
                     (nameof(Throttled), Throttled), (nameof(ServerError), ServerError), (nameof(FailedOperation), FailedOperation),
                     (nameof(AppliedButFailed), AppliedButFailed), (nameof(MetricGaps), MetricGaps), (nameof(MetricFailures), MetricFailures),
                 })
        {
            if (double.IsNaN(rate) || rate < 0 || rate > 1)
            {
                throw new ArgumentOutOfRangeException(name, rate, $"{name} is a probability in [0, 1].");
            }
        }

        if (Throttled + ServerError + FailedOperation + AppliedButFailed > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(AppliedButFailed), "The write fault rates sum above 1.");
        }
    }
}
