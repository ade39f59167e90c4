namespace Optimize.Emulator.Metrics;

/// <summary>
/// The supported-metrics tables the metrics surface serves: read from the contract pack's <c>metrics/</c> folder
/// (<see cref="EmulatorOptions.ContractDirectory"/>, or <c>shared/azure-contract</c> found beside or above the working
/// directory). When no pack (or a pack without <c>metrics/</c>) is found, the emulator falls back to
/// <see cref="BuiltInMetricTables"/>: only the metrics it computes from the fleet, so definitions list fewer metrics than
/// Azure does and <see cref="IsBuiltIn"/> is true.
/// </summary>
internal sealed class MetricTables
{
    private readonly IReadOnlyDictionary<string, MetricTable> _tables;

    private MetricTables(IReadOnlyDictionary<string, MetricTable> tables, string? directory)
    {
        _tables = tables;
        Directory = directory;
    }

    /// <summary>The <c>metrics/</c> folder read, or null for the built-in tables.</summary>
    public string? Directory { get; }

    /// <summary>True when the built-in fallback is served.</summary>
    public bool IsBuiltIn => Directory is null;

    /// <summary>The table of <paramref name="ns"/> (case-insensitive), or null when it is not one of the five types.</summary>
    public MetricTable? Find(string ns) => _tables.TryGetValue(ns, out var table) ? table : null;

    /// <summary>The built-in tables.</summary>
    public static MetricTables BuiltIn { get; } = new(BuiltInMetricTables.All, null);

    /// <summary>Loads the tables for <paramref name="options"/>.</summary>
    /// <exception cref="InvalidDataException">The pack has a <c>metrics/</c> folder but one of the five pages is missing or holds no rows.</exception>
    public static MetricTables Load(EmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pack = options.ContractDirectory ?? FindPack(System.IO.Directory.GetCurrentDirectory());
        return pack is null ? BuiltIn : FromDirectory(Path.Combine(pack, "metrics"));
    }

    /// <summary>Loads the five tables from a <c>metrics/</c> folder, or the built-in ones when it does not exist.</summary>
    /// <exception cref="InvalidDataException">A page is missing or holds no rows.</exception>
    public static MetricTables FromDirectory(string metricsDirectory)
    {
        if (!System.IO.Directory.Exists(metricsDirectory))
        {
            return BuiltIn;
        }

        var tables = MetricNamespaces.Pages.Keys
            .Select(ns => MetricTableParser.Load(metricsDirectory, ns))
            .ToDictionary(t => t.Namespace, StringComparer.OrdinalIgnoreCase);
        return new MetricTables(tables, metricsDirectory);
    }

    /// <summary><c>shared/azure-contract</c> in <paramref name="start"/> or the nearest parent that has one, or null.</summary>
    internal static string? FindPack(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "azure-contract");
            if (System.IO.Directory.Exists(Path.Combine(candidate, "specs")))
            {
                return candidate;
            }
        }

        return null;
    }
}
