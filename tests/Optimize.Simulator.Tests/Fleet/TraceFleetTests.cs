using System.Globalization;
using System.IO.Compression;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Workloads;
using Optimize.Testing;
using Optimize.Tests.FleetModel;

namespace Optimize.Simulator.Tests.Fleet;

public sealed class TraceFleetTests
{
    private const string AverageTrace = "traces/azure-public-dataset-v1-sample/microsoft_avg_100.csv.gz";

    [Fact]
    public void FromTrace_RealTrace_CpuOnOriginalSizeEqualsCsvCells()
    {
        var path = RepoPaths.SharedFile(AverageTrace);
        var fleet = FleetGenerator.FromTrace(TraceSet.Load(path), new TraceFleetOptions { VmCount = 100 }, TestCatalog.Instance);
        var raw = ReadRawCells(path, maxRow: 8003);
        var origin = new TraceFleetOptions().Origin;

        // Cells from the start, the middle and the last row of the file, in three columns (parsed here, not by TraceSet).
        foreach (var (row, column) in new[] { (0, 0), (1, 0), (4000, 37), (8003, 99), (1234, 99), (7777, 37) })
        {
            var vm = fleet[column].Resource;
            var start = origin + TimeSpan.FromMinutes(5L * row);
            var query = new MetricQuery([vm], [MetricNames.Cpu], new TimeRange(start, start + TimeSpan.FromMinutes(5)), TimeSpan.FromMinutes(5));
            var series = FleetOracle.Series(fleet, query);

            var cpu = Assert.Single(series).Values.Span[0];
            Assert.Equal(raw[(row, column)], cpu, 4); // float storage: 4 decimals (the CSV has at most 4 significant decimals)
        }
    }

    [Fact]
    public void FromTrace_SameSeed_SameFleet()
    {
        var trace = SmallTrace(columns: 40, rows: 12);
        var a = FleetGenerator.FromTrace(trace, new TraceFleetOptions { Seed = 7, VmCount = 40 }, TestCatalog.Instance).Resources.Select(r => r.ToString()).ToList();
        var b = FleetGenerator.FromTrace(trace, new TraceFleetOptions { Seed = 7, VmCount = 40 }, TestCatalog.Instance).Resources.Select(r => r.ToString()).ToList();
        var c = FleetGenerator.FromTrace(trace, new TraceFleetOptions { Seed = 8, VmCount = 40 }, TestCatalog.Instance).Resources.Select(r => r.ToString()).ToList();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c); // 40 VMs over 5 sizes: another seed changes at least one size
    }

    [Fact]
    public void FromTrace_EveryVm_ReplaysItsColumnOnACatalogSizeWithASmallerOne()
    {
        var trace = SmallTrace(columns: 30, rows: 12);
        var fleet = FleetGenerator.FromTrace(trace, new TraceFleetOptions { VmCount = 30 }, TestCatalog.Instance);

        foreach (var vm in fleet.Resources)
        {
            var workload = Assert.IsType<TraceWorkload>(vm.Workload);
            var size = ((VmConfig)vm.InitialConfig).Size;
            var spec = TestCatalog.Instance.Find(ResourceKind.VirtualMachine, size);
            Assert.NotNull(spec);
            Assert.InRange(spec.VCpus, 4, 16);
            Assert.Equal(vm.Index, workload.Column);
            Assert.Equal(spec.VCpus, workload.ReferenceVcpus);
            Assert.Equal(trace.ColumnIds[vm.Index], vm.Resource.Tags["trace-column"]);
            Assert.Equal(vm.Resource.Id, fleet.Find(vm.Resource.Id)?.Resource.Id);
        }
    }

    [Fact]
    public void FromTrace_DemandAtOrigin_IsRowZeroTimesSizeAndWrapsAfterLastRow()
    {
        var trace = SmallTrace(columns: 2, rows: 12);
        var options = new TraceFleetOptions { VmCount = 2 };
        var vm = FleetGenerator.FromTrace(trace, options, TestCatalog.Instance)[1];
        var workload = (TraceWorkload)vm.Workload!;
        var originStep = WorkloadModel.StepOf(options.Origin);

        // SmallTrace cell (row r, column c) = r + 10c: row 0 of column 1 = 10 %, row 11 = 21 %, row 12 wraps to 10 %.
        Assert.Equal(0.10 * workload.ReferenceVcpus, workload.DemandAt(originStep).CpuVcpus, 9);
        Assert.Equal(0.21 * workload.ReferenceVcpus, workload.DemandAt(originStep + 11).CpuVcpus, 9);
        Assert.Equal(0.10 * workload.ReferenceVcpus, workload.DemandAt(originStep + 12).CpuVcpus, 9);
        Assert.Equal(11, workload.RowAt(originStep - 1));
    }

    [Theory]
    [InlineData(0, 0, "VmCount")]
    [InlineData(4, 0, "VmCount")] // the trace has 3 columns
    [InlineData(2, 60, "Origin")] // one minute past a 5-minute boundary
    public void FromTrace_InvalidOptions_ThrowsNamingTheOption(int vms, int originSecondsOffset, string named)
    {
        var trace = SmallTrace(columns: 3, rows: 12);
        var options = new TraceFleetOptions { VmCount = vms, Origin = new TraceFleetOptions().Origin.AddSeconds(originSecondsOffset) };

        var ex = Assert.Throws<ArgumentException>(() => FleetGenerator.FromTrace(trace, options, TestCatalog.Instance));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A trace whose cell (row r, column c) is r + 10c percent.</summary>
    private static TraceSet SmallTrace(int columns, int rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"trace-{Guid.NewGuid():N}.csv.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            writer.WriteLine("step," + string.Join(",", Enumerable.Range(0, columns).Select(c => (1000 + c).ToString(CultureInfo.InvariantCulture))));
            for (var r = 0; r < rows; r++)
            {
                writer.WriteLine(r.ToString(CultureInfo.InvariantCulture) + "," + string.Join(",", Enumerable.Range(0, columns).Select(c => (r + (10 * c)).ToString(CultureInfo.InvariantCulture))));
            }
        }

        try
        {
            return TraceSet.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Dictionary<(int Row, int Column), double> ReadRawCells(string path, int maxRow)
    {
        var cells = new Dictionary<(int, int), double>();
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        _ = reader.ReadLine();
        for (var row = 0; row <= maxRow && reader.ReadLine() is { } line; row++)
        {
            var parts = line.Split(',');
            for (var c = 1; c < parts.Length; c++)
            {
                cells[(row, c - 1)] = double.Parse(parts[c], CultureInfo.InvariantCulture);
            }
        }

        return cells;
    }
}
