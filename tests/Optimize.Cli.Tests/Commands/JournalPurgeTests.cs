using System.Text.Json;
using Optimize.Cli.Hosting;
using Optimize.Cli.Tests.Hosting;

namespace Optimize.Cli.Tests.Commands;

/// <summary>Tests that write the test Azurite's default tables run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AzuriteDefaultTables
{
    public const string Name = "Azurite default tables";
}

[Collection(AzuriteDefaultTables.Name)]
public sealed class JournalPurgeTests
{
    [Fact]
    public async Task Purge_NonInteractiveWithoutYes_Exits2BeforeTouchingTheJournal()
    {
        var credential = new NoSignInCredential();
        var options = new CliRunOptions { Credential = credential, StdinIsTerminal = false };

        var result = await CliRunner.RunAsync(options, "journal", "purge", "--older-than", "0d", "--journal", "https://acct1.table.core.windows.net");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("pass --yes to delete, or --dry-run", result.Err, StringComparison.Ordinal);
        Assert.Equal(0, credential.Calls);
    }

    [Fact]
    public async Task Purge_DryRunThenNoThenYes_CountsKeepsThenDeletesWhatWasCounted()
    {
        var connection = await FreshDemoJournalAsync();
        var demo = await CliRunner.RunAsync("demo", "--journal", connection, "--json", "--days", "1", "--resources", "10");
        Assert.Equal(0, demo.ExitCode);
        using var doc = JsonDocument.Parse(demo.Out);
        var finished = doc.RootElement.GetProperty("changes").EnumerateArray().Count(c => c.GetProperty("state").GetString() is "promoted" or "rolledBack" or "rollbackFailed" or "rejected" or "aborted");
        var before = await HistoryCountsAsync(connection);

        // The demo's virtual clock is in November 2026: --older-than 0d covers all of it.
        var dry = await CliRunner.RunAsync("journal", "purge", "--older-than", "0d", "--dry-run", "--journal", connection);
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains($"would delete 1 pass (10 decisions) and {finished} finished change", dry.Out, StringComparison.Ordinal);
        Assert.Equal(before, await HistoryCountsAsync(connection));

        var no = await CliRunner.RunAsync(new CliRunOptions { StdinIsTerminal = true, Stdin = new StringReader("n\n") }, "journal", "purge", "--older-than", "0d", "--journal", connection);
        Assert.Equal(ExitCodes.Failed, no.ExitCode);
        Assert.Contains("[y/N]", no.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was deleted", no.Err, StringComparison.Ordinal);
        Assert.Equal(before, await HistoryCountsAsync(connection));

        var yes = await CliRunner.RunAsync("journal", "purge", "--older-than", "0d", "--yes", "--journal", connection);
        Assert.Equal(0, yes.ExitCode);
        Assert.Contains($"purged 1 pass (10 decisions) and {finished} finished change", yes.Out, StringComparison.Ordinal);
        Assert.Equal((0, before.Changes - finished), await HistoryCountsAsync(connection));
    }

    internal static async Task<string> FreshDemoJournalAsync()
    {
        var connection = Environment.GetEnvironmentVariable("OPTIMIZE_TEST_TABLES");
        if (string.IsNullOrEmpty(connection))
        {
            if (Environment.GetEnvironmentVariable("OPTIMIZE_REQUIRE_AZURITE") == "1")
            {
                Assert.Fail("OPTIMIZE_REQUIRE_AZURITE=1 but OPTIMIZE_TEST_TABLES is not set.");
            }

            Assert.Skip("Azurite not running: run ./test.sh, which starts it (needs Node 20+).");
        }

        await Optimize.Journal.Tables.TableJournalFactory.FromConnectionString(connection).DeleteTablesAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private static async Task<(int Passes, int Changes)> HistoryCountsAsync(string connection)
    {
        var history = await CliRunner.RunAsync("history", "--journal", connection, "--json", "--limit", "1000");
        Assert.Equal(0, history.ExitCode);
        using var doc = JsonDocument.Parse(history.Out);
        return (doc.RootElement.GetProperty("passes").GetArrayLength(), doc.RootElement.GetProperty("changes").GetArrayLength());
    }
}
