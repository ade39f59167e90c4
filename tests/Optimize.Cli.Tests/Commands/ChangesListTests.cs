using System.Text.Json;

namespace Optimize.Cli.Tests.Commands;

[Collection(AzuriteDefaultTables.Name)]
public sealed class ChangesListTests
{
    [Fact]
    public async Task ListAndShow_AfterDemo_FilterByStateAndShowEverySteps()
    {
        var connection = await JournalPurgeTests.FreshDemoJournalAsync();
        var demo = await CliRunner.RunAsync("demo", "--journal", connection, "--json", "--days", "1");
        Assert.Equal(0, demo.ExitCode);
        using var demoDoc = JsonDocument.Parse(demo.Out);
        var rolledBack = demoDoc.RootElement.GetProperty("changes").EnumerateArray().Where(c => c.GetProperty("state").GetString() == "rolledBack").Select(c => c.GetProperty("changeId").GetString()).ToHashSet();
        Assert.NotEmpty(rolledBack);

        var list = await CliRunner.RunAsync("changes", "list", "--state", "rolled-back", "--json", "--journal", connection);
        Assert.Equal(0, list.ExitCode);
        using var listDoc = JsonDocument.Parse(list.Out);
        Assert.Equal(rolledBack, listDoc.RootElement.EnumerateArray().Select(c => c.GetProperty("changeId").GetString()).ToHashSet());

        var pending = await CliRunner.RunAsync("changes", "list", "--pending", "--journal", connection);
        Assert.Equal(0, pending.ExitCode);
        Assert.Contains("No awaiting-approval changes.", pending.Out, StringComparison.Ordinal);

        var show = await CliRunner.RunAsync("changes", "show", rolledBack.First()!, "--journal", connection);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("rolled-back", show.Out, StringComparison.Ordinal);
        Assert.Contains("rollback", show.Out, StringComparison.Ordinal);

        // optimize report over the same journal: every demo change counted, its rollbacks in the revert rates.
        var report = await CliRunner.RunAsync("report", "--json", "--journal", connection);
        Assert.Equal(0, report.ExitCode);
        using var reportDoc = JsonDocument.Parse(report.Out);
        Assert.Equal(demoDoc.RootElement.GetProperty("changes").GetArrayLength(), reportDoc.RootElement.GetProperty("changes").GetInt32());
        Assert.Equal(rolledBack.Count, reportDoc.RootElement.GetProperty("kinds").EnumerateArray().Sum(k => k.GetProperty("rolledBack").GetInt32()));
        Assert.True(reportDoc.RootElement.GetProperty("passToApply").GetProperty("samples").GetInt32() > 0);

        var missing = await CliRunner.RunAsync("changes", "show", "no-such-change", "--journal", connection);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no change 'no-such-change'", missing.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--state", "sleeping")]
    [InlineData("--limit", "0")]
    public async Task List_BadFilter_Exits2(string option, string value)
    {
        var result = await CliRunner.RunAsync("changes", "list", option, value, "--journal", "memory");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Err, StringComparison.Ordinal);
    }
}
