using System.Text.Json;
using Optimize.Cli.Hosting;

namespace Optimize.Cli.Tests.Commands;

/// <summary><c>optimize emulator</c> on loopback HTTPS, and <c>plan --emulator</c> against it through the production adapters.</summary>
public sealed class EmulatorCommandTests
{
    [Fact]
    public async Task Emulator_FirstLineNamesEndpointsAndPin_PlanAgainstItRunsReadOnly()
    {
        using var stop = new CancellationTokenSource();
        var stdout = new LineWriter();
        using var stderr = new StringWriter();
        var running = CliApp.RunAsync(["emulator", "--port", "0", "--resources", "20"], new CliRunOptions { Stdout = stdout, Stderr = stderr, Cancellation = stop.Token });
        try
        {
            var first = await stdout.FirstLineAsync(TimeSpan.FromSeconds(60));
            using var line = JsonDocument.Parse(first);
            var root = line.RootElement;
            var arm = new Uri(root.GetProperty("arm").GetString()!);
            Assert.Equal("127.0.0.1", arm.Host);
            Assert.Equal(Uri.UriSchemeHttps, arm.Scheme);
            Assert.Matches("^[0-9a-f]{64}$", root.GetProperty("certificateSha256").GetString());
            Assert.EndsWith("/providers/Microsoft.ResourceGraph/resources", root.GetProperty("resourceGraph").GetString(), StringComparison.Ordinal);
            Assert.EndsWith("/api/retail/prices", root.GetProperty("prices").GetString(), StringComparison.Ordinal);
            var subscription = root.GetProperty("subscriptions")[0].GetString()!;

            // The command printed to copy, run as printed (the read-only plan, no sign-in, every call pinned to the emulator).
            var plan = root.GetProperty("plan").GetString()!.Split(' ')[1..];
            Assert.Contains(subscription, plan);
            var result = await CliRunner.RunAsync([.. plan, "--json"]);

            Assert.True(result.ExitCode == 0, result.Err);
            using var report = JsonDocument.Parse(result.Out);
            Assert.True(report.RootElement.GetProperty("resourcesAnalyzed").GetInt32() > 0, result.Out);

            // A wrong pin is refused at the TLS handshake: the emulator's address alone is not trusted.
            var wrongPin = plan.ToArray();
            wrongPin[^1] = new string('0', 64);
            var refused = await CliRunner.RunAsync([.. wrongPin, "--json"]);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Equal("", refused.Out);
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(0, await running);
        }

        Assert.Contains("Stopped after", stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "emulator", "--port", "70000" }, "--port must be between 0 and 65535")]
    [InlineData(new[] { "emulator", "--faults", "throttle=0.1,bogus" }, "unknown term 'bogus'")]
    [InlineData(new[] { "emulator", "--faults", "5xx=lots" }, "'lots' is not a number")]
    [InlineData(new[] { "plan", "--subscription", "8f2d6c1e-4b7a-4e2d-9c31-5a0e7b9d2f11", "--emulator", "https://management.azure.com", "--emulator-pin", "00" }, "is not a loopback HTTPS address")]
    [InlineData(new[] { "plan", "--subscription", "8f2d6c1e-4b7a-4e2d-9c31-5a0e7b9d2f11", "--emulator", "https://127.0.0.1:8443" }, "--emulator-pin: needs")]
    public async Task BadEmulatorOptions_ExitTwoWithTheReasonAndStartNothing(string[] args, string message)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    /// <summary>Captures standard output and signals its first complete line.</summary>
    private sealed class LineWriter : StringWriter
    {
        private readonly TaskCompletionSource<string> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Write(char value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            Check();
        }

        public async Task<string> FirstLineAsync(TimeSpan timeout) => await _first.Task.WaitAsync(timeout);

        private void Check()
        {
            var text = ToString();
            if (text.IndexOf('\n', StringComparison.Ordinal) is var end and >= 0)
            {
                _first.TrySetResult(text[..end]);
            }
        }
    }
}
