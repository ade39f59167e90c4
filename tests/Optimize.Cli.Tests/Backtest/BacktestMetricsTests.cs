using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Optimize.Cli.Tests.Backtest;

/// <summary><c>optimize backtest --metrics</c> on a small AzureMetrics export generated here: 3 VMs × 17 days at PT5M.</summary>
public sealed class BacktestMetricsTests : IDisposable
{
    private const string Sub = "/subscriptions/00000000-0000-0000-0000-0000000000b1/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/";
    private static readonly DateTimeOffset Start = new(2025, 6, 2, 0, 0, 0, TimeSpan.Zero); // a Monday, far from the trace's default origin
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("backtest-metrics-");

    public void Dispose() => _dir.Delete(recursive: true);

    /// <summary>
    /// VM "idle" averages 8–12 % CPU on 8 vCPUs (a clear downsize), "steady" 35 % on 4, "busy" 80 % on 4; memory is
    /// exported for idle and steady only. Quoted ARM ids, extra KQL columns (TenantId, Type).
    /// </summary>
    private string WriteExport(bool badRow = false)
    {
        var sb = new StringBuilder("TenantId,TimeGenerated,ResourceId,MetricName,Total,Count,Maximum,Minimum,Average,TimeGrain,UnitName,Type\n");
        (string Name, double Cpu, double FreeGiB)[] vms = [("idle", 10, 24), ("steady", 35, 8), ("busy", 80, -1)];
        for (var step = 0; step < 17 * 288; step++)
        {
            var at = Start.AddMinutes(5 * step).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var wave = 2 * Math.Sin(2 * Math.PI * (step % 288) / 288.0);
            foreach (var (name, cpu, free) in vms)
            {
                var avg = (cpu + wave).ToString("0.###", CultureInfo.InvariantCulture);
                var max = (cpu + wave + 5).ToString("0.###", CultureInfo.InvariantCulture);
                sb.Append(CultureInfo.InvariantCulture, $"t1,{at},\"{Sub}{name}\",Percentage CPU,,,{max},,{avg},PT5M,Percent,AzureMetrics\n");
                if (free > 0)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"t1,{at},\"{Sub}{name}\",Available Memory Bytes,,,,,{free * 1073741824},PT5M,Bytes,AzureMetrics\n");
                }
            }
        }

        if (badRow)
        {
            sb.Append("t1,2025-06-19T00:00:00+02:00,\"" + Sub + "idle\",Percentage CPU,,,,,10,PT5M,Percent,AzureMetrics\n");
        }

        var path = Path.Combine(_dir.FullName, badRow ? "bad-export.csv" : "export.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private string WriteInventory(bool withBusy = true)
    {
        var path = Path.Combine(_dir.FullName, "inventory.csv");
        File.WriteAllText(path, $"ResourceId,Size\n{Sub}idle,Standard_D8s_v5\n\"{Sub}steady\",Standard_D4s_v5\n" + (withBusy ? $"{Sub}busy,Standard_E4s_v5\n" : ""));
        return path;
    }

    [Fact]
    public async Task Metrics_WithInventory_LoopRunsOnTheRealSizesAndOnTheRecordingsDates()
    {
        var (code, stdout, stderr) = await RunAsync("backtest", "--metrics", WriteExport(), "--inventory", WriteInventory(), "--days", "1", "--journal", "memory", "--json");

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(3, root.GetProperty("vms").GetInt32());
        Assert.Equal(17 * 288, root.GetProperty("traceRows").GetInt32());
        var window = root.GetProperty("window");
        Assert.Equal(Start, window.GetProperty("origin").GetDateTimeOffset());
        Assert.Equal(Start.AddDays(15).AddHours(1), window.GetProperty("start").GetDateTimeOffset()); // 17 Jun 2025 01:00Z, pass at 02:00
        Assert.Equal(1, window.GetProperty("days").GetInt32());
        var notes = root.GetProperty("inputNotes").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Contains(notes, n => n.StartsWith("VM sizes from the inventory", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("Memory modelled for 1 of 3 VM(s)", StringComparison.Ordinal)); // busy has no memory rows
        Assert.Contains("column(s) 1 (TenantId), 12 (Type) are not read", stderr, StringComparison.Ordinal);

        // idle: 10 % of 8 vCPUs = 0.8 vCPU of demand, from its real size Standard_D8s_v5, planned on the recording's date.
        var changes = root.GetProperty("loop").GetProperty("changes").EnumerateArray().ToList();
        var idle = Assert.Single(changes, c => c.GetProperty("resourceId").GetString()!.EndsWith("/idle-0000", StringComparison.Ordinal));
        Assert.Equal("Standard_D8s_v5", idle.GetProperty("from").GetString());
        Assert.Equal(new DateOnly(2025, 6, 17), DateOnly.FromDateTime(idle.GetProperty("plannedAt").GetDateTimeOffset().UtcDateTime));
        Assert.All(changes.Where(c => c.GetProperty("resourceId").GetString()!.EndsWith("/steady-0001", StringComparison.Ordinal)),
            c => Assert.Equal("Standard_D4s_v5", c.GetProperty("from").GetString()));
        Assert.DoesNotContain(changes, c => c.GetProperty("resourceId").GetString()!.EndsWith("/busy-0002", StringComparison.Ordinal)
            && c.GetProperty("from").GetString() != "Standard_E4s_v5");
    }

    [Fact]
    public async Task Metrics_WithoutInventory_InputNotesSaySizesWereDrawn()
    {
        var (code, stdout, stderr) = await RunAsync("backtest", "--metrics", WriteExport(), "--days", "1", "--seed", "3", "--journal", "memory", "--json");

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var notes = doc.RootElement.GetProperty("inputNotes").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Contains(notes, n => n.StartsWith("VM sizes were drawn from seed 3 (no --inventory)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_BadInput_ExitsTwoNamingTheProblemAndPrintsNoReport()
    {
        var export = WriteExport();
        var cases = new (string[] Args, string Message)[]
        {
            (["--metrics", export, "--trace", export], "--trace and --metrics cannot be combined"),
            (["--inventory", WriteInventory()], "--inventory applies to --metrics only"),
            (["--metrics", export, "--inventory", WriteInventory(withBusy: false)], Sub + "busy is in the recording but not in the inventory"),
            (["--metrics", WriteExport(badRow: true)], $"line {(17 * 288 * 5) + 2}, column 2: TimeGenerated '2025-06-19T00:00:00+02:00' is not UTC"),
            (["--metrics", Path.Combine(_dir.FullName, "missing.csv")], "--metrics: file not found"),
        };
        foreach (var (args, message) in cases)
        {
            var (code, stdout, stderr) = await RunAsync(["backtest", "--journal", "memory", "--json", .. args]);

            Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}; {stderr}");
            Assert.Contains(message, stderr, StringComparison.Ordinal);
            Assert.Equal("", stdout.Trim());
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
