using Optimize.Catalog;
using Optimize.Model;

namespace Optimize.Simulator.Workloads.Recorded;

/// <summary>
/// Reads a VM inventory CSV: a header with <c>ResourceId</c> and <c>Size</c> (case-insensitive, any order, other columns
/// ignored), then one VM per line with its ARM size name. Every size must be a VM size of the catalog.
/// </summary>
public static class InventoryReader
{
    /// <summary>Size by ARM id (case-insensitive).</summary>
    /// <exception cref="MetricsFormatException">The file cannot be used; the message names the line and column.</exception>
    public static IReadOnlyDictionary<string, string> Read(TextReader reader, ISkuCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(catalog);
        var fields = new List<CsvLine.Field>();
        var header = (reader.ReadLine() ?? throw new MetricsFormatException("line 1: the inventory is empty (expected a header 'ResourceId,Size').")).TrimStart('\uFEFF');
        if (CsvLine.Split(header, fields) is { } badHeader)
        {
            throw new MetricsFormatException($"line 1, column {badHeader}: malformed quoted header field.");
        }

        var names = fields.Select(f => f.Text(header).Trim()).ToList();
        var idColumn = names.FindIndex(n => n.Equals("ResourceId", StringComparison.OrdinalIgnoreCase));
        var sizeColumn = names.FindIndex(n => n.Equals("Size", StringComparison.OrdinalIgnoreCase));
        if (idColumn < 0 || sizeColumn < 0)
        {
            throw new MetricsFormatException($"line 1: the inventory header must have the columns ResourceId and Size (has: {header}).");
        }

        var sizes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            if (CsvLine.Split(text, fields) is { } bad)
            {
                throw new MetricsFormatException($"line {line}, column {bad}: malformed quoted field.");
            }

            if (fields.Count != names.Count)
            {
                throw new MetricsFormatException($"line {line}: {fields.Count} field(s), the header has {names.Count}.");
            }

            var id = fields[idColumn].Text(text).Trim();
            var size = fields[sizeColumn].Text(text).Trim();
            if (id.Length == 0)
            {
                throw new MetricsFormatException($"line {line}, column {idColumn + 1}: empty ResourceId.");
            }

            if (catalog.Find(ResourceKind.VirtualMachine, size) is not { VCpus: > 0, MemoryGb: > 0 } spec)
            {
                throw new MetricsFormatException($"line {line}, column {sizeColumn + 1}: '{size}' is not a known VM size (an ARM size name such as Standard_D4s_v5).");
            }

            if (lines.TryGetValue(id, out var first))
            {
                throw new MetricsFormatException($"line {line}, column {idColumn + 1}: {id} is listed twice (first on line {first}).");
            }

            sizes[id] = spec.Name;
            lines[id] = line;
        }

        return sizes;
    }
}
