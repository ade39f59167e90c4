namespace Optimize.Emulator;

/// <summary>
/// HTTP faults the emulator injects, drawn from a seeded random so a run is repeatable. Rates are probabilities per request
/// (0–1). Throttling follows ARM (429 + <c>Retry-After</c> + <c>x-ms-ratelimit-remaining-subscription-*</c>) and the metrics
/// data plane (529 on <c>metrics:getBatch</c>).
/// </summary>
public sealed record EmulatorFaults
{
    /// <summary>No faults.</summary>
    public static EmulatorFaults None { get; } = new();

    /// <summary>Seed of the fault draws.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Share of ARM requests answered 429 TooManyRequests with <c>Retry-After</c>.</summary>
    public double ThrottleRate { get; init; }

    /// <summary><c>Retry-After</c> sent with a 429 or 529, whole seconds (ARM sends integers). Default 1.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Share of requests answered 500/503 with ARM's error shape.</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>Share of <c>metrics:getBatch</c> calls answered 529 (the metrics backend throttling).</summary>
    public double MetricsBatchThrottleRate { get; init; }

    /// <summary>Share of long-running operations that end in status Failed.</summary>
    public double OperationFailureRate { get; init; }

    /// <summary>
    /// Share of writes of a resource's model (serverfarms and sites PUT, VM and scale set PATCH) whose change takes effect and whose
    /// long-running operation still ends Failed, as when the poll that would have seen success is lost: the caller cannot tell
    /// from the answer whether it was applied. Drawn only for writes not already failed by <see cref="OperationFailureRate"/>.
    /// </summary>
    public double AppliedButFailedRate { get; init; }

    /// <summary>When true, resizing a running VM to a size outside its current hardware cluster is refused with 409 until it is deallocated.</summary>
    public bool ResizeNeedsDeallocation { get; init; }

    /// <summary>
    /// VM sizes the region has no capacity for. Resizing a running VM to one is accepted and its long-running operation ends
    /// Failed with <c>AllocationFailed</c> (the VM keeps its size); a deallocated VM's resize succeeds (only its model changes),
    /// and starting it on such a size fails with <c>AllocationFailed</c>, leaving it deallocated.
    /// </summary>
    public IReadOnlyList<string> AllocationFailures { get; init; } = [];

    /// <summary>Delay added to every request (for the at-scale benchmark); zero by default.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>ARM's regional token bucket for reads per subscription (250 by default, refilling 25 per second); null disables it.</summary>
    public TokenBucket? ReadBucket { get; init; }

    /// <summary>ARM's regional token bucket for writes per subscription (200 by default, refilling 10 per second); null disables it.</summary>
    public TokenBucket? WriteBucket { get; init; }

    /// <summary>Every violation, empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Rate(nameof(ThrottleRate), ThrottleRate, errors);
        Rate(nameof(ServerErrorRate), ServerErrorRate, errors);
        Rate(nameof(MetricsBatchThrottleRate), MetricsBatchThrottleRate, errors);
        Rate(nameof(OperationFailureRate), OperationFailureRate, errors);
        Rate(nameof(AppliedButFailedRate), AppliedButFailedRate, errors);
        if (RetryAfterSeconds is < 0 or > 3600)
        {
            errors.Add($"{nameof(RetryAfterSeconds)} must be 0–3600, was {RetryAfterSeconds}.");
        }

        if (Latency < TimeSpan.Zero || Latency > TimeSpan.FromSeconds(30))
        {
            errors.Add($"{nameof(Latency)} must be 0–30 s, was {Latency}.");
        }

        foreach (var (name, bucket) in new[] { (nameof(ReadBucket), ReadBucket), (nameof(WriteBucket), WriteBucket) })
        {
            if (bucket is not null && (bucket.Capacity < 1 || bucket.RefillPerSecond <= 0))
            {
                errors.Add($"{name} needs a capacity ≥ 1 and a positive refill rate.");
            }
        }

        return errors;
    }

    private static void Rate(string name, double value, List<string> errors)
    {
        if (double.IsNaN(value) || value is < 0 or > 1)
        {
            errors.Add($"{name} must be between 0 and 1, was {value}.");
        }
    }
}

/// <summary>A token bucket: <paramref name="Capacity"/> requests at once, refilled at <paramref name="RefillPerSecond"/>.</summary>
public sealed record TokenBucket(int Capacity, double RefillPerSecond)
{
    /// <summary>ARM's subscription reads per region (request-limits-and-throttling.md: 250, refill 25/s).</summary>
    public static TokenBucket ArmReads { get; } = new(250, 25);

    /// <summary>ARM's subscription writes per region (200, refill 10/s).</summary>
    public static TokenBucket ArmWrites { get; } = new(200, 10);
}
