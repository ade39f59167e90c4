using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Optimize.Simulator.Workloads.Recorded;

/// <summary>
/// Reads a Log Analytics <c>AzureMetrics</c> export (CSV with a header, optionally gzip): columns matched by name,
/// case-insensitively, in any order; <c>TimeGenerated</c>, <c>ResourceId</c>, <c>MetricName</c> and at least one of
/// <c>Average</c>, <c>Maximum</c>, <c>Minimum</c>, <c>Total</c>, <c>Count</c>; optional <c>TimeGrain</c> and <c>UnitName</c>;
/// other columns (<c>TenantId</c>, <c>Type</c>, …) are ignored with a warning. Streams the file line by line and folds rows
/// into 5-minute steps per resource: rows of a grain up to 5 minutes (<c>PT1M</c>) give the step the mean of their averages
/// and the max of their maxima; a longer grain (<c>PT1H</c>) spreads its one value over each 5-minute step it covers.
/// Steps without rows stay gaps. Metrics read: <c>Percentage CPU</c>, <c>Available Memory Bytes</c>; others are ignored
/// with a warning.
/// </summary>
public static class AzureMetricsReader
{
    /// <summary>Azure Monitor's CPU metric of a VM.</summary>
    public const string CpuMetric = "Percentage CPU";

    /// <summary>Azure Monitor's available-memory metric of a VM (guest, bytes).</summary>
    public const string MemoryMetric = "Available Memory Bytes";

    private const double BytesPerGiB = 1024.0 * 1024 * 1024;
    private static readonly string[] Known = ["TimeGenerated", "ResourceId", "MetricName", "Average", "Maximum", "Minimum", "Total", "Count", "TimeGrain", "UnitName"];

    /// <summary>Reads <paramref name="path"/> (gzip when it starts with the gzip magic bytes).</summary>
    /// <exception cref="MetricsFormatException">The export cannot be used; the message names the line and column.</exception>
    public static MetricsRecording Read(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        var gzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, bufferSize: 1 << 16);
        try
        {
            return Read(reader);
        }
        catch (InvalidDataException ex)
        {
            throw new MetricsFormatException($"{path}: not a readable gzip file: {ex.Message}");
        }
    }

    /// <summary>Reads an export from <paramref name="reader"/>.</summary>
    /// <exception cref="MetricsFormatException">The export cannot be used; the message names the line and column.</exception>
    public static MetricsRecording Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine() ?? throw new MetricsFormatException("line 1: the export is empty (expected a header with TimeGenerated, ResourceId, MetricName and Average or Maximum).");
        var fields = new List<CsvLine.Field>();
        var columns = MetricsColumns.FromHeader(header.TrimStart('\uFEFF'), fields, out var warnings);
        var resources = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var lookup = resources.GetAlternateLookup<ReadOnlySpan<char>>();
        var ids = new List<string>();
        var series = new List<SeriesAccumulator?[]>();
        var grains = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var ignoredMetrics = new Dictionary<string, (int Line, long Rows)>(StringComparer.OrdinalIgnoreCase);
        long rows = 0, valueless = 0;
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            rows++;
            var row = new MetricsRow(text, line, fields, columns);
            var metricSpan = row.Span(columns.MetricName);
            var metric = metricSpan.Equals(CpuMetric, StringComparison.OrdinalIgnoreCase) ? 0 : metricSpan.Equals(MemoryMetric, StringComparison.OrdinalIgnoreCase) ? 1 : -1;
            if (metric < 0)
            {
                var name = row.Text(columns.MetricName);
                ignoredMetrics[name] = ignoredMetrics.TryGetValue(name, out var seen) ? (seen.Line, seen.Rows + 1) : (line, 1);
                continue;
            }

            var at = row.Timestamp(columns.TimeGenerated);
            var steps = columns.TimeGrain < 0 || row.Span(columns.TimeGrain).IsEmpty ? 1 : GrainSteps(row, columns.TimeGrain, grains);
            var value = row.Values(metric == 0 ? 100 : double.MaxValue, out var peak, out var low);
            if (double.IsNaN(value))
            {
                valueless++;
                continue;
            }

            var idSpan = row.Span(columns.ResourceId);
            if (!lookup.TryGetValue(idSpan, out var index))
            {
                var id = row.Text(columns.ResourceId);
                if (!id.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) || !id.Contains("/providers/Microsoft.Compute/virtualMachines/", StringComparison.OrdinalIgnoreCase))
                {
                    throw row.Error(columns.ResourceId, $"'{id}' is not the ARM id of a virtual machine (/subscriptions/…/providers/Microsoft.Compute/virtualMachines/<name>).");
                }

                index = ids.Count;
                resources[id] = index;
                ids.Add(id);
                series.Add(new SeriesAccumulator?[2]);
            }

            var acc = series[index][metric] ??= new SeriesAccumulator(line);
            if (at.UtcTicks <= acc.LastTicks)
            {
                throw row.Error(columns.TimeGenerated, $"{at.UtcDateTime:O} is not after the previous {(metric == 0 ? CpuMetric : MemoryMetric)} row of {ids[index]} (line {acc.LastLine}); rows of one resource and metric must be in time order.");
            }

            acc.LastTicks = at.UtcTicks;
            acc.LastLine = line;
            acc.Add(WorkloadModel.StepOf(at), steps, value, peak, low);
        }

        foreach (var (name, seen) in ignoredMetrics)
        {
            warnings.Add($"line {seen.Line}, column {columns.MetricName + 1} (MetricName): metric '{name}' is not read ({CpuMetric} and {MemoryMetric} are); {seen.Rows} row(s) ignored.");
        }

        if (valueless > 0)
        {
            warnings.Add($"{valueless} row(s) had no Average, Maximum, Minimum or Total/Count value and were skipped (gaps).");
        }

        return Build(ids, series, rows, warnings);
    }

    private static MetricsRecording Build(List<string> ids, List<SeriesAccumulator?[]> series, long rows, List<string> warnings)
    {
        if (ids.Count == 0)
        {
            throw new MetricsFormatException($"the export has no {CpuMetric} or {MemoryMetric} rows ({rows} data row(s) read).");
        }

        for (var i = 0; i < ids.Count; i++)
        {
            if (series[i][0] is null)
            {
                throw new MetricsFormatException($"line {series[i][1]!.FirstLine}: {ids[i]} has {MemoryMetric} rows but no {CpuMetric} rows; the backtest needs CPU.");
            }
        }

        var all = series.SelectMany(s => s).OfType<SeriesAccumulator>().ToList();
        var first = all.Min(a => a.Start);
        var end = all.Max(a => a.Start + a.Length);
        var length = (int)(end - first);
        var result = new List<RecordedSeries>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            var cpu = series[i][0]!;
            var (avg, max) = (Gaps(length), Gaps(length));
            cpu.CopyTo(first, avg, max, null);
            float[]? memory = null, memoryMin = null;
            if (series[i][1] is { } mem)
            {
                (memory, memoryMin) = (Gaps(length), Gaps(length));
                var ignoredPeak = Gaps(length);
                mem.CopyTo(first, memory, ignoredPeak, memoryMin, 1 / BytesPerGiB);
            }

            result.Add(new RecordedSeries { ResourceId = ids[i], FirstStep = first, CpuAverage = avg, CpuMaximum = max, AvailableMemoryGb = memory, AvailableMemoryMinGb = memoryMin });
        }

        return new MetricsRecording { Resources = result, FirstStep = first, EndStep = end, Rows = rows, Warnings = warnings };
    }

    private static float[] Gaps(int length)
    {
        var a = new float[length];
        Array.Fill(a, float.NaN);
        return a;
    }

    /// <summary>5-minute steps one row of the grain covers: 1 up to 5 minutes (the step holding it), else the grain's steps.</summary>
    private static int GrainSteps(MetricsRow row, int column, Dictionary<string, int> cache)
    {
        var text = row.Text(column);
        if (cache.TryGetValue(text, out var steps))
        {
            return steps;
        }

        TimeSpan grain;
        try
        {
            grain = XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            throw row.Error(column, $"'{text}' is not an ISO 8601 duration (PT1M, PT5M, PT1H).");
        }

        var fiveMinutes = TimeSpan.FromMinutes(5);
        steps = grain > TimeSpan.Zero && grain <= fiveMinutes && fiveMinutes.Ticks % grain.Ticks == 0 ? 1
            : grain > fiveMinutes && grain.Ticks % fiveMinutes.Ticks == 0 && grain <= TimeSpan.FromDays(1) ? (int)(grain / fiveMinutes)
            : throw row.Error(column, $"time grain '{text}' does not fit 5-minute steps (use a divisor of 5 minutes, e.g. PT1M, or a multiple up to P1D, e.g. PT1H).");
        cache[text] = steps;
        return steps;
    }

    internal static bool IsKnown(ReadOnlySpan<char> name, out int index)
    {
        for (index = 0; index < Known.Length; index++)
        {
            if (name.Trim().Equals(Known[index], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
