using Optimize.Journal.Tables.Local;
using Optimize.Testing;
using static Optimize.Journal.Tests.Support.JournalBuilders;

namespace Optimize.Journal.Tests.Local;

public sealed class LocalAzuriteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("v20.20.2", true)]
    [InlineData("v22.1.0\n", true)]
    [InlineData("v18.19.0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsNode20OrLater_Version_Expected(string? version, bool expected)
    {
        Assert.Equal(expected, LocalAzurite.IsNode20OrLater(version));
    }

    [Fact]
    public void ConnectionStringFor_Port_PointsTablesAt127001()
    {
        Assert.EndsWith("TableEndpoint=http://127.0.0.1:10102/devstoreaccount1;", LocalAzurite.ConnectionStringFor(LocalAzuriteOptions.DefaultPort), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_FreePort_StartsReusesPersistsAndStopsOnlyWhatItStarted()
    {
        if (!File.Exists(Path.Combine(RepoPaths.Root, "node_modules", "azurite", "dist", "src", "table", "main.js")))
        {
            const string reason = "Azurite is not installed in this checkout: run `npm ci` (needs Node 20+).";
            if (Support.Azurite.Required)
            {
                Assert.Fail("OPTIMIZE_REQUIRE_AZURITE=1 but " + reason);
            }

            Assert.Skip(reason);
        }

        var port = TableJournalFactoryTests.FreePort();
        var location = Directory.CreateTempSubdirectory("optimize-local-azurite-").FullName;
        var log = new StringWriter();
        var options = new LocalAzuriteOptions { Port = port, Location = location, RepositoryRoot = RepoPaths.Root, AllowNpmInstall = false, Log = log };
        try
        {
            var first = await LocalAzurite.StartAsync(options, Ct);
            Assert.NotNull(first);
            Assert.True(first.StartedHere, log.ToString());
            var journal = await first.CreateJournalAsync(cancellationToken: Ct);
            await journal.RecordPassAsync(Pass("pass-local", T0), Ct);

            await using (var second = await LocalAzurite.StartAsync(options, Ct))
            {
                Assert.NotNull(second);
                Assert.False(second.StartedHere);
                Assert.Equal(first.ConnectionString, second.ConnectionString);
            }

            Assert.True(await LocalAzurite.IsListeningAsync(port, Ct), "disposing the reusing instance must not stop Azurite");
            await first.DisposeAsync();
            Assert.False(await LocalAzurite.IsListeningAsync(port, Ct));

            await using var third = await LocalAzurite.StartAsync(options, Ct);
            Assert.NotNull(third);
            Assert.True(third.StartedHere);
            var again = await third.CreateJournalAsync(cancellationToken: Ct);
            var passes = new List<PassRecord>();
            await foreach (var p in again.ListPassesAsync(new HistoryQuery(), Ct))
            {
                passes.Add(p);
            }

            Assert.Equal("pass-local", Assert.Single(passes).PassId);
            Assert.Contains($"started Azurite on 127.0.0.1:{port}", log.ToString(), StringComparison.Ordinal);
            Assert.Contains($"already listening on 127.0.0.1:{port}", log.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(location, recursive: true);
        }
    }

    [Fact]
    public void Options_PortOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LocalAzuriteOptions { Port = 0 }.Validate());
    }
}
