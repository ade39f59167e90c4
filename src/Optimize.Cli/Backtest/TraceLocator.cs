namespace Optimize.Cli.Backtest;

/// <summary>Where the backtest finds its traces when <c>--trace</c> is not given, and the peak file next to an average file.</summary>
internal static class TraceLocator
{
    /// <summary>The average-CPU sample, relative to the shared folder.</summary>
    public const string AverageRelativePath = "traces/azure-public-dataset-v1-sample/microsoft_avg_100.csv.gz";

    /// <summary>The marker of the repository root.</summary>
    public const string SolutionFile = "Optimize.Functions.sln";

    /// <summary>
    /// The default average trace: under <paramref name="sharedDirectory"/> (env <c>OPTIMIZE_SHARED_DIR</c>) when given,
    /// else under <c>&lt;repoRoot&gt;/../shared</c>; null when neither is known. The file may not exist.
    /// </summary>
    public static string? DefaultAveragePath(string? sharedDirectory, string? repoRoot)
    {
        var shared = !string.IsNullOrWhiteSpace(sharedDirectory) ? sharedDirectory
            : repoRoot is null ? null : Path.Combine(repoRoot, "..", "shared");
        return shared is null ? null : Path.GetFullPath(Path.Combine(shared, AverageRelativePath));
    }

    /// <summary>The first directory at or above one of <paramref name="starts"/> that holds <see cref="SolutionFile"/>, or null.</summary>
    public static string? FindRepoRoot(params string[] starts)
    {
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The per-interval maximum file next to <paramref name="averagePath"/> (<c>…_avg_…</c> → <c>…_max_…</c>), or null when
    /// the name has no <c>_avg_</c> or the file does not exist.
    /// </summary>
    public static string? PeakPathFor(string averagePath)
    {
        var name = Path.GetFileName(averagePath);
        var at = name.IndexOf("_avg_", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var peak = Path.Combine(Path.GetDirectoryName(averagePath) ?? ".", string.Concat(name.AsSpan(0, at), "_max_", name.AsSpan(at + 5)));
        return File.Exists(peak) ? peak : null;
    }
}
