using System.Text.Json;

namespace Optimize.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_DefaultFleet_RunsTheWholeLoopAndRollsBackTheDesignedRegression()
    {
        var result = await CliRunner.RunAsync("demo", "--journal", "memory", "--json");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        var root = doc.RootElement;
        Assert.Equal(40, root.GetProperty("resourcesAnalyzed").GetInt32());
        var started = root.GetProperty("changesStarted").GetInt32();
        var promoted = root.GetProperty("changesPromoted").GetInt32();
        var rolledBack = root.GetProperty("changesRolledBack").GetInt32();
        Assert.True(promoted > 0, "some change is promoted");
        Assert.True(rolledBack > 0, "at least one change regresses under load and is rolled back");

        // Every started change ends in exactly one state.
        var ended = promoted + rolledBack
            + root.GetProperty("changesRollbackFailed").GetInt32()
            + root.GetProperty("changesRejected").GetInt32()
            + root.GetProperty("changesAborted").GetInt32()
            + root.GetProperty("changesInFlight").GetInt32();
        Assert.Equal(started, ended);
        Assert.Equal(started, root.GetProperty("changes").GetArrayLength());

        // The simulator's designed regressions (FleetScenario.RegressesAfterDownsize), each rolled back by a guard that breached
        // on data read through the adapters (never "no data"): the plan's errors come from its hosted sites, the Flex app's
        // memory from its working set over the instance memory in effect, the scale set's from Available Memory Bytes.
        foreach (var (name, breach) in new[] { ("/plan-api-0001", "errorPercent mean"), ("/vm-etl-0020", "cpu p95"), ("/vmss-orders-0010", "cpu p95"), ("/func-batch-0026", "memory max"), ("/autoscale-orders-0016", "cpu p95") })
        {
            var regression = root.GetProperty("changes").EnumerateArray()
                .Single(c => c.GetProperty("resourceId").GetString()!.EndsWith(name, StringComparison.Ordinal));
            Assert.Equal("rolledBack", regression.GetProperty("state").GetString());
            Assert.Contains(breach, regression.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("no data", regression.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        // Every kind promotes at least one change through the production adapters and rolls one back.
        var outcomes = root.GetProperty("changes").EnumerateArray()
            .Select(c => (Kind: c.GetProperty("kind").GetString(), State: c.GetProperty("state").GetString())).ToList();
        foreach (var kind in new[] { "virtualMachine", "scaleSet", "appServicePlan", "functionApp", "autoscaleSetting" })
        {
            Assert.Contains((kind, "promoted"), outcomes);
        }

        foreach (var kind in new[] { "virtualMachine", "scaleSet", "appServicePlan", "functionApp", "autoscaleSetting" })
        {
            Assert.Contains((kind, "rolledBack"), outcomes);
        }

        // Every Azure call went through the emulator, none broke the published contract, and the counts add up.
        var azure = root.GetProperty("azure");
        var byOperation = azure.GetProperty("byOperation").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(azure.GetProperty("requests").GetInt32(), byOperation.Values.Sum());
        Assert.Equal(0, azure.GetProperty("contractViolations").GetInt32());
        foreach (var operation in new[] { "Resources", "Batch", "RetailPrices_List", "ResourceSkus_List", "VirtualMachines_Update", "AppServicePlans_CreateOrUpdate", "WebApps_CreateOrUpdate", "AutoscaleSettings_Update" })
        {
            Assert.True(byOperation.GetValueOrDefault(operation) > 0, $"{operation}: {string.Join(", ", byOperation)}");
        }

        // Savings are those of the promoted changes only.
        var promotedSavings = root.GetProperty("changes").EnumerateArray()
            .Where(c => c.GetProperty("state").GetString() == "promoted")
            .Sum(c => c.GetProperty("estimatedMonthlySavings").GetDecimal());
        Assert.Equal(promotedSavings, root.GetProperty("estimatedMonthlySavings").GetDecimal());

        // Every skipped resource has a reason.
        Assert.All(root.GetProperty("skippedResources").EnumerateArray(), s => Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("reason").GetString())));
        Assert.Equal(root.GetProperty("skipped").GetInt32(), root.GetProperty("skippedResources").GetArrayLength());
    }

    [Fact]
    public async Task Demo_SameSeedTwice_SameDecisionsAndOutcomes()
    {
        var first = await CliRunner.RunAsync("demo", "--journal", "memory", "--json", "--seed", "7", "--days", "2");
        var second = await CliRunner.RunAsync("demo", "--journal", "memory", "--json", "--seed", "7", "--days", "2");

        Assert.Equal(Outcomes(first.Out), Outcomes(second.Out));
    }

    [Fact]
    public async Task Demo_HumanReport_ShowsCountsChangesAndSkipReasons()
    {
        var result = await CliRunner.RunAsync("demo", "--journal", "memory", "--days", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Resources analyzed", result.Out, StringComparison.Ordinal);
        Assert.Contains("rolled back automatically", result.Out, StringComparison.Ordinal);
        Assert.Contains("Skipped, and why", result.Out, StringComparison.Ordinal);
        Assert.Contains("opt-out tag", result.Out, StringComparison.Ordinal);
        Assert.Contains("[day 1/1]", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--resources", "0", "--resources must be between")]
    [InlineData("--days", "0", "--days must be between")]
    [InlineData("--trace", "/nonexistent/trace.csv.gz", "file not found")]
    public async Task Demo_BadOption_ExitsTwoWithTheReason(string option, string value, string message)
    {
        var result = await CliRunner.RunAsync("demo", "--journal", "memory", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Demo_BrokenPolicy_ExitsTwoListingEveryProblemAndRunsNothing()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, """{ "version": 1, "defaultMode": "sometimes", "limits": { "maxInFlight": -1 } }""", TestContext.Current.CancellationToken);
        try
        {
            var result = await CliRunner.RunAsync("demo", "--journal", "memory", "--policy", path);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("/defaultMode", result.Err, StringComparison.Ordinal);
            Assert.Contains("/limits/maxInFlight", result.Err, StringComparison.Ordinal);
            Assert.DoesNotContain("[day", result.Err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<string> Outcomes(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var rows = root.GetProperty("changes").EnumerateArray()
            .Select(c => $"{c.GetProperty("resourceId").GetString()} {c.GetProperty("from").GetString()} -> {c.GetProperty("to").GetString()} {c.GetProperty("state").GetString()} {c.GetProperty("estimatedMonthlySavings").GetDecimal()}")
            .Concat(root.GetProperty("skippedResources").EnumerateArray().Select(s => $"{s.GetProperty("resourceId").GetString()} {s.GetProperty("reasonCode").GetString()}"))
            .ToList();
        rows.Add($"savings {root.GetProperty("estimatedMonthlySavings").GetDecimal()}");
        return rows;
    }
}
