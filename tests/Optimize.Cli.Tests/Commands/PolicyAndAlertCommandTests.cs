using System.Text.Json;
using Optimize.Testing;

namespace Optimize.Cli.Tests.Commands;

public sealed class PolicyAndAlertCommandTests
{
    [Fact]
    public async Task PolicyValidate_BrokenFile_ListsEveryErrorWithItsPathAndExitsTwo()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, """{ "version": 2, "scopes": [ { "mode": "sometimes" } ], "bogus": true }""", TestContext.Current.CancellationToken);
        try
        {
            var result = await CliRunner.RunAsync("policy", "validate", path, "--json");

            Assert.Equal(2, result.ExitCode);
            using var doc = JsonDocument.Parse(result.Out);
            var paths = doc.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
            Assert.Contains("/version", paths);
            Assert.Contains("/scopes/0/name", paths);
            Assert.Contains("/scopes/0/mode", paths);
            Assert.Contains("/bogus", paths);
            Assert.False(doc.RootElement.GetProperty("valid").GetBoolean());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("samples/policies/recommend-only-starter.json")]
    [InlineData("samples/policies/approve-for-prod.json")]
    [InlineData("samples/policies/auto-for-dev.json")]
    [InlineData("src/Optimize.Cli/Demo/demo-policy.json")]
    [InlineData("src/Optimize.Core/Policy/default-policy.json")]
    public async Task PolicyValidate_ShippedPolicy_IsValid(string relative)
    {
        var result = await CliRunner.RunAsync("policy", "validate", Path.Combine(RepoPaths.Root, relative));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("valid", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyDefault_PrintsAPolicyThatValidates()
    {
        var printed = await CliRunner.RunAsync("policy", "default");
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, printed.Out, TestContext.Current.CancellationToken);
        try
        {
            Assert.Equal(0, (await CliRunner.RunAsync("policy", "validate", path)).ExitCode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AlertInspect_Unparsable_ExitsTwo()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, "{ this is not an alert", TestContext.Current.CancellationToken);
        try
        {
            var result = await CliRunner.RunAsync("alert", "inspect", path);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("cannot parse", result.Err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AlertInspect_MetricAlertOnAVmInAutoScope_RoutesToTheChangeOrARemediation()
    {
        var payload = $$"""
        {
          "schemaId": "azureMonitorCommonAlertSchema",
          "data": {
            "essentials": {
              "alertId": "/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.AlertsManagement/alerts/abc",
              "alertRule": "High CPU",
              "severity": "Sev2",
              "signalType": "Metric",
              "monitorCondition": "Fired",
              "monitoringService": "Platform",
              "alertTargetIDs": [ "/subscriptions/11111111-1111-1111-1111-111111111111/resourcegroups/rg-dev/providers/microsoft.compute/virtualmachines/vm1" ],
              "firedDateTime": "2026-11-02T03:00:00Z",
              "description": "cpu"
            },
            "alertContext": {}
          }
        }
        """;
        var payloadPath = Path.GetTempFileName();
        var policyPath = Path.GetTempFileName();
        await File.WriteAllTextAsync(payloadPath, payload, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(policyPath, """{ "version": 1, "defaultMode": "auto" }""", TestContext.Current.CancellationToken);
        try
        {
            var result = await CliRunner.RunAsync("alert", "inspect", payloadPath, "--policy", policyPath, "--json");

            Assert.Equal(0, result.ExitCode);
            using var doc = JsonDocument.Parse(result.Out);
            var target = doc.RootElement.GetProperty("targets")[0];
            Assert.Equal("route", target.GetProperty("action").GetString());
            Assert.Equal("virtualMachine", target.GetProperty("kind").GetString());
            Assert.Contains("AlertRemediation", target.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(payloadPath);
            File.Delete(policyPath);
        }
    }

    [Fact]
    public async Task AlertInspect_PublishedStorageAlert_RefusesAKindOptimizeDoesNotChange()
    {
        var path = RepoPaths.SharedFile("fixtures/alerts/common-schema/alerts-payload-samples.md__test-action-metric-alert-static-threshold.json");

        var result = await CliRunner.RunAsync("alert", "inspect", path, "--json");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal("azureMonitorCommonAlertSchema", doc.RootElement.GetProperty("schema").GetString());
        Assert.Equal("refuse", doc.RootElement.GetProperty("targets")[0].GetProperty("action").GetString());
    }
}
