using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Optimize.Core.Tests.Planning;
using Optimize.Model;
using Optimize.Policy;

namespace Optimize.Core.Tests.Policy;

/// <summary>Resource-group globs: <c>*</c> any run, <c>?</c> one character, case-insensitive, whole name.</summary>
public sealed class ScopeMatcherGlobTests
{
    [Theory]
    [InlineData("rg-api-*", "rg-api-prod", true)]
    [InlineData("rg-api-*", "RG-API-Prod", true)]
    [InlineData("rg-api-*", "rg-api-", true)]
    [InlineData("rg-api-*", "xrg-api-prod", false)]
    [InlineData("rg-??-prod", "rg-eu-prod", true)]
    [InlineData("rg-??-prod", "rg-eus-prod", false)]
    [InlineData("*-prod", "rg-orders-prod", true)]
    [InlineData("*-prod", "rg-orders-prod2", false)]
    [InlineData("rg-(core).web", "rg-(core).web", true)]
    [InlineData("rg-(core).web", "rg-(core)xweb", false)]
    [InlineData("*", "x", true)]
    [InlineData("?", "xy", false)]
    public void Match_ResourceGroupGlob_MatchesWholeNameCaseInsensitively(string glob, string group, bool expected)
    {
        Assert.Equal(expected, InScope(glob, group));
    }

    [Fact]
    public void Match_HostileGroupNameOf20000Characters_AnswersWithoutTimingOut()
    {
        // A backtracking regex for this glob gave up with RegexMatchTimeoutException after 1 s of CPU per call.
        var hostile = new string('a', 20_000);

        Assert.False(InScope("*a*a*a*a*a*a*a*a*b", hostile));
        Assert.True(InScope("*a*a*a*a*a*a*a*a*", hostile));
    }

    [Fact]
    public void Match_AnyShortNameAndGlob_AgreesWithAnAnchoredRegexReference()
    {
        var alphabet = Gen.Elements('a', 'b', '-', 'A');
        var names = Gen.ArrayOf(alphabet).Select(c => new string(c)).Where(s => s.Length is > 0 and <= 8);
        var globs = Gen.ArrayOf(Gen.Elements('a', 'b', '-', '*', '?')).Select(c => new string(c)).Where(s => s.Length <= 6);
        Prop.ForAll(Arb.From(globs), Arb.From(names), (glob, name) =>
        {
            var reference = Regex.IsMatch(
                name,
                "^" + Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline,
                TimeSpan.FromSeconds(5));
            return InScope(glob, name) == reference;
        }).QuickCheckThrowOnFailure();
    }

    private static bool InScope(string glob, string group)
    {
        var policy = new OptimizePolicy { Scopes = [new PolicyScope { Name = "s", ResourceGroups = [glob] }] };
        return new ScopeMatcher(policy).Match(PlanningTestData.Resource(ResourceKind.VirtualMachine, group)).IsInScope;
    }
}
