using System.Text.Json;
using Optimize.Policy;

namespace Optimize.Core.Tests.Policy;

/// <summary>Structural policy comparison: records hold lists, whose equality is by reference, so two policies are
/// compared through their canonical JSON (the writer emits every property).</summary>
internal static class PolicyAssert
{
    public static void Equal(OptimizePolicy expected, OptimizePolicy actual)
    {
        var e = PolicyWriter.ToJson(expected);
        var a = PolicyWriter.ToJson(actual);
        using var ed = JsonDocument.Parse(e);
        using var ad = JsonDocument.Parse(a);
        Assert.True(JsonElement.DeepEquals(ed.RootElement, ad.RootElement), $"Policies differ.{Environment.NewLine}Expected:{Environment.NewLine}{e}{Environment.NewLine}Actual:{Environment.NewLine}{a}");
    }

    public static OptimizePolicy Valid(PolicyValidationResult result)
    {
        Assert.True(result.IsValid, "Expected a valid policy, got: " + string.Join("; ", result.Errors));
        return result.Policy;
    }

    public static IReadOnlyList<PolicyError> Invalid(PolicyValidationResult result)
    {
        Assert.False(result.IsValid, "Expected errors, the policy loaded.");
        Assert.Null(result.Policy);
        return result.Errors;
    }
}
