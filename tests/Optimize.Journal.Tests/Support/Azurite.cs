using System.Net.Sockets;

namespace Optimize.Journal.Tests.Support;

/// <summary>
/// The Azurite the journal tests run against: env <c>OPTIMIZE_TEST_TABLES</c> (a connection string, set by
/// <c>scripts/azurite.sh start</c>). Absent or unreachable → the test is skipped, or fails when
/// <c>OPTIMIZE_REQUIRE_AZURITE=1</c> (CI).
/// </summary>
internal static class Azurite
{
    public const string SkipReason = "Azurite not running: run ./test.sh, which starts it (needs Node 20+)";

    private static readonly Lazy<string?> Problem = new(FindProblem);

    /// <summary>True when <c>OPTIMIZE_REQUIRE_AZURITE=1</c>: a missing Azurite fails instead of skipping.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("OPTIMIZE_REQUIRE_AZURITE") == "1";

    /// <summary>The connection string, or a skip (a failure when required) naming what is missing.</summary>
    public static string ConnectionString()
    {
        if (Problem.Value is { } problem)
        {
            if (Required)
            {
                Assert.Fail($"OPTIMIZE_REQUIRE_AZURITE=1 but {problem}");
            }

            Assert.Skip($"{SkipReason} ({problem})");
        }

        return Environment.GetEnvironmentVariable("OPTIMIZE_TEST_TABLES")!;
    }

    private static string? FindProblem()
    {
        var value = Environment.GetEnvironmentVariable("OPTIMIZE_TEST_TABLES");
        if (string.IsNullOrWhiteSpace(value))
        {
            return "OPTIMIZE_TEST_TABLES is not set";
        }

        var endpoint = TableEndpoint(value);
        try
        {
            using var client = new TcpClient();
            if (!client.ConnectAsync(endpoint.Host, endpoint.Port).Wait(TimeSpan.FromSeconds(2)))
            {
                return $"nothing answers at {endpoint.Authority}";
            }
        }
        catch (AggregateException ex) when (ex.InnerException is SocketException)
        {
            return $"nothing listens at {endpoint.Authority}";
        }

        return null;
    }

    private static Uri TableEndpoint(string connectionString)
    {
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("TableEndpoint=", StringComparison.OrdinalIgnoreCase))
            {
                return new Uri(part["TableEndpoint=".Length..]);
            }
        }

        return new Uri("http://127.0.0.1:10002/devstoreaccount1");
    }
}
