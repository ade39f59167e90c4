using System.Diagnostics;
using System.Globalization;
using Optimize.Simulator.Workloads.Recorded;

namespace Optimize.Benchmarks.Probes;

/// <summary>
/// <c>metrics-parse</c>: writes an AzureMetrics export of about <c>--megabytes</c> MB (KQL's columns, PT1M rows of
/// Percentage CPU and Available Memory Bytes for <c>--vms</c> VMs, quoted ARM ids) to a temp file, then times
/// <see cref="AzureMetricsReader.Read(string)"/> on it and reports parse time, allocation and peak working set per
/// million rows. A one-shot probe: a peak working set is a once-per-process figure.
/// </summary>
internal static class MetricsParseProbe
{
    public const string Command = "metrics-parse";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        long megabytes = 1024;
        var vms = 1000;
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            switch (args[i])
            {
                case "--megabytes" when long.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var mb) && mb > 0: megabytes = mb; break;
                case "--vms" when int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0: vms = n; break;
                default: error.WriteLine($"metrics-parse: bad argument '{args[i]} {args[i + 1]}' (use --megabytes N, --vms N)."); return 2;
            }
        }

        var path = Path.Combine(Path.GetTempPath(), $"azuremetrics-{Environment.ProcessId}.csv");
        try
        {
            var written = Stopwatch.StartNew();
            var rows = Write(path, megabytes * 1024 * 1024, vms);
            var bytes = new FileInfo(path).Length;
            output.WriteLine($"wrote {bytes / 1048576.0:0} MB, {rows:N0} rows ({vms} VMs, PT1M) in {written.Elapsed.TotalSeconds:0.0} s: {path}");

            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var before = process.PeakWorkingSet64;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            var recording = AzureMetricsReader.Read(path);
            sw.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            process.Refresh();
            var perMillion = 1_000_000.0 / recording.Rows;
            output.WriteLine($"parsed {recording.Rows:N0} rows into {recording.Resources.Count} VMs × {recording.StepCount:N0} steps in {sw.Elapsed.TotalSeconds:0.00} s ({recording.Rows / sw.Elapsed.TotalSeconds / 1e6:0.00} M rows/s, {bytes / 1048576.0 / sw.Elapsed.TotalSeconds:0} MB/s)");
            output.WriteLine($"per million rows: {sw.Elapsed.TotalSeconds * perMillion:0.000} s, {allocated * perMillion / 1048576.0:0} MB allocated");
            output.WriteLine($"peak working set {process.PeakWorkingSet64 / 1048576.0:0} MB (before parsing {before / 1048576.0:0} MB); GC heap after {GC.GetTotalMemory(forceFullCollection: true) / 1048576.0:0} MB with the recording held");
            GC.KeepAlive(recording);
            return 0;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static long Write(string path, long bytes, int vms)
    {
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), bufferSize: 1 << 20);
        writer.WriteLine("TenantId,SourceSystem,TimeGenerated,ResourceId,MetricName,Total,Count,Maximum,Minimum,Average,TimeGrain,UnitName,Type,_ResourceId");
        var start = new DateTime(2026, 10, 19, 0, 0, 0, DateTimeKind.Utc);
        long rows = 0;
        for (var minute = 0; writer.BaseStream.Position < bytes; minute++)
        {
            var at = start.AddMinutes(minute).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            for (var vm = 0; vm < vms; vm++)
            {
                var id = $"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-bench/providers/Microsoft.Compute/virtualMachines/vm-{vm:D5}";
                var cpu = 20 + (((minute * 7) + (vm * 13)) % 600 / 10.0);
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"t,Azure,{at},\"{id}\",Percentage CPU,{cpu},1,{cpu + 3},{cpu - 3},{cpu},PT1M,Percent,AzureMetrics,\"{id}\"\n"));
                var free = 4_294_967_296L + ((minute + vm) % 100 * 10_000_000L);
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"t,Azure,{at},\"{id}\",Available Memory Bytes,{free},1,{free},{free},{free},PT1M,Bytes,AzureMetrics,\"{id}\"\n"));
                rows += 2;
            }
        }

        return rows;
    }
}
