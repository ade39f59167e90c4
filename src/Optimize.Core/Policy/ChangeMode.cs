namespace Optimize.Policy;

/// <summary>How far Optimize may go in a scope.</summary>
public enum ChangeMode
{
    /// <summary>Not even analyzed.</summary>
    Off,

    /// <summary>Analyzed and reported; never applied.</summary>
    Recommend,

    /// <summary>Applied after a human approves each change.</summary>
    Approve,

    /// <summary>Applied automatically, staged and guarded.</summary>
    Auto,
}
