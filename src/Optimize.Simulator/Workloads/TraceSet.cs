using System.Globalization;
using System.IO.Compression;

namespace Optimize.Simulator.Workloads;

/// <summary>
/// A table of CPU utilization traces in 5-minute steps, read from a gzip CSV with header <c>step,&lt;column ids&gt;</c>
/// and one row per step (the Azure Public Dataset V1 sample). Values are percent 0–100; held as <see cref="float"/>.
/// </summary>
public sealed class TraceSet
{
    private readonly float[] _values;

    private TraceSet(IReadOnlyList<string> columnIds, float[] values, int rows)
    {
        ColumnIds = columnIds;
        _values = values;
        RowCount = rows;
    }

    /// <summary>The column ids from the header (without <c>step</c>).</summary>
    public IReadOnlyList<string> ColumnIds { get; }

    /// <summary>Number of columns (traces).</summary>
    public int ColumnCount => ColumnIds.Count;

    /// <summary>Number of rows (5-minute steps).</summary>
    public int RowCount { get; }

    /// <summary>Columns whose 95th percentile is below 40 % (they suit over-provisioned VMs), computed once.</summary>
    internal IReadOnlyList<int> QuietColumns => _quiet ??= [.. Enumerable.Range(0, ColumnCount).Where(c => Percentile95(c) < 40)];

    private IReadOnlyList<int>? _quiet;

    private double Percentile95(int column)
    {
        var values = new float[RowCount];
        for (var r = 0; r < RowCount; r++)
        {
            values[r] = _values[(r * ColumnCount) + column];
        }

        Array.Sort(values);
        return values[(int)(0.95 * (RowCount - 1))];
    }

    /// <summary>CPU percent of <paramref name="column"/> at <paramref name="row"/>.</summary>
    public double Value(int row, int column) => _values[(row * ColumnIds.Count) + column];

    /// <summary>Reads a gzip CSV trace file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a gzip CSV of the expected shape; the message names the line.</exception>
    public static TraceSet Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Trace file '{path}' does not exist.", path);
        }

        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"Trace file '{path}' is empty.");
        var names = header.Split(',');
        if (names.Length < 2 || !names[0].Equals("step", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"Trace file '{path}': header must be 'step,<column ids>', was '{Truncate(header)}'.");
        }

        var columns = names.Length - 1;
        var values = new List<float>(columns * 8192);
        var rows = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length != names.Length)
            {
                throw new InvalidDataException($"Trace file '{path}' line {rows + 2}: {cells.Length} cells, expected {names.Length}.");
            }

            for (var c = 1; c < cells.Length; c++)
            {
                if (!float.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !float.IsFinite(v))
                {
                    throw new InvalidDataException($"Trace file '{path}' line {rows + 2}, column {names[c]}: '{Truncate(cells[c])}' is not a number.");
                }

                values.Add(Math.Clamp(v, 0f, 100f));
            }

            rows++;
        }

        if (rows == 0)
        {
            throw new InvalidDataException($"Trace file '{path}' has a header but no rows.");
        }

        return new TraceSet(names[1..], [.. values], rows);
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
