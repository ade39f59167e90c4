using FsCheck;
using FsCheck.Fluent;
using Optimize.Simulator.Capacity;
using Optimize.Simulator.Workloads;

namespace Optimize.Simulator.Tests.Capacity;

using Capacity = Optimize.Simulator.Capacity.Capacity;

public sealed class CapacityModelTests
{
    [Theory]
    // demand, vCPUs: halving capacity doubles utilization.
    [InlineData(1.0, 8)]  // 12.5 % -> 25 %
    [InlineData(3.0, 8)]  // 37.5 % -> 75 %
    [InlineData(5.0, 8)]  // 62.5 % -> 125 % (saturated)
    public void Evaluate_HalvedCapacity_RaisesCpuAndLatency(double demand, double vcpus)
    {
        var load = new Demand(demand, 2);
        var full = CapacityModel.Evaluate(load, new Capacity(vcpus, 32, 1), 100, 0.1, false);
        var half = CapacityModel.Evaluate(load, new Capacity(vcpus / 2, 16, 1), 100, 0.1, false);

        Assert.Equal(Math.Min(100, demand / vcpus * 100), full.Cpu, 6);
        Assert.True(half.Cpu > full.Cpu, $"cpu {half.Cpu} vs {full.Cpu}");
        Assert.True(half.LatencyMs > full.LatencyMs, $"latency {half.LatencyMs} vs {full.LatencyMs}");
        Assert.True(half.Memory > full.Memory);
    }

    [Fact]
    public void Evaluate_LowUtilization_LatencyNearlyFlat()
    {
        // 1 + ½·0.5⁸/0.5 = 1.0039: a downsize from 25 % to 50 % must not look like a latency regression.
        var at25 = CapacityModel.Evaluate(new Demand(2, 1), new Capacity(8, 32, 1), 100, 0, false);
        var at50 = CapacityModel.Evaluate(new Demand(4, 1), new Capacity(8, 32, 1), 100, 0, false);

        Assert.Equal(100.39, at50.LatencyMs, 1);
        Assert.True(at50.LatencyMs / at25.LatencyMs < 1.01);
    }

    [Fact]
    public void Evaluate_Saturated_CapsCpuQueuesAndFailsExcess()
    {
        // ρ = 1.5: one third of the requests beyond capacity fail; latency = 100 × (1 + ½·0.98⁸/0.02) × 1.5².
        var s = CapacityModel.Evaluate(new Demand(6, 1), new Capacity(4, 16, 1), 100, 0, false);

        Assert.Equal(100, s.Cpu);
        Assert.Equal(33.33, s.ErrorPercent, 2);
        Assert.Equal(100 * (1 + (0.5 * Math.Pow(0.98, 8) / 0.02)) * 2.25, s.LatencyMs, 6);
    }

    [Fact]
    public void Evaluate_MemoryExhausted_RaisesErrorsAndCapsMemory()
    {
        var fits = CapacityModel.Evaluate(new Demand(0.1, 0.45), new Capacity(0.25, 0.5, 1), 100, 0.1, false);
        var exhausted = CapacityModel.Evaluate(new Demand(0.1, 0.6), new Capacity(0.25, 0.5, 1), 100, 0.1, false);

        Assert.Equal(90, fits.Memory, 6);
        Assert.Equal(0.1, fits.ErrorPercent, 6);
        Assert.Equal(100, exhausted.Memory);
        Assert.True(exhausted.ErrorPercent >= 15, $"{exhausted.ErrorPercent}");
    }

    [Fact]
    public void Evaluate_Restarting_SpikesErrors()
    {
        var s = CapacityModel.Evaluate(new Demand(1, 1), new Capacity(4, 16, 1), 50, 0.1, restarting: true);

        Assert.Equal(CapacityModel.RestartErrorPercent + 0.1, s.ErrorPercent, 6);
    }

    [Fact]
    public void Evaluate_MoreCapacity_NeverRaisesCpuLatencyOrErrors()
    {
        Prop.ForAll(
            Gen.Choose(1, 2000).ToArbitrary(),
            Gen.Choose(1, 64).ToArbitrary(),
            Gen.Choose(1, 10).ToArbitrary(),
            (demandTenths, vcpus, instances) =>
            {
                var load = new Demand(demandTenths / 10.0, 1);
                var small = CapacityModel.Evaluate(load, new Capacity(vcpus, 8, instances), 100, 0.1, false);
                var big = CapacityModel.Evaluate(load, new Capacity(vcpus, 8, instances + 1), 100, 0.1, false);
                return big.Cpu <= small.Cpu && big.LatencyMs <= small.LatencyMs + 1e-9 && big.ErrorPercent <= small.ErrorPercent + 1e-9;
            }).QuickCheckThrowOnFailure();
    }
}
