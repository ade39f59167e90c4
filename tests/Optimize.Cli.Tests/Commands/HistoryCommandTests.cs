using System.Text.Json;

namespace Optimize.Cli.Tests.Commands;

[Collection(AzuriteDefaultTables.Name)]
public sealed class HistoryCommandTests
{
    [Fact]
    public async Task History_AfterDemoOnAzurite_ShowsThePassesAndEveryStepOfAChange()
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

        // A demo never clears a journal named by --journal, and a resource with a change already journaled is not planned
        // again: start from empty tables (only this test uses the default table prefix on the test Azurite).
        var tables = Optimize.Journal.Tables.TableJournalFactory.FromConnectionString(connection);
        await tables.DeleteTablesAsync(TestContext.Current.CancellationToken);

        var demo = await CliRunner.RunAsync("demo", "--journal", connection, "--json", "--days", "1");
        Assert.Equal(0, demo.ExitCode);
        using var demoDoc = JsonDocument.Parse(demo.Out);
        var rolledBack = demoDoc.RootElement.GetProperty("changes").EnumerateArray().First(c => c.GetProperty("state").GetString() == "rolledBack");
        var resource = rolledBack.GetProperty("resourceId").GetString()!;
        var changeId = rolledBack.GetProperty("changeId").GetString()!;

        var history = await CliRunner.RunAsync("history", "--journal", connection, "--resource", resource, "--json");

        Assert.Equal(0, history.ExitCode);
        using var doc = JsonDocument.Parse(history.Out);
        var change = doc.RootElement.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("change").GetProperty("changeId").GetString() == changeId);
        var steps = change.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("step").GetString()).ToList();
        Assert.Equal("capture", steps[0]);
        Assert.Contains("apply", steps);
        Assert.Contains("assess", steps);
        Assert.Equal("rollback", steps[^1]);
        var sequences = change.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task History_InMemoryJournal_IsRefusedWithAReason()
    {
        var result = await CliRunner.RunAsync("history", "--journal", "memory");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("in-memory journal", result.Err, StringComparison.Ordinal);
    }
}
