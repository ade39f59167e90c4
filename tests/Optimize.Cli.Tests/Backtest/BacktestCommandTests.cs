using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Optimize.Testing;

namespace Optimize.Cli.Tests.Backtest;

public sealed class BacktestCommandTests
{
    private const string AverageTrace = "traces/azure-public-dataset-v1-sample/microsoft_avg_100.csv.gz";
    private const string PeakTrace = "traces/azure-public-dataset-v1-sample/microsoft_max_100.csv.gz";

    [Fact]
    public async Task Backtest_TenVmsThreeDays_CountsAddUpAndBreachesMatchTheTrace()
    {
        var avgPath = RepoPaths.SharedFile(AverageTrace);
        var maxPath = RepoPaths.SharedFile(PeakTrace);

        var (code, stdout, stderr) = await RunAsync("backtest", "--trace", avgPath, "--vms", "10", "--days", "3", "--journal", "memory", "--json");

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        var loop = root.GetProperty("loop");
        int Count(string name) => loop.GetProperty(name).GetInt32();
        Assert.Equal(10, root.GetProperty("vms").GetInt32());
        Assert.Equal(10, Count("resourcesAnalyzed"));
        Assert.Equal(3, root.GetProperty("window").GetProperty("days").GetInt32());
        Assert.Equal(15, root.GetProperty("window").GetProperty("startDay").GetInt32());
        Assert.Equal(
            Count("changesStarted"),
            Count("changesPromoted") + Count("changesRolledBack") + Count("changesRollbackFailed") + Count("changesRejected") + Count("changesAborted") + Count("changesInFlight"));
        var changes = loop.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(Count("changesStarted"), changes.Count);
        Assert.Equal(10, Count("skipped") + changes.Select(c => c.GetProperty("resourceId").GetString()).Distinct().Count());
        var promotedSavings = changes.Where(c => c.GetProperty("state").GetString() == "promoted").Sum(c => c.GetProperty("estimatedMonthlySavings").GetDecimal());
        Assert.Equal(promotedSavings, loop.GetProperty("estimatedMonthlySavings").GetDecimal());

        // Every promoted downsize: recount the breaches from the raw CSV files, parsed here.
        var downsizes = root.GetProperty("downsizes").EnumerateArray().ToList();
        Assert.NotEmpty(downsizes);
        Assert.True(downsizes.Count <= Count("changesPromoted"));
        var avg = ReadCsv(avgPath);
        var max = ReadCsv(maxPath);
        var origin = root.GetProperty("window").GetProperty("origin").GetDateTimeOffset();
        var target = root.GetProperty("targetCpuPercent").GetDouble();
        int totalIntervals = 0, totalSaturated = 0;
        foreach (var d in downsizes)
        {
            var column = Array.IndexOf(avg.Header, d.GetProperty("traceColumn").GetString());
            var firstRow = (int)Math.Ceiling((d.GetProperty("effectiveAt").GetDateTimeOffset() - origin) / TimeSpan.FromMinutes(5));
            var scale = d.GetProperty("fromVcpus").GetDouble() / d.GetProperty("toVcpus").GetDouble();
            var rows = Enumerable.Range(firstRow, avg.Rows.Count - firstRow).ToList();
            Assert.True(scale > 1, "a downsize");
            Assert.Equal(rows.Count, d.GetProperty("intervals").GetInt32()); // one change per VM in 3 days (7-day cooldown): replayed to the trace's end
            Assert.Equal(rows.Count(r => avg.Rows[r][column] * scale > target), d.GetProperty("overTarget").GetInt32());
            Assert.Equal(rows.Count(r => avg.Rows[r][column] * scale > 100), d.GetProperty("saturated").GetInt32());
            Assert.Equal(rows.Count(r => max.Rows[r][column] * scale > target), d.GetProperty("peakOverTarget").GetInt32());
            Assert.Equal(rows.Count(r => max.Rows[r][column] * scale > 100), d.GetProperty("peakSaturated").GetInt32());
            totalIntervals += rows.Count;
            totalSaturated += d.GetProperty("saturated").GetInt32();
        }

        Assert.Equal(totalIntervals, root.GetProperty("intervals").GetInt32());
        Assert.Equal((double)totalSaturated / totalIntervals, root.GetProperty("saturatedShare").GetDouble(), 12);
    }

    [Fact]
    public async Task Backtest_SameSeedTwice_SameReport()
    {
        var avgPath = RepoPaths.SharedFile(AverageTrace);
        string[] args = ["backtest", "--trace", avgPath, "--vms", "6", "--days", "2", "--seed", "5", "--journal", "memory", "--json"];

        var a = await RunAsync(args);
        var b = await RunAsync(args);

        Assert.Equal(0, a.Code);
        Assert.Equal(Normalize(a.Stdout), Normalize(b.Stdout));
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["--trace", "/nonexistent/microsoft_avg_100.csv.gz"], "file not found" },
        { ["--vms", "0"], "--vms must be at least 1" },
        { ["--days", "0"], "--days must be between 1 and 60" },
        { ["--policy", "{broken}"], "invalid" },
        { ["--trace", "{not-gzip}"], "--trace" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Backtest_BadInput_ExitsTwoWithMessageAndNoReport(string[] extra, string message)
    {
        var dir = Directory.CreateTempSubdirectory("backtest-bad-");
        try
        {
            var broken = Path.Combine(dir.FullName, "broken-policy.json");
            await File.WriteAllTextAsync(broken, """{ "version": 1, "defaultMode": "sometimes" }""", TestContext.Current.CancellationToken);
            var notGzip = Path.Combine(dir.FullName, "microsoft_avg_100.csv.gz");
            await File.WriteAllTextAsync(notGzip, "step,1\n0,5\n", TestContext.Current.CancellationToken);
            var hasTrace = extra.Contains("--trace");
            var args = new List<string> { "backtest", "--journal", "memory" };
            if (!hasTrace)
            {
                args.AddRange(["--trace", notGzip]); // never read: the other error stops the run first
            }

            args.AddRange(extra.Select(a => a == "{broken}" ? broken : a == "{not-gzip}" ? notGzip : a));

            var (code, stdout, stderr) = await RunAsync([.. args]);

            Assert.Equal(2, code);
            Assert.Contains(message, stderr, StringComparison.Ordinal);
            Assert.Equal("", stdout.Trim());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The report without values that differ run to run (change ids carry a fresh id).</summary>
    private static string Normalize(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var loop = doc.RootElement.GetProperty("loop");
        var changes = loop.GetProperty("changes").EnumerateArray()
            .Select(c => $"{c.GetProperty("resourceId")}|{c.GetProperty("from")}|{c.GetProperty("to")}|{c.GetProperty("state")}|{c.GetProperty("estimatedMonthlySavings")}");
        return string.Join("\n", changes) + "\n" + doc.RootElement.GetProperty("downsizes").GetRawText() + loop.GetProperty("skipReasons").GetRawText();
    }

    private static (string[] Header, List<double[]> Rows) ReadCsv(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var header = reader.ReadLine()!.Split(',')[1..];
        var rows = new List<double[]>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            // TraceSet holds values as float; compare on the same precision.
            rows.Add([.. line.Split(',')[1..].Select(v => (double)float.Parse(v, CultureInfo.InvariantCulture))]);
        }

        return (header, rows);
    }
}
