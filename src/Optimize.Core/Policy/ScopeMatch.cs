namespace Optimize.Policy;

/// <summary>Which scope a resource falls in, and the mode that applies to it.</summary>
/// <param name="Scope">The first scope the resource matches, or null when it matches none.</param>
/// <param name="Mode">The scope's mode, or the policy's default mode when the scope has none; <see cref="ChangeMode.Off"/> when out of scope.</param>
public sealed record ScopeMatch(PolicyScope? Scope, ChangeMode Mode)
{
    /// <summary>The result for a resource in no scope.</summary>
    public static ScopeMatch OutOfScope { get; } = new(null, ChangeMode.Off);

    /// <summary>True when the resource matched a scope.</summary>
    public bool IsInScope => Scope is not null;
}
