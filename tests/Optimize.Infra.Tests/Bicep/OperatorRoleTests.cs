using System.Text.Json;
using System.Text.Json.Nodes;
using Optimize.Azure;

namespace Optimize.Infra.Tests.Bicep;

/// <summary>The custom Optimize Operator role grants exactly <see cref="ArmActions.OperatorRole"/>: no more, no fewer.</summary>
public sealed class OperatorRoleTests
{
    [Fact]
    public void ActionsFile_ComparedWithCode_IsExactlyTheOperatorRole()
    {
        var path = Path.Combine(RepoPaths.Root, "infra", "optimize-operator-actions.json");
        var actions = JsonSerializer.Deserialize<string[]>(File.ReadAllText(path));

        Assert.Equal(ArmActions.OperatorRole, actions);
    }

    [Fact]
    public void CompiledRoleDefinition_ComparedWithCode_GrantsExactlyTheOperatorRole()
    {
        var (template, role) = Assert.Single(CompiledTemplate.Find("Microsoft.Authorization/roleDefinitions"));
        var permission = Assert.Single(role["properties"]!["permissions"]!.AsArray())!.AsObject();

        var actions = CompiledTemplate.Resolve(template, permission["actions"]);

        Assert.IsType<JsonArray>(actions);
        Assert.Equal(ArmActions.OperatorRole, actions.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Empty(permission["notActions"]!.AsArray());
        Assert.Empty(permission["dataActions"]!.AsArray());
        Assert.Equal("CustomRole", (string?)role["properties"]!["type"]);
    }

    [Fact]
    public void CompiledRoleDefinition_Always_GrantsNoMetricReadsItself()
    {
        // Metrics come from the built-in Monitoring Reader role assigned next to the custom role.
        var (template, role) = Assert.Single(CompiledTemplate.Find("Microsoft.Authorization/roleDefinitions"));
        var actions = CompiledTemplate.Resolve(template, role["properties"]!["permissions"]![0]!["actions"])!.AsArray();

        Assert.DoesNotContain(ArmActions.MetricsRead, actions.Select(a => a!.GetValue<string>()));
        Assert.Contains(CompiledTemplate.Find("Microsoft.Authorization/roleAssignments"), x => x.Template.ToJsonString().Contains(MonitoringReaderRoleId, StringComparison.Ordinal));
    }

    [Fact]
    public void TargetAccessModule_Always_IsDeployedPerTargetSubscription()
    {
        var access = CompiledTemplate.Find("Microsoft.Resources/deployments")
            .Select(x => x.Resource)
            .Single(r => ((string?)r["name"])?.Contains("optimize-access-", StringComparison.Ordinal) == true);

        Assert.NotNull(access["copy"]);
        Assert.Contains("variables('targets')[copyIndex()]", (string?)access["subscriptionId"], StringComparison.Ordinal);
    }

    private const string MonitoringReaderRoleId = "43d0d8ad-25c7-4714-9337-8ba259a9fe05";
}
