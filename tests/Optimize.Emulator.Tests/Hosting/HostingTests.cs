namespace Optimize.Emulator.Tests.Hosting;

public sealed class HostingTests
{
    [Fact]
    public async Task Request_WithoutBearerToken_Is401AuthenticationFailedWithChallenge()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var anonymous = new HttpClient(emulator.Host.CreateHandler()) { BaseAddress = new Uri("https://management.azure.com") };

        using var response = await anonymous.GetAsync(new Uri("/subscriptions/x/resourceGroups/rg?api-version=2021-04-01", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"AuthenticationFailed\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnservedPath_IsArmErrorShape404_AndCountedAsUnknown()
    {
        await using var emulator = await EmulatorFixture.StartAsync();

        var (status, json) = await emulator.GetAsync("/providers/Microsoft.Nothing/things?api-version=1");

        Assert.Equal(404, status);
        Assert.Equal("NoRegisteredProviderFound", json!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(1, emulator.World.Log.ByOperation["unknown"]);
        Assert.Equal(1, emulator.World.Log.ByStatus[404]);
    }

    [Fact]
    public async Task InvalidOptions_AreRefusedWithEveryViolation()
    {
        var options = new EmulatorOptions { Faults = new EmulatorFaults { ThrottleRate = 2, RetryAfterSeconds = -1 } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorFixture.StartAsync(options));

        Assert.Contains("ThrottleRate", error.Message, StringComparison.Ordinal);
        Assert.Contains("RetryAfterSeconds", error.Message, StringComparison.Ordinal);
    }
}
