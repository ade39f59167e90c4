namespace Optimize.Policy;

/// <summary>One problem found in a policy file.</summary>
/// <param name="Path">Where, as a JSON path: <c>$.scopes[1].mode</c>; <c>$</c> for the whole document.</param>
/// <param name="Message">What is wrong, in one sentence with the offending value.</param>
public sealed record PolicyError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
