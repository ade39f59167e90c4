using System.Collections.Concurrent;

namespace Optimize.Emulator;

/// <summary>One request the contract forbids, or one emulator response the contract does not allow.</summary>
/// <param name="Operation">The operationId of the REST spec (for example <c>WebApps_Update</c>).</param>
/// <param name="Direction"><c>request</c> (the client sent it) or <c>response</c> (the emulator sent it: an emulator bug).</param>
/// <param name="Pointer">JSON pointer of the offending property, for example <c>/properties/functionAppConfig</c>.</param>
/// <param name="Message">What is wrong, in the words a reviewer can check against the spec.</param>
public sealed record ContractViolation(string Operation, string Direction, string Pointer, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Direction} {Operation} {Pointer}: {Message}";
}

/// <summary>Counts of the requests the emulator served, by operation, and the contract violations it saw. Thread-safe.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentDictionary<string, int> _byOperation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, int> _byStatus = new();
    private readonly ConcurrentQueue<ContractViolation> _violations = new();
    private int _requests;

    /// <summary>Requests served (every status, faults included).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests per operationId (unrouted requests count under <c>unknown</c>).</summary>
    public IReadOnlyDictionary<string, int> ByOperation => new SortedDictionary<string, int>(_byOperation, StringComparer.Ordinal);

    /// <summary>Requests per HTTP status.</summary>
    public IReadOnlyDictionary<int, int> ByStatus => new SortedDictionary<int, int>(_byStatus);

    /// <summary>Contract violations in arrival order.</summary>
    public IReadOnlyList<ContractViolation> Violations => [.. _violations];

    /// <summary>Records one served request.</summary>
    public void Record(string operation, int status)
    {
        Interlocked.Increment(ref _requests);
        _byOperation.AddOrUpdate(operation, 1, static (_, n) => n + 1);
        _byStatus.AddOrUpdate(status, 1, static (_, n) => n + 1);
    }

    /// <summary>Records a contract violation.</summary>
    public void Violation(ContractViolation violation) => _violations.Enqueue(violation);
}
