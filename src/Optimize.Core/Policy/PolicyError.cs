using System.Text.Json.Serialization;

namespace Optimize.Policy;

/// <summary>One problem found in a policy file.</summary>
/// <param name="Path">Where, as an RFC 6901 JSON pointer: <c>/scopes/1/mode</c>; empty for the whole document.</param>
/// <param name="Message">What is wrong, in one sentence with the offending value.</param>
public sealed record PolicyError(string Path, string Message)
{
    /// <summary>How <see cref="Path"/> is shown: the pointer, or <c>(document)</c> for the root (the empty pointer).</summary>
    [JsonIgnore]
    public string Where => Path.Length == 0 ? "(document)" : Path;

    /// <inheritdoc />
    public override string ToString() => $"{Where}: {Message}";
}
