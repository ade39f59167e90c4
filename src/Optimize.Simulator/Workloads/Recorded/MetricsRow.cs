using System.Globalization;

namespace Optimize.Simulator.Workloads.Recorded;

/// <summary>Where each known column of an <c>AzureMetrics</c> export is (0-based field index, -1 when absent).</summary>
internal sealed record MetricsColumns(int TimeGenerated, int ResourceId, int MetricName, int Average, int Maximum, int Minimum, int Total, int Count, int TimeGrain, int UnitName, int Width)
{
    public static MetricsColumns FromHeader(string header, List<CsvLine.Field> fields, out List<string> warnings)
    {
        if (CsvLine.Split(header, fields) is { } bad)
        {
            throw new MetricsFormatException($"line 1, column {bad}: malformed quoted header field.");
        }

        var at = new int[10];
        Array.Fill(at, -1);
        warnings = [];
        var ignored = new List<string>();
        for (var c = 0; c < fields.Count; c++)
        {
            var name = fields[c].Text(header).Trim();
            if (!AzureMetricsReader.IsKnown(name, out var k))
            {
                ignored.Add($"{c + 1} ({name})");
                continue;
            }

            if (at[k] >= 0)
            {
                throw new MetricsFormatException($"line 1, column {c + 1}: column '{name}' appears twice (first at column {at[k] + 1}).");
            }

            at[k] = c;
        }

        if (ignored.Count > 0)
        {
            warnings.Add($"line 1: column(s) {string.Join(", ", ignored)} are not read and were ignored.");
        }

        var missing = new[] { "TimeGenerated", "ResourceId", "MetricName" }.Where((_, i) => at[i] < 0).ToList();
        if (missing.Count > 0)
        {
            throw new MetricsFormatException($"line 1: the header lacks the required column(s) {string.Join(", ", missing)} (has: {header}).");
        }

        if (at[3] < 0 && at[4] < 0 && at[5] < 0 && (at[6] < 0 || at[7] < 0))
        {
            throw new MetricsFormatException("line 1: the header has no value column: add Average, Maximum, Minimum, or Total with Count.");
        }

        return new MetricsColumns(at[0], at[1], at[2], at[3], at[4], at[5], at[6], at[7], at[8], at[9], fields.Count);
    }
}

/// <summary>One data line split into fields, with parsing that names the line and column on failure.</summary>
internal readonly ref struct MetricsRow
{
    private readonly string _text;
    private readonly List<CsvLine.Field> _fields;

    public MetricsRow(string text, int line, List<CsvLine.Field> fields, MetricsColumns columns)
    {
        _text = text;
        _fields = fields;
        Line = line;
        Columns = columns;
        if (CsvLine.Split(text, fields) is { } bad)
        {
            throw Error(bad - 1, "malformed quoted field (a closing quote must end the field; fields spanning lines are not supported).");
        }

        if (fields.Count != columns.Width)
        {
            throw new MetricsFormatException($"line {line}: {fields.Count} field(s), the header has {columns.Width} (an unquoted comma inside a value?).");
        }
    }

    public int Line { get; }

    public MetricsColumns Columns { get; }

    public ReadOnlySpan<char> Span(int column) => _fields[column].Span(_text).Trim();

    public string Text(int column) => _fields[column].Text(_text).Trim();

    public MetricsFormatException Error(int column, string message) => new($"line {Line}, column {column + 1}: {message}");

    /// <summary>The ISO 8601 timestamp in <paramref name="column"/>; it must say UTC (end in Z or +00:00).</summary>
    public DateTimeOffset Timestamp(int column)
    {
        var s = Span(column);
        if (!(s.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || s.EndsWith("+00:00", StringComparison.Ordinal)))
        {
            throw Error(column, $"TimeGenerated '{s}' is not UTC: it must be ISO 8601 ending in Z or +00:00 (e.g. 2026-10-19T00:05:00Z).");
        }

        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw Error(column, $"TimeGenerated '{s}' is not an ISO 8601 timestamp (e.g. 2026-10-19T00:05:00Z).");
    }

    /// <summary>
    /// The row's value (Average, else Total/Count, else Maximum, else Minimum), its peak (Maximum, else the value) and low
    /// (Minimum, else the value); NaN when every value cell is empty.
    /// </summary>
    public double Values(double upper, out double peak, out double low)
    {
        var average = Number(Columns.Average, upper);
        var maximum = Number(Columns.Maximum, upper);
        var minimum = Number(Columns.Minimum, upper);
        var total = Number(Columns.Total, double.MaxValue);
        var count = Number(Columns.Count, double.MaxValue);
        var value = !double.IsNaN(average) ? average
            : !double.IsNaN(total) && count > 0 ? total / count
            : !double.IsNaN(maximum) ? maximum
            : minimum;
        peak = double.IsNaN(maximum) ? value : maximum;
        low = double.IsNaN(minimum) ? value : minimum;
        return value;
    }

    private double Number(int column, double upper)
    {
        if (column < 0)
        {
            return double.NaN;
        }

        var s = Span(column);
        if (s.IsEmpty)
        {
            return double.NaN;
        }

        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
        {
            throw Error(column, $"'{s}' is not a number.");
        }

        return v < 0 || v > upper ? throw Error(column, $"{v.ToString(CultureInfo.InvariantCulture)} is out of range (0–{(upper == 100 ? "100 %" : "any positive value")}).") : v;
    }
}
