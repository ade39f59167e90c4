using Microsoft.DurableTask;

namespace Optimize.Functions.Durable;

/// <summary>
/// How Durable retries an activity that throws (an unexpected failure: a transient I/O error, a crash). Expected
/// failures come back from the activities as data and are never retried here. Activities are idempotent (apply reaches
/// a target state; journal steps re-read before they write), so Durable's at-least-once retries are safe.
/// Registered once in DI; the defaults wait 5 s, 10 s and 20 s between four attempts (about 35 s in all).
/// </summary>
public sealed record ActivityRetryOptions
{
    /// <summary>Attempts in all, the first included (at least 1).</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Wait before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Each wait is the previous one times this (at least 1).</summary>
    public double BackoffCoefficient { get; init; } = 2.0;

    /// <summary>No wait is longer than this.</summary>
    public TimeSpan MaxRetryInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Durable's task options for these settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (Durable's <see cref="RetryPolicy"/> checks).</exception>
    public TaskOptions ToTaskOptions() => TaskOptions.FromRetryPolicy(
        new RetryPolicy(MaxAttempts, FirstRetryInterval, BackoffCoefficient, MaxRetryInterval));
}
