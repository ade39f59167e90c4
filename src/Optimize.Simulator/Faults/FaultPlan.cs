using System.Collections.Concurrent;
using Optimize.Changes;

namespace Optimize.Simulator.Faults;

/// <summary>
/// Failures to inject into the simulated ports. Thread-safe and mutable: arm faults at any time, the ports consume them.
/// Resource ids compare case-insensitively. Methods return this plan for chaining.
/// </summary>
public sealed class FaultPlan
{
    private static readonly HashSet<string> Kinds =
    [
        ChangeFailureKinds.Conflict, ChangeFailureKinds.Throttled, ChangeFailureKinds.NotFound, ChangeFailureKinds.Forbidden,
        ChangeFailureKinds.InvalidTarget, ChangeFailureKinds.OperationFailed, ChangeFailureKinds.Transient, ChangeFailureKinds.Unexpected,
    ];

    private readonly ConcurrentDictionary<string, (int Count, string Kind)> _writes = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (int Count, string Kind)> _reads = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _rollbacks = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _deallocation = new(StringComparer.OrdinalIgnoreCase);
    private int _metricReads;
    private readonly Lock _chaosGate = new();
    private ChaosOptions? _chaos;
    private Random? _random;

    /// <summary>The next <paramref name="count"/> writes to <paramref name="resourceId"/> fail with <paramref name="kind"/> (default: throttled, HTTP 429).</summary>
    /// <exception cref="ArgumentException">Empty id, count below 1, or a kind not in <see cref="ChangeFailureKinds"/>.</exception>
    public FaultPlan FailWrites(string resourceId, int count = 1, string kind = ChangeFailureKinds.Throttled)
    {
        Check(resourceId, count, kind);
        _writes[resourceId] = (count, kind);
        return this;
    }

    /// <summary>Every rollback of <paramref name="resourceId"/> (a write restoring the configuration before its latest write) fails with <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentException">Empty id or unknown kind.</exception>
    public FaultPlan FailRollback(string resourceId, string kind = ChangeFailureKinds.OperationFailed)
    {
        Check(resourceId, 1, kind);
        _rollbacks[resourceId] = kind;
        return this;
    }

    /// <summary>The next <paramref name="count"/> configuration reads of <paramref name="resourceId"/> fail with <paramref name="kind"/> (default: transient).</summary>
    /// <exception cref="ArgumentException">Empty id, count below 1, or unknown kind.</exception>
    public FaultPlan FailConfigReads(string resourceId, int count = 1, string kind = ChangeFailureKinds.Transient)
    {
        Check(resourceId, count, kind);
        _reads[resourceId] = (count, kind);
        return this;
    }

    /// <summary>The next <paramref name="count"/> metric queries throw <see cref="InvalidOperationException"/> (the metrics service failed beyond its retries).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Count below 1.</exception>
    public FaultPlan FailMetricReads(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Interlocked.Exchange(ref _metricReads, count);
        return this;
    }

    /// <summary>Resizing VM <paramref name="resourceId"/> needs deallocation: refused as invalid-target unless the write allows it.</summary>
    public FaultPlan RequireDeallocation(string resourceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceId);
        _deallocation[resourceId] = true;
        return this;
    }

    /// <summary>Random faults at the rates of <paramref name="options"/>, drawn from <paramref name="random"/> (seed it for a
    /// reproducible run), on top of the armed ones.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is out of range.</exception>
    public FaultPlan WithChaos(ChaosOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();
        lock (_chaosGate)
        {
            _chaos = options;
            _random = random;
        }

        return this;
    }

    /// <summary>A random read failure kind, or null.</summary>
    internal string? ChaosReadFailure() => Draw(c => [(c.Throttled, ChangeFailureKinds.Throttled), (c.ServerError, ChangeFailureKinds.Transient)]);

    /// <summary>A random write failure: its kind and whether the write still took effect; or null.</summary>
    internal (string Kind, bool Applied)? ChaosWriteFailure() =>
        Draw(c => [(c.Throttled, ChangeFailureKinds.Throttled), (c.ServerError, ChangeFailureKinds.Transient),
            (c.FailedOperation, ChangeFailureKinds.OperationFailed), (c.AppliedButFailed, "applied")]) switch
        {
            null => null,
            "applied" => (ChangeFailureKinds.OperationFailed, true),
            var kind => (kind, false),
        };

    /// <summary>Whether this metric step is a random gap.</summary>
    internal bool ChaosGap() => Draw(c => [(c.MetricGaps, "gap")]) is not null;

    /// <summary>Whether this metric query randomly fails.</summary>
    internal bool ChaosMetricFailure() => Draw(c => [(c.MetricFailures, "fail")]) is not null;

    internal string? TakeWriteFailure(string resourceId) => Take(_writes, resourceId);

    internal string? TakeReadFailure(string resourceId) => Take(_reads, resourceId);

    internal string? RollbackFailure(string resourceId) => _rollbacks.TryGetValue(resourceId, out var kind) ? kind : null;

    internal bool NeedsDeallocation(string resourceId) => _deallocation.ContainsKey(resourceId);

    internal bool TakeMetricReadFailure()
    {
        while (true)
        {
            var current = Volatile.Read(ref _metricReads);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _metricReads, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    private string? Draw(Func<ChaosOptions, (double Rate, string Outcome)[]> outcomes)
    {
        lock (_chaosGate)
        {
            if (_chaos is null || _random is null)
            {
                return null;
            }

            var x = _random.NextDouble();
            foreach (var (rate, outcome) in outcomes(_chaos))
            {
                if (x < rate)
                {
                    return outcome;
                }

                x -= rate;
            }

            return null;
        }
    }

    private static string? Take(ConcurrentDictionary<string, (int Count, string Kind)> faults, string resourceId)
    {
        while (faults.TryGetValue(resourceId, out var fault))
        {
            var updated = fault.Count <= 1 ? faults.TryRemove(new KeyValuePair<string, (int, string)>(resourceId, fault))
                : faults.TryUpdate(resourceId, (fault.Count - 1, fault.Kind), fault);
            if (updated)
            {
                return fault.Kind;
            }
        }

        return null;
    }

    private static void Check(string resourceId, int count, string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!Kinds.Contains(kind))
        {
            throw new ArgumentException($"'{kind}' is not a failure kind ({string.Join(", ", Kinds)}).", nameof(kind));
        }
    }
}
