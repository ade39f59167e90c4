using Optimize.Cli.Hosting;

namespace Optimize.Cli.Tests.Hosting;

/// <summary>demo and backtest never write into $OPTIMIZE_JOURNAL_CONNECTION (the Function App's production journal).</summary>
public sealed class JournalChoiceTests
{
    private const string Production = "https://prodjournal.table.core.windows.net";

    private static string? ProductionEnvironment(string name) => name == JournalOptions.EnvironmentVariable ? Production : null;

    [Fact]
    public void Resolve_SimulationWithoutJournal_IgnoresTheEnvironment()
    {
        Assert.Null(JournalConnector.Resolve(JournalRequest.ForSimulation(null), ProductionEnvironment));
    }

    [Fact]
    public void Resolve_SimulationWithJournal_UsesTheOneNamed()
    {
        Assert.Equal("memory", JournalConnector.Resolve(JournalRequest.ForSimulation("memory"), ProductionEnvironment));
    }

    [Fact]
    public void Resolve_HistoryWithoutJournal_ReadsTheEnvironment()
    {
        Assert.Equal(Production, JournalConnector.Resolve(new JournalRequest { ForHistory = true }, ProductionEnvironment));
    }

    [Fact]
    public async Task Demo_EnvironmentNamesProductionJournal_NeverReachesIt()
    {
        var credential = new NoSignInCredential();
        var options = new CliRunOptions { Credential = credential, Environment = ProductionEnvironment };

        var result = await CliRunner.RunAsync(options, "demo", "--days", "1", "--resources", "5", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, credential.Calls);
        Assert.DoesNotContain("prodjournal", result.Err + result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_EnvironmentNamesAJournal_UsesIt()
    {
        var result = await CliRunner.RunAsync(new CliRunOptions { Environment = n => n == JournalOptions.EnvironmentVariable ? "memory" : null }, "history");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("in-memory journal is empty", result.Err, StringComparison.Ordinal);
    }
}
