using System.IO.Compression;
using Optimize.Simulator.Workloads;
using Optimize.Simulator.Workloads.Recorded;

namespace Optimize.Simulator.Tests.Recorded;

public sealed class AzureMetricsReaderTests
{
    private const string VmA = "/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-a";
    private const string Header = "metricname,\"Average\",TenantId,RESOURCEID,TimeGenerated,Maximum,timegrain";

    // 19 Oct 2026 00:00 UTC is step 5,934,528 (1,780,358,400 s / 300).
    private static readonly long Midnight = WorkloadModel.StepOf(new DateTimeOffset(2026, 10, 19, 0, 0, 0, TimeSpan.Zero));

    private static string Row(string metric, string average, string time, string maximum, string grain = "PT1M", string id = VmA) =>
        $"{metric},{average},\"t,1\",\"{id}\",{time},{maximum},{grain}";

    /// <summary>PT1M rows 00:00–00:04 (averages 10–50, maxima up to 90), nothing 00:05–00:09, one PT5M row at 00:10.</summary>
    private static string Minutes() => string.Join("\n",
        Header,
        Row("Percentage CPU", "10", "2026-10-19T00:00:00Z", "20"),
        Row("Percentage CPU", "20", "2026-10-19T00:01:00Z", "25"),
        Row("Percentage CPU", "30", "2026-10-19T00:02:00Z", "90"),
        Row("percentage cpu", "40", "2026-10-19T00:03:00+00:00", "45"),
        Row("Percentage CPU", "50", "2026-10-19T00:04:00Z", "55"),
        Row("Disk Read Bytes", "7", "2026-10-19T00:04:00Z", "7"),
        Row("Percentage CPU", "5", "2026-10-19T00:10:00Z", "", "PT5M"),
        Row("Available Memory Bytes", "2147483648", "2026-10-19T00:00:00Z", "", "PT5M"));

    [Fact]
    public void Read_PT1MRowsAnyHeaderOrderQuoted_StepIsMeanOfAveragesAndMaxOfMaxima_GapStaysGap()
    {
        var r = AzureMetricsReader.Read(new StringReader(Minutes()));

        var vm = Assert.Single(r.Resources);
        Assert.Equal(VmA, vm.ResourceId);
        Assert.Equal(Midnight, r.FirstStep);
        Assert.Equal(Midnight + 3, r.EndStep);
        Assert.Equal(8, r.Rows);
        Assert.Equal(30f, vm.CpuAverage[0]); // (10+20+30+40+50)/5
        Assert.Equal(90f, vm.CpuMaximum[0]);
        Assert.True(float.IsNaN(vm.CpuAverage[1])); // 00:05–00:09: no rows, a gap
        Assert.Equal(5f, vm.CpuAverage[2]);
        Assert.Equal(5f, vm.CpuMaximum[2]); // no Maximum: the average
        Assert.Equal(2f, vm.AvailableMemoryGb![0]); // 2 GiB
        Assert.True(float.IsNaN(vm.AvailableMemoryGb[2]));
        Assert.Contains(r.Warnings, w => w.Contains("column(s) 3 (TenantId)", StringComparison.Ordinal));
        Assert.Contains(r.Warnings, w => w.Contains("line 7, column 1 (MetricName): metric 'Disk Read Bytes'", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_PT1HRow_SpreadOverItsTwelveSteps()
    {
        var csv = string.Join("\n", Header, Row("Percentage CPU", "40", "2026-10-19T01:00:00Z", "80", "PT1H"), Row("Percentage CPU", "10", "2026-10-19T02:00:00Z", "10", "PT1H"));

        var vm = Assert.Single(AzureMetricsReader.Read(new StringReader(csv)).Resources);

        Assert.Equal(Midnight + 12, vm.FirstStep);
        Assert.Equal(24, vm.Length);
        Assert.All(vm.CpuAverage[..12], v => Assert.Equal(40f, v));
        Assert.All(vm.CpuMaximum[..12], v => Assert.Equal(80f, v));
        Assert.All(vm.CpuAverage[12..], v => Assert.Equal(10f, v));
    }

    [Fact]
    public void Read_Gzip_SameAsPlain()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            using (var w = new StreamWriter(gz))
            {
                w.Write(Minutes());
            }

            var vm = Assert.Single(AzureMetricsReader.Read(path).Resources);
            Assert.Equal(30f, vm.CpuAverage[0]);
            Assert.Equal(90f, vm.CpuMaximum[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void RecordedWorkload_CpuScaledToTheSizeMemoryIsSizeMinusAvailable_GapHasNoData()
    {
        var vm = Assert.Single(AzureMetricsReader.Read(new StringReader(Minutes())).Resources);
        var w = new RecordedWorkload(vm, vcpus: 4, memoryGb: 16);

        Assert.Equal(1.2, w.DemandAt(Midnight).CpuVcpus, 6); // 30 % of 4 vCPUs
        Assert.Equal(14, w.DemandAt(Midnight).MemoryGb, 6); // 16 GiB − 2 GiB available
        Assert.Equal(3.6, w.PeakAt(Midnight).CpuVcpus, 6); // 90 % of 4
        Assert.True(w.HasDataAt(Midnight));
        Assert.False(w.HasDataAt(Midnight + 1));
        Assert.False(w.HasDataAt(Midnight - 1));
        Assert.False(w.HasDataAt(Midnight + 3));
        Assert.Equal(0.25 * 16 + 0.2 * 0.2, w.DemandAt(Midnight + 2).MemoryGb, 6); // memory not recorded there: modelled, 5 % of 4 = 0.2 vCPU
        Assert.True(w.MemoryRecorded);
        Assert.Equal((Midnight, Midnight + 3), (w.FirstStep, w.EndStep));
    }

    public static TheoryData<string, string> BadExports => new()
    {
        { Row("Percentage CPU", "10", "2026-10-19T01:00:00+01:00", "20"), "line 2, column 5: TimeGenerated '2026-10-19T01:00:00+01:00' is not UTC" },
        { Row("Percentage CPU", "10", "2026-10-19T01:00:00", "20"), "line 2, column 5: TimeGenerated '2026-10-19T01:00:00' is not UTC" },
        { Row("Percentage CPU", "10", "2026-13-19T01:00:00Z", "20"), "line 2, column 5: TimeGenerated '2026-13-19T01:00:00Z' is not an ISO 8601" },
        { Row("Percentage CPU", "ten", "2026-10-19T01:00:00Z", "20"), "line 2, column 2: 'ten' is not a number" },
        { Row("Percentage CPU", "10", "2026-10-19T01:00:00Z", "150"), "line 2, column 6: 150 is out of range" },
        { Row("Percentage CPU", "10", "2026-10-19T01:00:00Z", "20", "PT7M"), "line 2, column 7: time grain 'PT7M' does not fit" },
        { Row("Percentage CPU", "10", "2026-10-19T01:00:00Z", "20", id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/app"), "line 2, column 4: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/app' is not the ARM id of a virtual machine" },
        { Row("Percentage CPU", "10", "2026-10-19T01:00:00Z", "20") + "\n" + Row("Percentage CPU", "10", "2026-10-19T00:59:00Z", "20"), "line 3, column 5: 2026-10-19T00:59:00.0000000Z is not after the previous Percentage CPU row of " + VmA + " (line 2)" },
        { Row("Percentage CPU", "10", "2026-10-19T01:00:00Z", "20") + "\n" + Row("Percentage CPU", "10", "2026-10-19T01:00:00Z", "20"), "line 3, column 5: 2026-10-19T01:00:00.0000000Z is not after" },
        { "Percentage CPU,10,\"t,\"1\",x,2026-10-19T01:00:00Z,20,PT1M", "line 2, column 3: malformed quoted field" },
        { "Percentage CPU,10,t,1,x", "line 2: 5 field(s), the header has 7" },
        { Row("Available Memory Bytes", "10", "2026-10-19T01:00:00Z", "20"), "line 2: " + VmA + " has Available Memory Bytes rows but no Percentage CPU rows" },
    };

    [Theory]
    [MemberData(nameof(BadExports))]
    public void Read_BadRow_ErrorNamesLineAndColumn(string rows, string message)
    {
        var ex = Assert.Throws<MetricsFormatException>(() => AzureMetricsReader.Read(new StringReader(Header + "\n" + rows)));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TimeGenerated,MetricName,Average", "line 1: the header lacks the required column(s) ResourceId")]
    [InlineData("TimeGenerated,ResourceId,MetricName,UnitName", "line 1: the header has no value column")]
    [InlineData("TimeGenerated,ResourceId,MetricName,Average,average", "line 1, column 5: column 'average' appears twice (first at column 4)")]
    [InlineData("", "line 1: the export is empty")]
    public void Read_BadHeader_ErrorNamesLine(string header, string message)
    {
        var ex = Assert.Throws<MetricsFormatException>(() => AzureMetricsReader.Read(new StringReader(header.Length == 0 ? "" : header + "\n")));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
