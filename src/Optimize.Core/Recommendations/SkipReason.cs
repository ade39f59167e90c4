namespace Optimize.Recommendations;

/// <summary>Why a resource was not changed: a stable code for machines and a sentence for people.</summary>
/// <param name="Code">One of the codes in <see cref="SkipReasons"/>.</param>
/// <param name="Message">The sentence the report shows, with the numbers: "coverage 62% &lt; 90%".</param>
public sealed record SkipReason(string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}
