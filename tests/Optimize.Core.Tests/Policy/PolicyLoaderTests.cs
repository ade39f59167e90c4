using Optimize.Changes;
using Optimize.Guards;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Core.Tests.Planning;
using Optimize.Policy;

namespace Optimize.Core.Tests.Policy;

public sealed partial class PolicyLoaderTests
{
    [Fact]
    public void Default_EmbeddedFile_EqualsNewOptimizePolicy()
    {
        PolicyAssert.Equal(new OptimizePolicy(), PolicyLoader.Default);
    }

    [Fact]
    public void Load_MinimalFile_TakesEveryDefault()
    {
        var policy = PolicyAssert.Valid(PolicyLoader.Load("""{ "version": 1 }"""));

        PolicyAssert.Equal(new OptimizePolicy(), policy);
    }

    [Fact]
    public void Load_DefaultPolicy_IsRecommendOnlyEverywhere()
    {
        var policy = PolicyLoader.Default;

        Assert.Equal(ChangeMode.Recommend, policy.DefaultMode);
        var scope = Assert.Single(policy.Scopes);
        Assert.Null(scope.Mode);
        Assert.Equal(new ScopeMatch(scope, ChangeMode.Recommend), new ScopeMatcher(policy).Match(PlanningTestData.Resource(ResourceKind.VirtualMachine, "rg-any")));
    }

    [Fact]
    public void ToJson_NonDefaultPolicy_RoundTrips()
    {
        var policy = new OptimizePolicy
        {
            DefaultMode = ChangeMode.Off,
            Scopes =
            [
                new PolicyScope { Name = "prod", Subscriptions = ["00000000-0000-0000-0000-000000000001"], ResourceGroups = ["rg-prod-*"], Tags = new Dictionary<string, string> { ["env"] = "prod", ["cost-center"] = "*" }, Kinds = [ResourceKind.VirtualMachine, ResourceKind.ScaleSet], Mode = ChangeMode.Approve },
                new PolicyScope { Name = "dev", Mode = ChangeMode.Auto },
            ],
            Tags = new TagPolicy { OptOut = "no-touch", OptIn = "touch-me", RequireOptIn = true },
            ChangeWindows = [new ChangeWindow { Days = [DayOfWeek.Saturday, DayOfWeek.Sunday], Start = new(22, 30), End = new(4, 0), TimeZone = "Europe/Amsterdam" }],
            Cooldowns = new CooldownPolicy { AfterChange = TimeSpan.FromHours(36), AfterRollback = TimeSpan.FromDays(45) },
            Limits = new LimitPolicy { MaxChangesPerPass = 3, MaxInFlight = 2 },
            Savings = new SavingsPolicy { MinimumMonthly = 25.5m, Currency = "EUR" },
            Data = new DataPolicy { Lookback = TimeSpan.FromDays(28), Interval = TimeSpan.FromMinutes(15), MinimumCoverage = 0.75 },
            Approval = new ApprovalPolicy { Timeout = TimeSpan.FromMinutes(90) },
            Alerts = new AlertPolicy { RevertWindow = TimeSpan.FromSeconds(45) },
            Retention = new RetentionPolicy { KeepFor = TimeSpan.FromDays(90) },
            Kinds = new KindPolicies
            {
                VirtualMachine = new KindPolicy
                {
                    Enabled = false,
                    ProtectPercentile = "max",
                    TargetCpuPercent = 60,
                    ScaleUpCpuPercent = 80,
                    Stages = new StageTiming { Settle = TimeSpan.FromSeconds(30), Observe = TimeSpan.FromHours(2), CheckEvery = TimeSpan.FromMinutes(10), BaselineWindow = TimeSpan.FromDays(3) },
                    Guards = [new GuardSpec(MetricNames.Instances, "p50", MaxIncrease: 2, MinimumCoverage: 0.8)],
                },
            },
        };

        var json = PolicyWriter.ToJson(policy);
        var loaded = PolicyAssert.Valid(PolicyLoader.Load(json));

        PolicyAssert.Equal(policy, loaded);
        Assert.Equal(TimeSpan.FromHours(36), loaded.Cooldowns.AfterChange);
        Assert.Equal(new TimeOnly(22, 30), loaded.ChangeWindows[0].Start);
        Assert.Equal("*", loaded.Scopes[0].Tags["cost-center"]);
        Assert.Contains("\"afterChange\": \"36h\"", json, StringComparison.Ordinal);
        Assert.Contains("\"mode\": \"approve\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Sat\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileWithFiveProblems_ListsFiveErrorsWithPaths()
    {
        const string json = """
            {
              "version": 1,
              "defaultMode": "sometimes",
              "scopes": [ { "name": "a" }, { "name": "b", "mode": "yolo" } ],
              "changeWindows": [ { "start": "25:00", "end": "06:00" } ],
              "limits": { "maxInFlight": -1 },
              "colour": "blue"
            }
            """;

        var errors = PolicyAssert.Invalid(PolicyLoader.Load(json));

        Assert.Equal(
            ["/changeWindows/0/start", "/colour", "/defaultMode", "/limits/maxInFlight", "/scopes/1/mode"],
            errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("\"sometimes\" is not one of", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("below the minimum 0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("'colour' is not allowed", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SchemaAndSemanticProblems_ListsBoth()
    {
        // The schema flags the unknown property; the document still deserializes, so the semantic checks run too.
        const string json = """
            { "version": 1, "extra": true,
              "scopes": [ { "name": "x" }, { "name": "X" } ],
              "cooldowns": { "afterChange": "10d", "afterRollback": "1d" } }
            """;

        var errors = PolicyAssert.Invalid(PolicyLoader.Load(json));

        Assert.Equal(["/extra", "/scopes/1/name", "/cooldowns/afterRollback"], errors.Select(e => e.Path));
    }

    [Theory]
    [InlineData("truncated", """{ "version": 1, """, "line 1")]
    [InlineData("second line", "{ \"version\": 1,\n  \"limits\": { x } }", "line 2")]
    [InlineData("not JSON at all", "version: 1", "line 1, position 1")]
    public void Load_MalformedJson_OneErrorWithLineAndPosition(string @case, string json, string where)
    {
        var error = Assert.Single(PolicyAssert.Invalid(PolicyLoader.Load(json)));

        Assert.Equal("", error.Path);
        Assert.StartsWith("malformed JSON at " + where, error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(@case);
    }

    [Fact]
    public void Load_CommentsAndTrailingCommas_Accepted()
    {
        var policy = PolicyAssert.Valid(PolicyLoader.Load("""
            // the starter policy
            { "version": 1, /* safe */ "defaultMode": "off", }
            """));

        Assert.Equal(ChangeMode.Off, policy.DefaultMode);
    }

    [Fact]
    public void Load_NullDocument_OneError()
    {
        var error = Assert.Single(PolicyAssert.Invalid(PolicyLoader.Load("null")));

        Assert.Equal("", error.Path);
    }

    [Fact]
    public void LoadFile_MissingFile_OneErrorNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "optimize-no-such-policy-" + Guid.NewGuid().ToString("N") + ".json");

        var error = Assert.Single(PolicyAssert.Invalid(PolicyLoader.LoadFile(path)));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_ValidFile_Loads()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{ "version": 1, "defaultMode": "approve" }""");

            Assert.Equal(ChangeMode.Approve, PolicyAssert.Valid(PolicyLoader.LoadFile(path)).DefaultMode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void GetPolicyOrThrow_Invalid_ListsEveryError()
    {
        var result = PolicyLoader.Load("""{ "version": 2, "defaultMode": "never" }""");

        var e = Assert.Throws<InvalidOperationException>(result.GetPolicyOrThrow);

        Assert.Contains("/version", e.Message, StringComparison.Ordinal);
        Assert.Contains("/defaultMode", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PolicyBuiltInCode_RunsSemanticChecks()
    {
        var policy = new OptimizePolicy { Cooldowns = new CooldownPolicy { AfterChange = TimeSpan.FromDays(9), AfterRollback = TimeSpan.FromDays(2) } };

        var error = Assert.Single(PolicyAssert.Invalid(PolicyLoader.Validate(policy)));

        Assert.Equal("/cooldowns/afterRollback", error.Path);
    }
}
