using System.IO.Enumeration;
using Optimize.Model;

namespace Optimize.Policy;

/// <summary>
/// Places resources in the policy's scopes and reads its tag rules. A resource belongs to the first scope whose every
/// criterion it meets: subscription (<c>*</c> or equal, case-insensitive), resource group (glob with <c>*</c> and
/// <c>?</c>, case-insensitive), tags (all present, value equal case-insensitively or <c>*</c>; names
/// case-insensitive) and kind (listed, or the list is empty). An empty subscription or resource-group list matches any.
/// Globs are matched by the BCL's <see cref="FileSystemName.MatchesSimpleExpression(ReadOnlySpan{char}, ReadOnlySpan{char}, bool)"/>,
/// a non-backtracking matcher: its cost grows with pattern × name length, never exponentially, so a hostile name (from
/// an alert's target id, say) cannot pin a CPU the way a backtracking regex can.
/// </summary>
public sealed class ScopeMatcher
{
    private readonly OptimizePolicy _policy;
    private readonly string[][] _groupPatterns;

    /// <summary>Prepares the matcher.</summary>
    public ScopeMatcher(OptimizePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        _groupPatterns = [.. policy.Scopes.Select(s => s.ResourceGroups.ToArray())];
    }

    /// <summary>The first scope <paramref name="resource"/> matches and its effective mode, or <see cref="ScopeMatch.OutOfScope"/>.</summary>
    public ScopeMatch Match(ResourceRef resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        for (var i = 0; i < _policy.Scopes.Count; i++)
        {
            var scope = _policy.Scopes[i];
            if (MatchesSubscription(scope, resource)
                && MatchesGroup(_groupPatterns[i], resource)
                && MatchesTags(scope, resource)
                && (scope.Kinds.Count == 0 || scope.Kinds.Contains(resource.Kind)))
            {
                return new ScopeMatch(scope, scope.Mode ?? _policy.DefaultMode);
            }
        }

        return ScopeMatch.OutOfScope;
    }

    /// <summary>True when the resource carries the opt-out tag with any value except <c>false</c>.</summary>
    public bool IsOptedOut(ResourceRef resource) => HasTrueTag(resource, _policy.Tags.OptOut);

    /// <summary>True when the resource carries the opt-in tag with any value except <c>false</c>.</summary>
    public bool IsOptedIn(ResourceRef resource) => HasTrueTag(resource, _policy.Tags.OptIn);

    /// <summary>True when opt-in is not required, or the resource is opted in.</summary>
    public bool MayChange(ResourceRef resource) => !_policy.Tags.RequireOptIn || IsOptedIn(resource);

    private static bool HasTrueTag(ResourceRef resource, string tag)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return TryGetTag(resource, tag, out var value) && !string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase);
    }

    private static bool MatchesSubscription(PolicyScope scope, ResourceRef resource) =>
        scope.Subscriptions.Count == 0
        || scope.Subscriptions.Any(s => s == "*" || string.Equals(s, resource.SubscriptionId, StringComparison.OrdinalIgnoreCase));

    private static bool MatchesGroup(string[] patterns, ResourceRef resource) =>
        patterns.Length == 0 || patterns.Any(p => FileSystemName.MatchesSimpleExpression(p, resource.ResourceGroup, ignoreCase: true));

    private static bool MatchesTags(PolicyScope scope, ResourceRef resource) =>
        scope.Tags.All(required => TryGetTag(resource, required.Key, out var value)
            && (required.Value == "*" || string.Equals(required.Value, value, StringComparison.OrdinalIgnoreCase)));

    private static bool TryGetTag(ResourceRef resource, string name, out string value)
    {
        foreach (var tag in resource.Tags)
        {
            if (string.Equals(tag.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = tag.Value;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }
}
