using Optimize.Cli.Hosting;

namespace Optimize.Cli.Tests;

/// <summary>Runs the CLI in process with captured output.</summary>
internal static class CliRunner
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(new CliRunOptions(), args);

    /// <summary>Runs with substitutes (credential, stdin, HTTP handler); standard output and error are always captured.</summary>
    public static async Task<CliResult> RunAsync(CliRunOptions options, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, options with { Stdout = stdout, Stderr = stderr });
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>Exit code and output of one run.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Err);
