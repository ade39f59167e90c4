using Optimize.Testing;

namespace Optimize.Cli.Tests.Commands;

/// <summary>
/// The help texts are the CLI's documentation; the README quotes them. They are compared with golden files,
/// regenerated only when OPTIMIZE_UPDATE_GOLDEN=1.
/// </summary>
public sealed class HelpGoldenTests
{
    [Theory]
    [InlineData("root", new string[] { "--help" })]
    [InlineData("demo", new[] { "demo", "--help" })]
    [InlineData("plan", new[] { "plan", "--help" })]
    [InlineData("backtest", new[] { "backtest", "--help" })]
    [InlineData("emulator", new[] { "emulator", "--help" })]
    [InlineData("history", new[] { "history", "--help" })]
    [InlineData("report", new[] { "report", "--help" })]
    [InlineData("policy-validate", new[] { "policy", "validate", "--help" })]
    [InlineData("alert-inspect", new[] { "alert", "inspect", "--help" })]
    public async Task Help_MatchesGolden(string name, string[] args)
    {
        var result = await CliRunner.RunAsync(args);
        var golden = Path.Combine(RepoPaths.Root, "tests", "Optimize.Cli.Tests", "Golden", $"help-{name}.golden");
        // The usage line names the running executable: "optimize" for users, the test host here.
        var actual = result.Out.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace(System.CommandLine.RootCommand.ExecutableName + " ", "optimize ", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("OPTIMIZE_UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(golden, actual, TestContext.Current.CancellationToken);
        }

        Assert.True(File.Exists(golden), $"{golden} is missing: run the tests once with OPTIMIZE_UPDATE_GOLDEN=1.");
        Assert.Equal(await File.ReadAllTextAsync(golden, TestContext.Current.CancellationToken), actual);
    }
}
