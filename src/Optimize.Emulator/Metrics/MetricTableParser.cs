using System.Text.RegularExpressions;
using Optimize.Model;

namespace Optimize.Emulator.Metrics;

/// <summary>The metric namespaces (resource types) of the five kinds, as their supported-metrics pages title them.</summary>
internal static class MetricNamespaces
{
    /// <summary>Virtual machines.</summary>
    public const string VirtualMachines = "Microsoft.Compute/virtualMachines";

    /// <summary>Scale sets.</summary>
    public const string ScaleSets = "Microsoft.Compute/virtualMachineScaleSets";

    /// <summary>App Service plans.</summary>
    public const string ServerFarms = "Microsoft.Web/serverfarms";

    /// <summary>Sites (Flex Consumption function apps).</summary>
    public const string Sites = "Microsoft.Web/sites";

    /// <summary>Autoscale settings.</summary>
    public const string AutoscaleSettings = "microsoft.insights/autoscalesettings";

    /// <summary>The namespace of <paramref name="kind"/>.</summary>
    public static string Of(ResourceKind kind) => kind switch
    {
        ResourceKind.VirtualMachine => VirtualMachines,
        ResourceKind.ScaleSet => ScaleSets,
        ResourceKind.AppServicePlan => ServerFarms,
        ResourceKind.FunctionApp => Sites,
        ResourceKind.AutoscaleSetting => AutoscaleSettings,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown resource kind."),
    };

    /// <summary>The supported-metrics page of each namespace, relative to the pack's <c>metrics/</c> folder.</summary>
    public static IReadOnlyDictionary<string, string> Pages { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [VirtualMachines] = "microsoft-compute-virtualmachines-metrics.md",
        [ScaleSets] = "microsoft-compute-virtualmachinescalesets-metrics.md",
        [ServerFarms] = "microsoft-web-serverfarms-metrics.md",
        [Sites] = "microsoft-web-sites-metrics.md",
        [AutoscaleSettings] = "microsoft-insights-autoscalesettings-metrics.md",
    };
}

/// <summary>
/// Parses a published supported-metrics page (Azure Monitor reference, metrics/*.md). A page holds its table rows itself
/// (virtualMachines, sites: with an "Advanced platform metrics" column) or pulls them from an include
/// (<c>[!INCLUDE [...](~/.../microsoft-…-include.md)]</c>, resolved to <c>includes/</c> beside it; without that column).
/// Columns are located by their heading, so both layouts read the same.
/// </summary>
internal static partial class MetricTableParser
{
    /// <summary>The spec's MetricUnit values.</summary>
    private static readonly string[] MetricUnits =
    [
        "Count", "Bytes", "Seconds", "CountPerSecond", "BytesPerSecond", "Percent", "MilliSeconds", "ByteSeconds",
        "Unspecified", "Cores", "MilliCores", "NanoCores", "BitsPerSecond",
    ];

    /// <summary>Reads the table of <paramref name="ns"/> from <paramref name="metricsDirectory"/> (the pack's <c>metrics/</c>).</summary>
    /// <exception cref="InvalidDataException">The page (or an include it names) is missing, or holds no metric rows.</exception>
    public static MetricTable Load(string metricsDirectory, string ns)
    {
        var page = Path.Combine(metricsDirectory, MetricNamespaces.Pages[ns]);
        if (!File.Exists(page))
        {
            throw new InvalidDataException($"The supported-metrics page '{page}' of {ns} is missing.");
        }

        var sources = new List<string> { page };
        var text = File.ReadAllText(page);
        foreach (Match include in Include().Matches(text))
        {
            var file = include.Groups["file"].Value;
            if (file.Contains("metrics-headings", StringComparison.OrdinalIgnoreCase))
            {
                continue; // the shared "Table headings" text, no rows
            }

            var path = Path.Combine(metricsDirectory, "includes", file);
            if (!File.Exists(path))
            {
                throw new InvalidDataException($"The page '{page}' includes '{file}', which is missing from {Path.GetDirectoryName(path)}.");
            }

            sources.Add(path);
            text += "\n" + File.ReadAllText(path);
        }

        var rows = Parse(text);
        if (rows.Count == 0)
        {
            throw new InvalidDataException($"No metric rows in {string.Join(", ", sources)}.");
        }

        return new MetricTable(ns, rows, string.Join(", ", sources.Select(Path.GetFileName)));
    }

    /// <summary>The rows of every metrics table in <paramref name="markdown"/>, in order (a later row of the same name wins).</summary>
    public static IReadOnlyList<MetricRow> Parse(string markdown)
    {
        var rows = new List<MetricRow>();
        Dictionary<string, int>? columns = null;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith('|'))
            {
                columns = line.Length == 0 ? columns : null;
                continue;
            }

            var cells = Cells(line);
            if (cells.Count > 0 && cells[0] == "Metric")
            {
                columns = cells.Select((c, i) => (Heading: Regex.Replace(c, @"^\[(.*?)\].*$", "$1"), i))
                    .ToDictionary(x => x.Heading, x => x.i, StringComparer.OrdinalIgnoreCase);
                continue;
            }

            if (columns is null || cells.All(c => c.Trim('-', ':').Length == 0) || !columns.ContainsKey("Name in REST API"))
            {
                continue;
            }

            var row = Row(cells, columns);
            rows.RemoveAll(r => string.Equals(r.Name, row.Name, StringComparison.OrdinalIgnoreCase));
            rows.Add(row);
        }

        return rows;
    }

    private static MetricRow Row(List<string> cells, Dictionary<string, int> columns)
    {
        string Cell(string heading) =>
            columns.TryGetValue(heading, out var i) && i < cells.Count ? cells[i] : string.Empty;

        var metric = Cell("Metric");
        var split = metric.IndexOf("<br>", StringComparison.OrdinalIgnoreCase);
        var display = (split < 0 ? metric : metric[..split]).Replace("**", string.Empty, StringComparison.Ordinal).Trim();
        var description = split < 0 ? display : metric[split..].Replace("<br>", string.Empty, StringComparison.OrdinalIgnoreCase).Trim();
        return new MetricRow(
            display,
            description,
            Cell("Name in REST API").Trim('`', ' '),
            Unit(Cell("Unit")),
            [.. List(Cell("Aggregation")).Select(Aggregation)],
            [.. List(Cell("Dimensions")).Select(d => d.Trim('`')).Where(d => d.Length > 0 && !d.Contains("none", StringComparison.OrdinalIgnoreCase))],
            [.. List(Cell("Time Grains"))]);
    }

    /// <summary>
    /// The unit as the spec's MetricUnit enum spells it (monitor.resource-manager.metrics.2024-02-01.json): the tables write
    /// <c>Milliseconds</c> where the API returns <c>MilliSeconds</c>; other units are spelled alike.
    /// </summary>
    private static string Unit(string value) =>
        MetricUnits.FirstOrDefault(u => u.Equals(value, StringComparison.OrdinalIgnoreCase)) ?? value;

    /// <summary><c>Total (Sum)</c> → <c>Total</c>; other names as the spec's AggregationType spells them.</summary>
    private static string Aggregation(string value)
    {
        var name = Regex.Replace(value, @"\s*\(.*\)\s*$", string.Empty).Trim();
        return name.Equals("Sum", StringComparison.OrdinalIgnoreCase) ? "Total" : name;
    }

    private static IEnumerable<string> List(string cell) =>
        cell.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The cells of a table line, split on unescaped pipes, trimmed.</summary>
    private static List<string> Cells(string line)
    {
        var inner = line.Trim().Trim('|');
        return [.. Regex.Split(inner, @"(?<!\\)\|").Select(c => c.Trim())];
    }

    [GeneratedRegex(@"\[!INCLUDE\s*\[[^\]]*\]\((?<path>[^)]*/(?<file>[^/)]+\.md))\)\]", RegexOptions.IgnoreCase)]
    private static partial Regex Include();
}
