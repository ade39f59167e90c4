namespace Optimize.Journal.Tables.Local;

/// <summary>Finds the repository root, executables on PATH, and the repository's Azurite.</summary>
internal static class ToolLocator
{
    /// <summary>Azurite's table entry point inside node_modules (what <c>.bin/azurite-table</c> links to).</summary>
    public static readonly string AzuriteTableScript = Path.Combine("node_modules", "azurite", "dist", "src", "table", "main.js");

    /// <summary>The first folder, walking up from each start, whose <c>package.json</c> mentions azurite.</summary>
    public static string? FindRepositoryRoot(params string[] starts)
    {
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var package = Path.Combine(dir.FullName, "package.json");
                if (File.Exists(package) && File.ReadAllText(package).Contains("\"azurite\"", StringComparison.Ordinal))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>The full path of <paramref name="name"/> on PATH (with Windows extensions), or null.</summary>
    public static string? FindOnPath(string name)
    {
        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", ".bat", string.Empty } : [string.Empty];
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var ext in extensions)
            {
                var candidate = Path.Combine(dir, name + ext);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The Azurite table script in the repository, or null.</summary>
    public static string? FindRepositoryAzurite(string? root)
    {
        if (root is null)
        {
            return null;
        }

        var script = Path.Combine(root, AzuriteTableScript);
        return File.Exists(script) ? script : null;
    }
}
