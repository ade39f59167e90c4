using System.Text.Json;
using Optimize.Policy.Serialization;

namespace Optimize.Policy;

/// <summary>Writes a policy as JSON in the policy file format; <see cref="PolicyLoader.Load"/> reads it back equal.</summary>
public static class PolicyWriter
{
    /// <summary>The policy as indented JSON (camelCase names, durations like <c>"7d"</c>, times <c>"01:00"</c>).</summary>
    public static string ToJson(OptimizePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return JsonSerializer.Serialize(policy, PolicyJson.Options);
    }
}
