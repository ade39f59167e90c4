using System.Globalization;
using System.IO.Compression;
using Optimize.Model;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Workloads;
using Optimize.Testing;

namespace Optimize.Simulator.Tests.Workloads;

public sealed class WorkloadTests
{
    private const string TraceFile = "traces/azure-public-dataset-v1-sample/microsoft_avg_100.csv.gz";

    [Fact]
    public void SyntheticWorkload_DailyCycle_PeaksAtThePeakHour()
    {
        var workload = new SyntheticWorkload { BaseCpu = 4, DailyAmplitude = 0.5, PeakHourUtc = 14, Noise = 0 };
        var day = new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero); // a Tuesday

        // 4 × (1 + 0.5·cos 0) = 6 at 14:00; 4 × (1 − 0.5) = 2 at 02:00.
        Assert.Equal(6, workload.DemandAt(day.AddHours(14)).CpuVcpus, 9);
        Assert.Equal(2, workload.DemandAt(day.AddHours(2)).CpuVcpus, 9);
    }

    [Fact]
    public void SyntheticWorkload_WeekendAndBursts_ShapeDemand()
    {
        var workload = new SyntheticWorkload { BaseCpu = 2, DailyAmplitude = 0, Noise = 0, WeekendFactor = 0.5, BurstEveryMinutes = 120, BurstCpu = 3 };
        var saturday = new DateTimeOffset(2026, 3, 7, 1, 0, 0, TimeSpan.Zero);
        var tuesday = new DateTimeOffset(2026, 3, 3, 1, 0, 0, TimeSpan.Zero);

        Assert.Equal(1, workload.DemandAt(saturday).CpuVcpus, 9);
        Assert.Equal(2, workload.DemandAt(tuesday).CpuVcpus, 9);
        Assert.Equal(5, workload.DemandAt(tuesday.AddHours(1)).CpuVcpus, 9); // 02:00 is a burst (every 120 minutes from midnight)
    }

    [Fact]
    public void SyntheticWorkload_SameSeed_SameNoise()
    {
        var a = new SyntheticWorkload { Seed = 5, Noise = 0.1 };
        var b = new SyntheticWorkload { Seed = 5, Noise = 0.1 };
        var c = new SyntheticWorkload { Seed = 6, Noise = 0.1 };

        Assert.Equal(a.DemandAt(12345), b.DemandAt(12345));
        Assert.NotEqual(a.DemandAt(12345), c.DemandAt(12345));
    }

    [Fact]
    public void TraceSet_Load_ReadsTheRealFile()
    {
        var path = RepoPaths.SharedFile(TraceFile);

        var trace = TraceSet.Load(path);

        Assert.Equal(100, trace.ColumnCount);
        Assert.Equal(8004, trace.RowCount);
        var (firstRow, header) = FirstRow(path);
        Assert.Equal(header[1], trace.ColumnIds[0]);
        Assert.Equal(double.Parse(firstRow[1], CultureInfo.InvariantCulture), trace.Value(0, 0), 4);
        Assert.Equal(double.Parse(firstRow[100], CultureInfo.InvariantCulture), trace.Value(0, 99), 4);
    }

    [Fact]
    public void TraceWorkload_ReplaysTheColumnCyclically()
    {
        var trace = TraceSet.Load(RepoPaths.SharedFile(TraceFile));
        var workload = new TraceWorkload(trace, 3, referenceVcpus: 8);

        // Step k replays row k mod 8004: percent / 100 × 8 vCPUs.
        Assert.Equal(trace.Value(17, 3) / 100 * 8, workload.DemandAt(17).CpuVcpus, 9);
        Assert.Equal(trace.Value(17, 3) / 100 * 8, workload.DemandAt(17 + 8004).CpuVcpus, 9);
        Assert.Equal(trace.Value(8003, 3) / 100 * 8, workload.DemandAt(-1).CpuVcpus, 9);
    }

    [Fact]
    public void Generate_WithTrace_SomeVmsReplayIt()
    {
        var path = RepoPaths.SharedFile(TraceFile);

        var fleet = FleetGenerator.Generate(new FleetOptions { TracePath = path, ResourceCount = 120 }, TestCatalog.Instance);

        var replaying = fleet.Resources.Where(r => r.Workload is TraceWorkload).ToList();
        Assert.NotEmpty(replaying);
        Assert.All(replaying, r => Assert.Equal(ResourceKind.VirtualMachine, r.Resource.Kind));
    }

    [Fact]
    public void TraceSet_Load_MalformedFile_ThrowsNamingTheLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"trace-{Guid.NewGuid():N}.csv.gz");
        try
        {
            using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            using (var writer = new StreamWriter(gzip))
            {
                writer.Write("step,a,b\n1,1.5,2\n2,x,3\n");
            }

            var error = Assert.Throws<InvalidDataException>(() => TraceSet.Load(path));

            Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (string[] Row, string[] Header) FirstRow(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var header = reader.ReadLine()!.Split(',');
        return (reader.ReadLine()!.Split(','), header);
    }
}
