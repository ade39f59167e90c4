using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Optimize.Infra.Tests.Bicep;

/// <summary>Runs the Bicep CLI shipped in the Azure.Bicep.CommandLine.linux-x64 package (path from MSBuild).</summary>
internal static class BicepCli
{
    private static readonly Lazy<string> Executable = new(Resolve);

    /// <summary>Result of one CLI run.</summary>
    /// <param name="ExitCode">Process exit code.</param>
    /// <param name="StdOut">Standard output.</param>
    /// <param name="StdErr">Standard error (diagnostics).</param>
    public sealed record Run(int ExitCode, string StdOut, string StdErr)
    {
        /// <summary>Diagnostics printed on standard error.</summary>
        public IReadOnlyList<BicepDiagnostic> Diagnostics => BicepDiagnostic.Parse(StdErr);
    }

    /// <summary>Runs <c>bicep</c> with <paramref name="arguments"/> in the repository root; skips the test off linux-x64.</summary>
    public static Run Invoke(params string[] arguments)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            Assert.Skip("The Bicep CLI referenced by this project is the linux-x64 build; this machine is " + RuntimeInformation.RuntimeIdentifier + ".");
        }

        var start = new ProcessStartInfo(Executable.Value)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The CLI must work offline: plain resources need no registry, and no update check is wanted.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + start.FileName);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("bicep " + string.Join(' ', arguments) + " did not finish in 3 minutes.");
        }

        return new Run(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string Resolve()
    {
        var metadata = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        var candidates = new[]
        {
            metadata.GetValueOrDefault("BicepPath"),
            metadata.GetValueOrDefault("BicepPackageRoot") is { Length: > 0 } root ? Path.Combine(root, "tools", "bicep") : null,
        };
        var path = candidates
            .Where(p => !string.IsNullOrEmpty(p))
            .Select(p => p!.Replace('\\', Path.DirectorySeparatorChar))
            .FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("The Bicep CLI of package Azure.Bicep.CommandLine.linux-x64 was not found (restore the test project). Tried: " + string.Join(", ", candidates));

        // NuGet extraction does not always keep the executable bit.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if (!mode.HasFlag(UnixFileMode.UserExecute))
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }

        return path;
    }
}
