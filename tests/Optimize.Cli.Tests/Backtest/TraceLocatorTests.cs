using Optimize.Cli.Backtest;

namespace Optimize.Cli.Tests.Backtest;

public sealed class TraceLocatorTests
{
    [Fact]
    public void DefaultAveragePath_SharedDirectoryGiven_UsesIt()
    {
        var path = TraceLocator.DefaultAveragePath("/data/shared", "/repo");

        Assert.Equal(Path.GetFullPath("/data/shared/" + TraceLocator.AverageRelativePath), path);
    }

    [Fact]
    public void DefaultAveragePath_NoSharedDirectory_UsesSharedNextToTheRepository()
    {
        var path = TraceLocator.DefaultAveragePath(null, "/work/repo");

        Assert.Equal(Path.GetFullPath("/work/shared/" + TraceLocator.AverageRelativePath), path);
    }

    [Fact]
    public void DefaultAveragePath_NothingKnown_IsNull() => Assert.Null(TraceLocator.DefaultAveragePath("", null));

    [Fact]
    public void PeakPathFor_MaxFileNextToAverage_ReturnsItElseNull()
    {
        var dir = Directory.CreateTempSubdirectory("trace-locator-");
        try
        {
            var avg = Path.Combine(dir.FullName, "microsoft_avg_100.csv.gz");
            File.WriteAllText(avg, "");
            Assert.Null(TraceLocator.PeakPathFor(avg));

            var max = Path.Combine(dir.FullName, "microsoft_max_100.csv.gz");
            File.WriteAllText(max, "");
            Assert.Equal(max, TraceLocator.PeakPathFor(avg));
            Assert.Null(TraceLocator.PeakPathFor(Path.Combine(dir.FullName, "other.csv.gz")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void FindRepoRoot_FromATestDirectory_FindsTheSolution()
    {
        var root = TraceLocator.FindRepoRoot(AppContext.BaseDirectory);

        Assert.NotNull(root);
        Assert.True(File.Exists(Path.Combine(root, TraceLocator.SolutionFile)));
    }
}
