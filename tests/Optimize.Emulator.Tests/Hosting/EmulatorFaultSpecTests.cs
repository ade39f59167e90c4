namespace Optimize.Emulator.Tests.Hosting;

/// <summary>The <c>--faults</c> text form.</summary>
public sealed class EmulatorFaultSpecTests
{
    [Fact]
    public void Parse_EveryTerm_SetsItsFault()
    {
        var faults = EmulatorFaultSpec.Parse(
            "throttle=0.2, 5xx=0.05,metrics529=0.1,lro=0.02,retry-after=3,latency=200,seed=9,arm-limits,needs-deallocation,no-capacity=Standard_D8s_v5;Standard_E4s_v5",
            out var errors);

        Assert.Empty(errors);
        Assert.NotNull(faults);
        Assert.Equal((0.2, 0.05, 0.1, 0.02, 3, 9), (faults.ThrottleRate, faults.ServerErrorRate, faults.MetricsBatchThrottleRate, faults.OperationFailureRate, faults.RetryAfterSeconds, faults.Seed));
        Assert.Equal(TimeSpan.FromMilliseconds(200), faults.Latency);
        Assert.Equal(TokenBucket.ArmReads, faults.ReadBucket);
        Assert.Equal(TokenBucket.ArmWrites, faults.WriteBucket);
        Assert.True(faults.ResizeNeedsDeallocation);
        Assert.Equal(["Standard_D8s_v5", "Standard_E4s_v5"], faults.AllocationFailures);
    }

    [Fact]
    public void Parse_Nothing_NoFaults()
    {
        Assert.Equal(EmulatorFaults.None, EmulatorFaultSpec.Parse(null, out var none));
        Assert.Empty(none);
        Assert.Equal(EmulatorFaults.None, EmulatorFaultSpec.Parse(" ", out _));
    }

    [Fact]
    public void Parse_BadTerms_EveryProblemListedAndNoFaults()
    {
        var faults = EmulatorFaultSpec.Parse("throttle=1.5,5xx=x,frobnicate,arm-limits=3,no-capacity=", out var errors);

        Assert.Null(faults);
        Assert.Contains(errors, e => e.Contains("'x' is not a number", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("unknown term 'frobnicate'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("unknown term 'arm-limits=3'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("unknown term 'no-capacity='", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("ThrottleRate must be between 0 and 1, was 1.5", StringComparison.Ordinal));
    }
}
