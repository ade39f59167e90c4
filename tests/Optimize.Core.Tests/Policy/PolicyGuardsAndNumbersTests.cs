using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Optimize.Policy;

namespace Optimize.Core.Tests.Policy;

/// <summary>Empty guards where changes happen, numbers of any size, and schema plus semantic errors in one pass.</summary>
public sealed class PolicyGuardsAndNumbersTests
{
    [Theory]
    [InlineData("auto by default", """ "defaultMode": "auto", "kinds": { "virtualMachine": { "guards": [] } } """, "/kinds/virtualMachine/guards", "'default' changes virtualMachine in auto mode")]
    [InlineData("approve scope", """ "scopes": [ { "name": "prod", "mode": "approve" } ], "kinds": { "scaleSet": { "guards": [] } } """, "/kinds/scaleSet/guards", "'prod' changes scaleSet in approve mode")]
    [InlineData("scope limited to the kind", """ "scopes": [ { "name": "vm", "kinds": ["virtualMachine"], "mode": "auto" } ], "kinds": { "virtualMachine": { "guards": [] } } """, "/kinds/virtualMachine/guards", "'vm' changes")]
    public void Load_EmptyGuardsForAChangingKind_Refused(string @case, string fragment, string path, string message)
    {
        var error = Assert.Single(PolicyAssert.Invalid(PolicyLoader.Load($$"""{ "version": 1, {{fragment}} }""")));

        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(@case);
    }

    [Theory]
    [InlineData("recommend mode never changes", """ "kinds": { "virtualMachine": { "guards": [] } } """)]
    [InlineData("kind disabled", """ "defaultMode": "auto", "kinds": { "virtualMachine": { "enabled": false, "guards": [] } } """)]
    [InlineData("auto scope for another kind", """ "scopes": [ { "name": "apps", "kinds": ["functionApp"], "mode": "auto" }, { "name": "rest", "mode": "off" } ], "kinds": { "virtualMachine": { "guards": [] } } """)]
    [InlineData("default guards in auto", """ "defaultMode": "auto" """)]
    public void Load_EmptyGuardsWhereNothingChanges_Loads(string @case, string fragment)
    {
        PolicyAssert.Valid(PolicyLoader.Load($$"""{ "version": 1, {{fragment}} }"""));
        Assert.NotEmpty(@case);
    }

    [Theory]
    [InlineData("/savings/minimumMonthly", """ "savings": { "minimumMonthly": 7.93e28 } """, "7.93e28 is above the maximum 1000000000000")]
    [InlineData("/savings/minimumMonthly", """ "savings": { "minimumMonthly": 79228162514264337593543950336 } """, "above the maximum")]
    [InlineData("/limits/maxInFlight", """ "limits": { "maxInFlight": 1e40 } """, "1e40 is above the maximum 10000")]
    [InlineData("/limits/maxChangesPerPass", """ "limits": { "maxChangesPerPass": 2147483648 } """, "above the maximum 10000")]
    [InlineData("/kinds/virtualMachine/targetCpuPercent", """ "kinds": { "virtualMachine": { "targetCpuPercent": 1e400 } } """, "1e400 is above the maximum 100")]
    [InlineData("/kinds/virtualMachine/guards/0/absoluteMax", """ "kinds": { "virtualMachine": { "guards": [ { "metric": "cpu", "statistic": "p95", "absoluteMax": 1e400 } ] } } """, "must be a finite number")]
    public void Load_HugeNumber_OneErrorNoException(string path, string fragment, string message)
    {
        var error = Assert.Single(PolicyAssert.Invalid(PolicyLoader.Load($$"""{ "version": 1, {{fragment}} }""")));

        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AnyNumberInAnyNumericField_NeverThrows()
    {
        string[] fields = ["\"savings\": { \"minimumMonthly\": {0} }", "\"limits\": { \"maxInFlight\": {0} }", "\"data\": { \"minimumCoverage\": {0} }",
            "\"kinds\": { \"scaleSet\": { \"maxStepDownPercent\": {0} } }", "\"kinds\": { \"functionApp\": { \"guards\": [ { \"metric\": \"cpu\", \"statistic\": \"max\", \"maxIncrease\": {0} } ] } }"];
        var numbers = Gen.Elements("0", "-0", "1e29", "-1e29", "7.9228162514264337593543950336e28", "1e400", "-1e400", "1e-400", "4294967296", "0.1")
            .Select(n => n)
            .Or(ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture)));

        Prop.ForAll(Gen.Elements(fields).ToArbitrary(), numbers.ToArbitrary(), (field, number) =>
        {
            var result = PolicyLoader.Load("{ \"version\": 1, " + field.Replace("{0}", number, StringComparison.Ordinal) + " }");
            return result.IsValid || result.Errors.All(e => e.Path.StartsWith('/') && e.Message.Length > 0 && !e.Message.Contains("System.", StringComparison.Ordinal));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Load_SchemaErrorBesideASemanticOne_ListsBothAndSkipsTheStandInDefault()
    {
        // afterChange is refused by the schema; afterRollback "1d" is not compared with the stand-in 7d default.
        // The scopes' duplicate names are still found although defaultMode is refused.
        const string json = """
            { "version": 1, "defaultMode": "often",
              "cooldowns": { "afterChange": "soon", "afterRollback": "1d" },
              "scopes": [ { "name": "a" }, { "name": "A", "tags": { "team/cost": "x", "n": 1 } } ] }
            """;

        var errors = PolicyAssert.Invalid(PolicyLoader.Load(json));

        Assert.Equal(["/defaultMode", "/cooldowns/afterChange", "/scopes/1/name", "/scopes/1/tags/n"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Load_KindObjectWithoutGuards_KeepsTheKindDefaults()
    {
        // Before: a kind object that set one field got no guards at all (and p95 for Function Apps), so the shipped
        // auto-for-dev sample promoted unchecked.
        var policy = PolicyAssert.Valid(PolicyLoader.Load("""{ "version": 1, "defaultMode": "auto", "kinds": { "functionApp": { "targetCpuPercent": 60 } } }"""));

        Assert.Equal(60, policy.Kinds.FunctionApp.TargetCpuPercent);
        Assert.Equal("p99", policy.Kinds.FunctionApp.ProtectPercentile);
        Assert.Equal(KindPolicy.Defaults(Optimize.Model.ResourceKind.FunctionApp).Guards, policy.Kinds.FunctionApp.Guards);
        Assert.Equal(4, policy.Kinds.FunctionApp.Guards.Count);
    }
}
