namespace Optimize.Simulator.Workloads.Recorded;

/// <summary>
/// Splits one CSV line (RFC 4180: fields may be quoted, a quote inside a quoted field is doubled) into fields without
/// allocating a string per field: a field is a range of the line, unescaped only when it holds a doubled quote.
/// </summary>
internal static class CsvLine
{
    /// <summary>One field: <c>line[Start..Start+Length]</c>, without its quotes; <see cref="Escaped"/> when it holds <c>""</c>.</summary>
    internal readonly record struct Field(int Start, int Length, bool Escaped)
    {
        public ReadOnlySpan<char> Span(string line) => line.AsSpan(Start, Length);

        public string Text(string line) => Escaped ? line.Substring(Start, Length).Replace("\"\"", "\"", StringComparison.Ordinal) : line.Substring(Start, Length);
    }

    /// <summary>Fills <paramref name="fields"/>; null, or the 1-based column of a malformed quoted field.</summary>
    public static int? Split(string line, List<Field> fields)
    {
        fields.Clear();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var start = i + 1;
                var escaped = false;
                var j = start;
                while (true)
                {
                    var q = line.IndexOf('"', j);
                    if (q < 0)
                    {
                        return fields.Count + 1; // unterminated (a quoted field spanning lines is not supported)
                    }

                    if (q + 1 < line.Length && line[q + 1] == '"')
                    {
                        escaped = true;
                        j = q + 2;
                        continue;
                    }

                    fields.Add(new Field(start, q - start, escaped));
                    i = q + 1;
                    break;
                }

                if (i == line.Length)
                {
                    return null;
                }

                if (line[i] != ',')
                {
                    return fields.Count; // text after the closing quote
                }

                i++;
                continue;
            }

            var comma = line.IndexOf(',', i);
            if (comma < 0)
            {
                fields.Add(new Field(i, line.Length - i, false));
                return null;
            }

            fields.Add(new Field(i, comma - i, false));
            i = comma + 1;
        }
    }
}
