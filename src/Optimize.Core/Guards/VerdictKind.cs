namespace Optimize.Guards;

/// <summary>
/// The outcome of one guard check, ordered from best to worst; a stage takes the worst of its guards.
/// Only <see cref="Successful"/> promotes.
/// </summary>
public enum VerdictKind
{
    /// <summary>Every limit held with enough data.</summary>
    Successful = 0,

    /// <summary>Not enough data to tell. Never promotes.</summary>
    Inconclusive = 1,

    /// <summary>The measurement itself failed (metrics API error).</summary>
    Error = 2,

    /// <summary>A limit was broken.</summary>
    Failed = 3,
}
