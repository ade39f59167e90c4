using System.Net;
using System.Net.Sockets;
using Azure.Core;
using Azure.Identity;
using Optimize.Journal.Tables;
using Optimize.Journal.Tables.Local;
using Optimize.Journal.Tests.Support;
using static Optimize.Journal.Tests.Support.JournalBuilders;

namespace Optimize.Journal.Tests;

public sealed class TableJournalFactoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordPassAsync_NothingListening_ThrowsUnavailableNamingTheOperation()
    {
        var journal = TableJournalFactory.FromConnectionString(
            LocalAzurite.ConnectionStringFor(FreePort()),
            new TableJournalOptions { MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(20), NetworkTimeout = TimeSpan.FromSeconds(2) });

        var ex = await Assert.ThrowsAsync<JournalUnavailableException>(() => journal.RecordPassAsync(Pass("pass-1", T0), Ct));

        Assert.Contains("unavailable (tried to record pass pass-1, retries exhausted)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("refused", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetAsync_NothingListening_ThrowsUnavailable()
    {
        var journal = TableJournalFactory.FromConnectionString(
            LocalAzurite.ConnectionStringFor(FreePort()),
            new TableJournalOptions { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(2) });

        await Assert.ThrowsAsync<JournalUnavailableException>(() => journal.GetAsync("chg-1", Ct));
        await Assert.ThrowsAsync<JournalUnavailableException>(async () =>
        {
            await foreach (var _ in journal.ListActiveAsync(Ct))
            {
            }
        });
    }

    [Fact]
    public async Task RecordPassAsync_TablesNotCreated_ThrowsUnavailableNamingTheFix()
    {
        var journal = TableJournalFactory.FromConnectionString(Azurite.ConnectionString(), new TableJournalOptions { TablePrefix = "nocreate" + Guid.NewGuid().ToString("N")[..8] });

        var ex = await Assert.ThrowsAsync<JournalUnavailableException>(() => journal.RecordPassAsync(Pass("pass-1", T0), Ct));

        Assert.Contains("CreateTablesIfNotExistsAsync", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a connection string")]
    [InlineData("AccountName=x;AccountKey=")]
    public void FromConnectionString_Malformed_ThrowsArgumentException(string connectionString)
    {
        Assert.Throws<ArgumentException>(() => TableJournalFactory.FromConnectionString(connectionString));
    }

    [Fact]
    public void FromConnectionString_DevelopmentStorage_UsesDefaultTables()
    {
        var journal = TableJournalFactory.FromConnectionString(TableJournalFactory.DevelopmentStorage);

        Assert.Equal(["OptimizePasses", "OptimizeDecisions", "OptimizeChanges", "OptimizeChangeEvents"], journal.TableNames);
    }

    [Fact]
    public void FromEndpoint_Credential_BuildsWithoutIo()
    {
        TokenCredential credential = new DefaultAzureCredential();

        var journal = TableJournalFactory.FromEndpoint(new Uri("https://account.table.core.windows.net"), credential, new TableJournalOptions { TablePrefix = "Prod" });

        Assert.Equal("ProdChanges", journal.Options.ChangesTable);
        Assert.Throws<ArgumentException>(() => TableJournalFactory.FromEndpoint(new Uri("relative", UriKind.Relative), credential));
    }

    [Fact]
    public void Options_SeveralInvalid_ListsEveryViolation()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TableJournalOptions { TablePrefix = "1bad-prefix", MaxRetries = -1, MaxAppendAttempts = 0 }.Validate());

        Assert.Contains("TablePrefix '1bad-prefix'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetries -1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxAppendAttempts 0", ex.Message, StringComparison.Ordinal);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
