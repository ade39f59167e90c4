using Optimize.Journal.Tests.Support;
using Optimize.Emulator.Tests.Soak;

namespace Optimize.Journal.Tests.Soak;

/// <summary>Issue 10's soak over the real Table Storage journal (Azurite): the same harness as the in-memory soak of
/// Optimize.Emulator.Tests (SoakRun, linked), changes through the runner and the production adapters on the emulator under
/// its fault mix, with runners dropped mid-wave and recovered from what the TableJournal holds.</summary>
public sealed class AzuriteSoakTests
{
    [Fact]
    public async Task Soak_OverTableStorage_NothingStrandedNothingLost()
    {
        await using var store = await TestJournal.CreateAsync();

        var result = await SoakRun.RunAsync(new SoakOptions { Seed = 11, Plans = 100, Waves = 10, CrashRate = 0.6 }, store.Journal, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(result.ToString());

        Assert.Equal(1000, result.Changes);
        Assert.True(result.Crashes >= 3, result.ToString());
        Assert.Equal(0, result.HalfApplied);
        Assert.Equal(0, result.TerminalEventErrors);
        Assert.Equal(0, result.NonTerminal);
        // Under 5 % of escalations; below 20 escalations a ratio is noise, so at most one (see SoakTests).
        Assert.True(result.Escalations >= 20 ? result.FalseEscalationRate < 0.05 : result.FalseEscalations <= 1, result.ToString());
        Assert.True(result.AbortAtCaptureRate < 0.02, result.ToString());
    }
}
