using Optimize.Policy;

namespace Optimize.Core.Tests.Policy;

public sealed class PolicySemanticsTests
{
    [Theory]
    [InlineData("duplicate scope names (case-insensitive)", """ "scopes": [ { "name": "prod" }, { "name": "Prod" } ] """, "/scopes/1/name", "already used by /scopes/0")]
    [InlineData("unknown time zone", """ "changeWindows": [ { "start": "01:00", "end": "02:00", "timeZone": "Mars/Olympus" } ] """, "/changeWindows/0/timeZone", "not a known IANA time zone")]
    [InlineData("window start equals end", """ "changeWindows": [ { "start": "01:00", "end": "01:00" } ] """, "/changeWindows/0/end", "must differ from start")]
    [InlineData("rollback cooldown shorter than change cooldown", """ "cooldowns": { "afterChange": "14d", "afterRollback": "7d" } """, "/cooldowns/afterRollback", "must be at least afterChange (14d)")]
    [InlineData("no in-flight allowance with auto mode", """ "defaultMode": "auto", "limits": { "maxInFlight": 0 } """, "/limits/maxInFlight", "at least 1")]
    [InlineData("no pass allowance with an approve scope", """ "scopes": [ { "name": "p", "mode": "approve" } ], "limits": { "maxChangesPerPass": 0 } """, "/limits/maxChangesPerPass", "at least 1")]
    [InlineData("lookback under a day", """ "data": { "lookback": "12h", "interval": "5m" } """, "/data/lookback", "shorter than 1 day")]
    [InlineData("lookback under 24 intervals", """ "data": { "lookback": "2d", "interval": "4h" } """, "/data/lookback", "fewer than 24 intervals of 4h")]
    [InlineData("zero interval", """ "data": { "interval": "0s" } """, "/data/interval", "must be positive")]
    [InlineData("zero approval timeout", """ "approval": { "timeout": "0m" } """, "/approval/timeout", "must be positive")]
    [InlineData("zero retention", """ "retention": { "keepFor": "0d" } """, "/retention/keepFor", "must be positive")]
    [InlineData("zero revert window", """ "alerts": { "revertWindow": "0h" } """, "/alerts/revertWindow", "must be positive")]
    [InlineData("zero settle", """ "kinds": { "functionApp": { "stages": { "settle": "0s" } } } """, "/kinds/functionApp/stages/settle", "must be positive")]
    [InlineData("check interval above observe", """ "kinds": { "scaleSet": { "stages": { "observe": "1h", "checkEvery": "2h" } } } """, "/kinds/scaleSet/stages/checkEvery", "must not exceed observe (1h)")]
    [InlineData("target cpu at scale-up threshold", """ "kinds": { "appServicePlan": { "targetCpuPercent": 85, "scaleUpCpuPercent": 85 } } """, "/kinds/appServicePlan/targetCpuPercent", "must be below scaleUpCpuPercent")]
    [InlineData("unknown guard metric", """ "kinds": { "virtualMachine": { "guards": [ { "metric": "diskIops", "statistic": "p95", "absoluteMax": 1 } ] } } """, "/kinds/virtualMachine/guards/0/metric", "'diskIops' is not a metric")]
    [InlineData("guard without a limit", """ "kinds": { "autoscaleSetting": { "guards": [ { "metric": "cpu", "statistic": "p95" } ] } } """, "/kinds/autoscaleSetting/guards/0", "needs at least one limit")]
    [InlineData("opt-in tag equals opt-out tag", """ "tags": { "optIn": "Optimize", "optOut": "optimize" } """, "/tags/optIn", "must differ from the opt-out tag")]
    public void Load_SemanticProblem_OneErrorWithPath(string @case, string fragment, string path, string message)
    {
        var errors = PolicyAssert.Invalid(PolicyLoader.Load($$"""{ "version": 1, {{fragment}} }"""));

        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(@case);
    }

    [Theory]
    [InlineData("window across midnight", """ "changeWindows": [ { "start": "22:00", "end": "04:00", "timeZone": "Europe/Amsterdam" } ] """)]
    [InlineData("no windows: any time", """ "changeWindows": [] """)]
    [InlineData("zero limits in recommend mode", """ "limits": { "maxInFlight": 0, "maxChangesPerPass": 0 } """)]
    [InlineData("ISO-8601 durations", """ "cooldowns": { "afterChange": "P7D", "afterRollback": "P30DT12H" }, "approval": { "timeout": "PT90M" } """)]
    [InlineData("lookback exactly 24 intervals", """ "data": { "lookback": "1d", "interval": "1h" } """)]
    public void Load_EdgeThatIsValid_Loads(string @case, string fragment)
    {
        PolicyAssert.Valid(PolicyLoader.Load($$"""{ "version": 1, {{fragment}} }"""));
        Assert.NotEmpty(@case);
    }
}
