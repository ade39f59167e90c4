using System.Globalization;
using System.Text.Json;
using Optimize.Testing;

namespace Optimize.Cli.Tests.Backtest;

public sealed class BacktestAnalysisCommandTests
{
    private const string AverageTrace = "traces/azure-public-dataset-v1-sample/microsoft_avg_100.csv.gz";

    [Fact]
    public async Task Backtest_SharedSample_JsonCarriesTheHeadlineFields()
    {
        var avgPath = RepoPaths.SharedFile(AverageTrace); // skips, with the reason, when ../shared is absent

        var (code, stdout, stderr) = await RunAsync("backtest", "--trace", avgPath, "--vms", "10", "--days", "3", "--journal", "memory", "--overload-budget", "1", "--json");

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var a = doc.RootElement.GetProperty("analysis");
        foreach (var name in new[]
        {
            "netMonthlySavings", "upsizeMonthlyCost", "overloadedShare", "worstResourceOverloadedShare", "memoryExhaustedShare", "repeatUpsizes",
            "staleRepeatUpsizes", "timeWeightedMonthlySavings", "ceilingMonthlySavings", "capturedShareOfCeiling", "overloadBudget",
        })
        {
            Assert.True(a.TryGetProperty(name, out _), $"analysis.{name} is missing");
        }

        Assert.Equal(0.01, a.GetProperty("overloadBudget").GetDouble(), 12);
        Assert.True(a.GetProperty("ceilingMonthlySavings").GetDecimal() >= 0);
        Assert.True(a.GetProperty("upsizeMonthlyCost").GetDecimal() >= 0);
        Assert.True(a.GetProperty("staleRepeatUpsizes").GetInt32() <= a.GetProperty("repeatUpsizes").GetInt32());
        var share = a.GetProperty("overloadedShare").GetDouble();
        Assert.InRange(share, 0, a.GetProperty("worstResourceOverloadedShare").GetDouble());
        if (a.GetProperty("capturedShareOfCeiling").ValueKind == JsonValueKind.Number)
        {
            Assert.True(a.GetProperty("capturedShareOfCeiling").GetDecimal() >= 0);
        }

        Assert.StartsWith("captured ", doc.RootElement.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.Equal(10, a.GetProperty("ceiling").GetArrayLength());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("101")]
    public async Task Backtest_OverloadBudgetOutOfRange_ExitsTwoAndRunsNothing(string budget)
    {
        var (code, stdout, stderr) = await RunAsync("backtest", "--journal", "memory", "--trace", "/nonexistent/x.csv.gz", "--overload-budget", budget);

        Assert.Equal(2, code);
        Assert.Contains($"--overload-budget must be a percent between 0 and 100, was {budget}.", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout.Trim());
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
