namespace Optimize.Testing;

/// <summary>Finds the repository root and the shared fixtures folder for tests.</summary>
internal static class RepoPaths
{
    /// <summary>The directory holding <c>Optimize.Functions.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The shared folder (published fixtures and traces): <c>OPTIMIZE_SHARED_DIR</c> if set, else <c>&lt;root&gt;/../shared</c>.
    /// Null when it does not exist.
    /// </summary>
    public static string? Shared
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("OPTIMIZE_SHARED_DIR");
            var dir = !string.IsNullOrEmpty(env) ? env : Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(dir) ? dir : null;
        }
    }

    /// <summary>The path of <paramref name="relative"/> under the shared folder, or a skip naming what is missing.</summary>
    public static string SharedFile(string relative)
    {
        var shared = Shared;
        if (shared is null)
        {
            Assert.Skip("The shared folder (../shared next to the repository, or OPTIMIZE_SHARED_DIR) is absent; this test replays published Azure examples from it.");
        }

        var path = Path.Combine(shared, relative);
        if (!File.Exists(path))
        {
            Assert.Skip($"Shared file '{relative}' is absent from {shared}.");
        }

        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Optimize.Functions.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Optimize.Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
