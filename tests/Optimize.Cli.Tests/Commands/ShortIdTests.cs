using System.Text.Json;
using Optimize.Cli.Hosting;

namespace Optimize.Cli.Tests.Commands;

[Collection(AzuriteDefaultTables.Name)]
public sealed class ShortIdTests
{
    private const string Vmss = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-shared-dev/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-web-0027";

    [Theory]
    [InlineData("rg-shared-dev/vmss-web-0027", true)]
    [InlineData("RG-SHARED-DEV/VMSS-WEB-0027", true)]
    [InlineData("vmss-web-0027", true)]
    [InlineData("rg-shared…/vmss-web-0027", true)]
    [InlineData("rg-shared.../vmss-web-0027", true)]
    [InlineData("rg-api…/vmss-web-0027", false)]
    [InlineData("vmss-web-002", false)]
    [InlineData("rg-shared-dev/vmss-web", false)]
    public void ResourceMatches_TypedForm_MatchesOnlyTheSameResource(string typed, bool expected) =>
        Assert.Equal(expected, ShortIds.ResourceMatches(Vmss, typed));

    [Fact]
    public async Task History_ShortIds_ResolveOrExit2WithTheCandidates()
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

        var tables = Optimize.Journal.Tables.TableJournalFactory.FromConnectionString(connection);
        await tables.DeleteTablesAsync(TestContext.Current.CancellationToken);
        var demo = await CliRunner.RunAsync("demo", "--journal", connection, "--json", "--days", "2");
        Assert.Equal(0, demo.ExitCode);
        using var demoDoc = JsonDocument.Parse(demo.Out);
        var change = demoDoc.RootElement.GetProperty("changes").EnumerateArray().First();
        var full = change.GetProperty("resourceId").GetString()!;
        var parts = full.Split('/', StringSplitOptions.RemoveEmptyEntries);

        // rg/name, as the tables show it, resolves to the full id: the same changes as the full id.
        var byShort = await CliRunner.RunAsync("history", "--journal", connection, "--resource", $"{parts[3]}/{parts[^1]}", "--json");
        var byFull = await CliRunner.RunAsync("history", "--journal", connection, "--resource", full, "--json");
        Assert.Equal(0, byShort.ExitCode);
        Assert.Equal(byFull.Out, byShort.Out);
        Assert.Contains(change.GetProperty("changeId").GetString()!, byShort.Out, StringComparison.Ordinal);

        // Two passes (two days): "pass-" is ambiguous and lists both; a unique prefix resolves.
        var passes = await CliRunner.RunAsync("history", "--journal", connection, "--json");
        using var passDoc = JsonDocument.Parse(passes.Out);
        var passIds = passDoc.RootElement.GetProperty("passes").EnumerateArray().Select(p => p.GetProperty("passId").GetString()!).ToList();
        Assert.Equal(2, passIds.Count);
        var ambiguous = await CliRunner.RunAsync("history", "--journal", connection, "--pass", "pass-");
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Equal("", ambiguous.Out);
        Assert.All(passIds, id => Assert.Contains(id, ambiguous.Err, StringComparison.Ordinal));
        var prefix = passIds[0][..^2];
        var byPrefix = await CliRunner.RunAsync("history", "--journal", connection, "--pass", prefix, "--json");
        var byPass = await CliRunner.RunAsync("history", "--journal", connection, "--pass", passIds[0], "--json");
        Assert.Equal(0, byPrefix.ExitCode);
        Assert.Equal(byPass.Out, byPrefix.Out);

        // Nothing matches: exit 2 and a message, not an empty report.
        var none = await CliRunner.RunAsync("history", "--journal", connection, "--resource", "rg-nope/vm-nope");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("does not match any resource", none.Err, StringComparison.Ordinal);
        var noneList = await CliRunner.RunAsync("changes", "list", "--journal", connection, "--resource", "vm-nope");
        Assert.Equal(2, noneList.ExitCode);
    }
}
