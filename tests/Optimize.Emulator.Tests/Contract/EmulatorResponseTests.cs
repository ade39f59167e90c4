using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Tests.Contract;

/// <summary>
/// Every read the emulator serves, for the first resource of each kind, held by the middleware to the response schema of the
/// pinned spec (specs/*.json and specs/whole/*.json): documents, lists, instance views, sizes, SKUs, metrics, Resource Graph, and
/// the ARM error of a missing resource (Compute's <c>default</c> → common.json CloudError).
/// </summary>
public sealed class EmulatorResponseTests
{
    [Fact]
    public async Task EveryReadOfTheSurface_ConformsToItsPublishedResponseSchema()
    {
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Fleet = new FleetOptions { ResourceCount = 200 }, ContractDirectory = ContractKit.Pack() });
        var world = emulator.World;
        string Id(ResourceKind kind) => ContractKit.First(world, kind).Resource.Id;
        var vm = Id(ResourceKind.VirtualMachine);
        var subscription = ContractKit.First(world, ResourceKind.VirtualMachine).Resource.SubscriptionId;
        var reads = new[]
        {
            vm + "?api-version=2023-07-01",
            vm + "/instanceView?api-version=2023-07-01",
            vm + "/vmSizes?api-version=2023-07-01",
            vm + "-missing?api-version=2023-07-01",
            Id(ResourceKind.ScaleSet) + "?api-version=2023-07-01",
            Id(ResourceKind.ScaleSet) + "/virtualMachines?api-version=2023-07-01",
            Id(ResourceKind.FunctionApp) + "?api-version=2024-11-01",
            Id(ResourceKind.AppServicePlan) + "?api-version=2024-11-01",
            Id(ResourceKind.AutoscaleSetting) + "?api-version=2022-10-01",
            $"/subscriptions/{subscription}/providers/Microsoft.Compute/skus?api-version=2021-07-01",
            vm + "/providers/Microsoft.Insights/metricDefinitions?api-version=2024-02-01",
            vm + "/providers/Microsoft.Insights/metrics?api-version=2024-02-01&metricnames=Percentage%20CPU&aggregation=average,maximum&interval=PT1H",
        };
        var statuses = new List<int>();
        foreach (var read in reads)
        {
            statuses.Add((await emulator.GetAsync(read)).Status);
        }

        using var graph = await emulator.Client.PostAsJsonAsync("/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01",
            JsonNode.Parse($$"""{"subscriptions":["{{subscription}}"],"query":"Resources | project id, name, type","options":{"$top":5} }"""),
            TestContext.Current.CancellationToken);

        Assert.Equal([200, 200, 200, 404, 200, 200, 200, 200, 200, 200, 200, 200], statuses);
        Assert.Equal(200, (int)graph.StatusCode);
        ContractKit.AssertNoViolations(world,
            "VirtualMachines_Get", "VirtualMachines_InstanceView", "VirtualMachines_ListAvailableSizes", "VirtualMachineScaleSets_Get",
            "VirtualMachineScaleSetVMs_List", "WebApps_Get", "AppServicePlans_Get", "AutoscaleSettings_Get", "ResourceSkus_List",
            "MetricDefinitions_List", "Metrics_List", "Resources");
        Assert.True(world.Contract!.Checked.ContainsKey("VirtualMachines_Get 404"));
    }
}
