using Optimize.Model;
using Optimize.Policy;
using static Optimize.Core.Tests.Planning.PlanningTestData;

namespace Optimize.Core.Tests.Policy;

public sealed class ScopeMatcherTests
{
    private static readonly OptimizePolicy Policy = new()
    {
        DefaultMode = ChangeMode.Recommend,
        Scopes =
        [
            new PolicyScope { Name = "prod-vms", ResourceGroups = ["rg-prod-*"], Kinds = [ResourceKind.VirtualMachine], Mode = ChangeMode.Approve },
            new PolicyScope { Name = "frozen", Subscriptions = ["00000000-0000-0000-0000-00000000000F"], Mode = ChangeMode.Off },
            new PolicyScope { Name = "team-a", Tags = new Dictionary<string, string> { ["Team"] = "A", ["cost-center"] = "*" }, Mode = ChangeMode.Auto },
            new PolicyScope { Name = "dev", ResourceGroups = ["rg-dev-??", "sandbox"] },
        ],
    };

    [Theory]
    [InlineData("glob matches, kind listed", ResourceKind.VirtualMachine, "rg-prod-web", "", "prod-vms", ChangeMode.Approve)]
    [InlineData("glob is case-insensitive", ResourceKind.VirtualMachine, "RG-PROD-web", "", "prod-vms", ChangeMode.Approve)]
    [InlineData("kind not listed falls through", ResourceKind.ScaleSet, "rg-prod-web", "", null, ChangeMode.Off)]
    [InlineData("subscription equal (case-insensitive)", ResourceKind.ScaleSet, "rg-x", "sub=00000000-0000-0000-0000-00000000000f", "frozen", ChangeMode.Off)]
    [InlineData("all tags present, any value for *", ResourceKind.FunctionApp, "rg-x", "team=a;Cost-Center=42", "team-a", ChangeMode.Auto)]
    [InlineData("a tag missing", ResourceKind.FunctionApp, "rg-x", "team=a", null, ChangeMode.Off)]
    [InlineData("tag value differs", ResourceKind.FunctionApp, "rg-x", "team=b;cost-center=1", null, ChangeMode.Off)]
    [InlineData("? matches one character", ResourceKind.AppServicePlan, "rg-dev-01", "", "dev", ChangeMode.Recommend)]
    [InlineData("? does not match two", ResourceKind.AppServicePlan, "rg-dev-001", "", null, ChangeMode.Off)]
    [InlineData("literal group", ResourceKind.AppServicePlan, "Sandbox", "", "dev", ChangeMode.Recommend)]
    [InlineData("first match wins", ResourceKind.VirtualMachine, "rg-prod-1", "team=a;cost-center=1", "prod-vms", ChangeMode.Approve)]
    public void Match_Resource_FirstMatchingScopeAndMode(string @case, ResourceKind kind, string group, string tagsAndSub, string? scope, ChangeMode mode)
    {
        var pairs = tagsAndSub.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToList();
        var subscription = pairs.FirstOrDefault(p => p[0] == "sub")?[1] ?? Subscription;
        var tags = pairs.Where(p => p[0] != "sub").ToDictionary(p => p[0], p => p[1]);

        var match = new ScopeMatcher(Policy).Match(Resource(kind, group, tags: tags, subscription: subscription));

        Assert.Equal((scope, mode), (match.Scope?.Name, match.Mode));
        Assert.Equal(scope is not null, match.IsInScope);
        Assert.NotEmpty(@case);
    }

    [Theory]
    [InlineData("absent", null, false)]
    [InlineData("empty value", "", true)]
    [InlineData("true", "true", true)]
    [InlineData("any value", "until-2027", true)]
    [InlineData("false", "false", false)]
    [InlineData("FALSE with spaces", " FALSE ", false)]
    public void IsOptedOut_TagValue_AnythingButFalse(string @case, string? value, bool expected)
    {
        var tags = value is null ? null : Tags("other=1", "OPTIMIZE-OPT-OUT=" + value);

        Assert.Equal(expected, new ScopeMatcher(Policy).IsOptedOut(Resource(tags: tags)));
        Assert.NotEmpty(@case);
    }

    [Theory]
    [InlineData(false, null, true)]
    [InlineData(true, null, false)]
    [InlineData(true, "false", false)]
    [InlineData(true, "yes", true)]
    public void MayChange_OptInRule_RequiresTagOnlyWhenConfigured(bool requireOptIn, string? value, bool expected)
    {
        var policy = Policy with { Tags = new TagPolicy { RequireOptIn = requireOptIn, OptIn = "opt-in" } };
        var tags = value is null ? null : Tags("Opt-In=" + value);

        Assert.Equal(expected, new ScopeMatcher(policy).MayChange(Resource(tags: tags)));
    }
}
