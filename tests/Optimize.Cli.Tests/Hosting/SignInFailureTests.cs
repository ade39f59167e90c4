using Optimize.Cli.Hosting;

namespace Optimize.Cli.Tests.Hosting;

/// <summary>Without a sign-in, every command that reaches Azure prints one line with the fix and exits 3: no stack trace.</summary>
public sealed class SignInFailureTests
{
    public static TheoryData<string[]> JournalCommands => new()
    {
        new[] { "history", "--journal", "https://acct1.table.core.windows.net" },
        new[] { "journal", "purge", "--older-than", "400d", "--yes", "--journal", "https://acct1.table.core.windows.net" },
        new[] { "demo", "--days", "1", "--resources", "5", "--journal", "https://acct1.table.core.windows.net" },
    };

    [Theory]
    [MemberData(nameof(JournalCommands))]
    public async Task JournalEndpoint_NoSignIn_OneLineNamingLoginRoleAndScope(string[] args)
    {
        var credential = new NoSignInCredential();

        var result = await CliRunner.RunAsync(new CliRunOptions { Credential = credential }, args);

        Assert.Equal(ExitCodes.AccessDenied, result.ExitCode);
        Assert.True(credential.Calls > 0, "the journal asked the credential for a token");
        var error = Assert.Single(ErrorLines(result.Err));
        Assert.Contains("not signed in to Azure", error, StringComparison.Ordinal);
        Assert.Contains("az login", error, StringComparison.Ordinal);
        Assert.Contains("azd auth login", error, StringComparison.Ordinal);
        Assert.Contains("'Storage Table Data Contributor'", error, StringComparison.Ordinal);
        Assert.Contains("storage account 'acct1'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_NoSignIn_ShowsTheLoginHintWithReaderOnTheSubscription()
    {
        var result = await CliRunner.RunAsync(
            new CliRunOptions { Credential = new NoSignInCredential() }, "plan", "--subscription", "00000000-0000-0000-0000-000000000001");

        Assert.Equal(ExitCodes.AccessDenied, result.ExitCode);
        var error = Assert.Single(ErrorLines(result.Err));
        Assert.Contains("az login", error, StringComparison.Ordinal);
        Assert.Contains("'Reader' role on /subscriptions/00000000-0000-0000-0000-000000000001", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task ConnectionString_WrongAccountKey_OneLineAboutTheKeyAndExits3()
    {
        var connection = Environment.GetEnvironmentVariable("OPTIMIZE_TEST_TABLES");
        if (string.IsNullOrEmpty(connection))
        {
            Assert.Skip("Azurite not running: run ./test.sh, which starts it (needs Node 20+).");
        }

        // Same account, another key: Azurite answers 403 AuthorizationFailure.
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var parts = connection.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.StartsWith("AccountKey=", StringComparison.OrdinalIgnoreCase) ? "AccountKey=" + wrongKey : p);

        var result = await CliRunner.RunAsync("history", "--journal", string.Join(';', parts));

        Assert.Equal(ExitCodes.AccessDenied, result.ExitCode);
        var error = Assert.Single(ErrorLines(result.Err));
        Assert.Contains("HTTP 403", error, StringComparison.Ordinal);
        Assert.Contains("account key or SAS", error, StringComparison.Ordinal);
    }

    internal static List<string> ErrorLines(string err) =>
        err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
}
