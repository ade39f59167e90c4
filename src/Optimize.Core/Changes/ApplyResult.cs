using Optimize.Model;

namespace Optimize.Changes;

/// <summary>The result of applying a configuration: the configuration read back after the operation, or a failure.</summary>
/// <param name="Observed">The configuration read back after the write (also set on failure when it could be read).</param>
/// <param name="Failure">Null on success.</param>
public sealed record ApplyResult(ResourceConfig? Observed, ChangeFailure? Failure)
{
    /// <summary>True when the write succeeded.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>A success that read back <paramref name="observed"/>.</summary>
    public static ApplyResult Ok(ResourceConfig observed) => new(observed, null);

    /// <summary>A failure.</summary>
    public static ApplyResult Fail(string kind, string message, ResourceConfig? observed = null) => new(observed, new ChangeFailure(kind, message));
}
