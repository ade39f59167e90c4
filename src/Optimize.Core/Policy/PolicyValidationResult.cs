using System.Diagnostics.CodeAnalysis;

namespace Optimize.Policy;

/// <summary>The outcome of loading a policy: the policy, or every problem found (never both).</summary>
public sealed record PolicyValidationResult
{
    private PolicyValidationResult(OptimizePolicy? policy, IReadOnlyList<PolicyError> errors)
    {
        Policy = policy;
        Errors = errors;
    }

    /// <summary>The loaded policy; null when <see cref="Errors"/> is not empty.</summary>
    public OptimizePolicy? Policy { get; }

    /// <summary>Every problem found, in document order within each stage; empty when valid.</summary>
    public IReadOnlyList<PolicyError> Errors { get; }

    /// <summary>True when the policy loaded without errors.</summary>
    [MemberNotNullWhen(true, nameof(Policy))]
    public bool IsValid => Policy is not null;

    /// <summary>A valid result.</summary>
    public static PolicyValidationResult Valid(OptimizePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new(policy, []);
    }

    /// <summary>An invalid result.</summary>
    /// <exception cref="ArgumentException"><paramref name="errors"/> is empty.</exception>
    public static PolicyValidationResult Invalid(IReadOnlyList<PolicyError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count > 0 ? new(null, errors) : throw new ArgumentException("An invalid result needs at least one error.", nameof(errors));
    }

    /// <summary>The policy, or an exception listing every error.</summary>
    /// <exception cref="InvalidOperationException">The policy is invalid; the message lists every error, one per line.</exception>
    public OptimizePolicy GetPolicyOrThrow() => Policy
        ?? throw new InvalidOperationException($"The policy is invalid ({Errors.Count} error(s)):{Environment.NewLine}{string.Join(Environment.NewLine, Errors)}");
}
