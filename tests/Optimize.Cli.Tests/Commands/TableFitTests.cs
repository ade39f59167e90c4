using System.Text.Json;
using Optimize.Cli.Hosting;
using Optimize.Cli.Output;

namespace Optimize.Cli.Tests.Commands;

public sealed class TableFitTests
{
    private static CliRunOptions Columns(int columns) => new()
    {
        Environment = name => name == "COLUMNS" ? columns.ToString(System.Globalization.CultureInfo.InvariantCulture) : Environment.GetEnvironmentVariable(name),
    };

    [Theory]
    [InlineData("rg-shared-dev/vmss-web-0027", 24, "rg-shared…/vmss-web-0027")]
    [InlineData("rg-api-prod/plan-orders-0013", 24, "rg-api…/plan-orders-0013")]
    [InlineData("rg-api-prod/vm-web-0017", 24, "rg-api-prod/vm-web-0017")]
    [InlineData("rg-api-prod/autoscale-cache-0019", 24, "rg…/autoscale-cache-0019")]
    [InlineData("rg-api-prod/autoscale-orders-0016", 24, "r…/autoscale-orders-0016")]
    [InlineData("rg-api-prod/autoscale-searches-0016", 24, "rg-api-p…e-searches-0016")]
    [InlineData("pass-20261104T020000Z-f083", 12, "pass…0Z-f083")]
    public void Ellipsize_LongId_KeepsTheNameAndFitsTheWidth(string id, int max, string expected)
    {
        var shortened = Tables.Ellipsize(id, max);

        Assert.Equal(expected, shortened);
        Assert.True(shortened.Length <= max);
    }

    [Fact]
    public async Task Demo_At80Columns_NoLineIsWiderAndEveryResourceNameIsWhole()
    {
        var json = await CliRunner.RunAsync("demo", "--journal", "memory", "--json");
        var table = await CliRunner.RunAsync(Columns(80), "demo", "--journal", "memory");

        Assert.Equal(0, table.ExitCode);
        var lines = table.Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
        using var doc = JsonDocument.Parse(json.Out);
        foreach (var change in doc.RootElement.GetProperty("changes").EnumerateArray())
        {
            // A resource's name is never broken across lines: it is on the row of its change, whole.
            var id = change.GetProperty("resourceId").GetString()!;
            var name = id[(id.LastIndexOf('/') + 1)..];
            Assert.Contains(lines, l => l.Contains("/" + name + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Demo_Wide_ShowsWholeShortIdsInOneTableRow()
    {
        var json = await CliRunner.RunAsync("demo", "--journal", "memory", "--json");
        var table = await CliRunner.RunAsync(Columns(80), "demo", "--journal", "memory", "--wide");

        Assert.Equal(0, table.ExitCode);
        using var doc = JsonDocument.Parse(json.Out);
        foreach (var change in doc.RootElement.GetProperty("changes").EnumerateArray())
        {
            var parts = change.GetProperty("resourceId").GetString()!.Split('/', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains($"│ {parts[3]}/{parts[^1]} ", table.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Demo_Columns120_UsesFullTables()
    {
        var table = await CliRunner.RunAsync(Columns(120), "demo", "--journal", "memory");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("│ Stages │", table.Out, StringComparison.Ordinal);
        Assert.All(table.Out.Split('\n'), l => Assert.True(l.TrimEnd('\r').Length <= 120, l));
    }
}
