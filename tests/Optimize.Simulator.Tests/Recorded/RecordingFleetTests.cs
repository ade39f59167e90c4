using Optimize.Model;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Workloads;
using Optimize.Simulator.Workloads.Recorded;

namespace Optimize.Simulator.Tests.Recorded;

public sealed class RecordingFleetTests
{
    private const string Sub = "/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/";

    private static MetricsRecording Recording() => AzureMetricsReader.Read(new StringReader(string.Join("\n",
        "TimeGenerated,ResourceId,MetricName,Average",
        $"2026-10-19T00:00:00Z,{Sub}web-1,Percentage CPU,50",
        $"2026-10-19T00:00:00Z,{Sub}db_2,Percentage CPU,25",
        $"2026-10-19T00:05:00Z,{Sub}web-1,Percentage CPU,10")));

    [Fact]
    public void FromRecording_WithSizes_StartsEveryVmOnItsRealSizeAndScalesCpuToIt()
    {
        var sizes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [Sub + "WEB-1"] = "Standard_D8s_v5", [Sub + "db_2"] = "Standard_E2s_v5" };

        var fleet = FleetGenerator.FromRecording(Recording(), new RecordingFleetOptions { Sizes = sizes }, TestCatalog.Instance);

        Assert.Equal(2, fleet.Count);
        var web = fleet[0];
        Assert.Equal(new VmConfig("Standard_D8s_v5"), web.InitialConfig);
        Assert.Equal(Sub + "web-1", web.Resource.Tags["recorded-resource-id"]);
        Assert.EndsWith("/virtualMachines/web-1-0000", web.Resource.Id, StringComparison.Ordinal);
        Assert.Equal(web.Resource.Id, fleet.Find(web.Resource.Id)?.Resource.Id); // the emulator finds it by its id
        var step = WorkloadModel.StepOf(new DateTimeOffset(2026, 10, 19, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(4.0, web.Workload!.DemandAt(step).CpuVcpus, 6); // 50 % of 8 vCPUs
        Assert.Equal(0.8, web.Workload!.DemandAt(step + 1).CpuVcpus, 6); // 10 % of 8
        Assert.Equal(new VmConfig("Standard_E2s_v5"), fleet[1].InitialConfig);
        Assert.Equal(0.5, fleet[1].Workload!.DemandAt(step).CpuVcpus, 6); // 25 % of 2
        Assert.False(fleet[1].Workload!.HasDataAt(step + 1));
        Assert.EndsWith("/virtualMachines/db2-0001", fleet[1].Resource.Id, StringComparison.Ordinal);
    }

    [Fact]
    public void FromRecording_VmAbsentFromSizes_ErrorNamesIt()
    {
        var sizes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [Sub + "web-1"] = "Standard_D8s_v5" };

        var ex = Assert.Throws<ArgumentException>(() => FleetGenerator.FromRecording(Recording(), new RecordingFleetOptions { Sizes = sizes }, TestCatalog.Instance));

        Assert.Contains(Sub + "db_2 is in the recording but not in the inventory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromRecording_WithoutSizes_DrawsTheSameSizesForTheSameSeed()
    {
        var a = FleetGenerator.FromRecording(Recording(), new RecordingFleetOptions { Seed = 7 }, TestCatalog.Instance);
        var b = FleetGenerator.FromRecording(Recording(), new RecordingFleetOptions { Seed = 7 }, TestCatalog.Instance);

        Assert.Equal(a[0].InitialConfig, b[0].InitialConfig);
        Assert.Equal(a[1].InitialConfig, b[1].InitialConfig);
        Assert.True(TestCatalog.Instance.Find(ResourceKind.VirtualMachine, ((VmConfig)a[0].InitialConfig).Size)!.VCpus >= 4);
    }

    [Theory]
    [InlineData("ResourceId,Size\n/x/vm-1,Standard_Q9_v9", "line 2, column 2: 'Standard_Q9_v9' is not a known VM size")]
    [InlineData("Size,Owner,ResourceId\nStandard_D4s_v5,me,/x/vm-1\nStandard_D2s_v5,me,/X/VM-1", "line 3, column 3: /X/VM-1 is listed twice (first on line 2)")]
    [InlineData("ResourceId,Sku\n/x/vm-1,Standard_D4s_v5", "line 1: the inventory header must have the columns ResourceId and Size")]
    [InlineData("ResourceId,Size\n/x/vm-1", "line 2: 1 field(s), the header has 2")]
    public void InventoryReader_BadLine_ErrorNamesLineAndColumn(string csv, string message)
    {
        var ex = Assert.Throws<MetricsFormatException>(() => InventoryReader.Read(new StringReader(csv), TestCatalog.Instance));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InventoryReader_QuotedAnyOrder_SizesById()
    {
        var sizes = InventoryReader.Read(new StringReader("size,\"resourceid\"\nstandard_d4s_v5,\"/x/vm-1\"\n\nStandard_E8s_v5,/x/vm-2\n"), TestCatalog.Instance);

        Assert.Equal(2, sizes.Count);
        Assert.Equal("Standard_D4s_v5", sizes["/X/VM-1"]);
        Assert.Equal("Standard_E8s_v5", sizes["/x/vm-2"]);
    }
}
