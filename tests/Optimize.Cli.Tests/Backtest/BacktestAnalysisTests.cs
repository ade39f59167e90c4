using Optimize.Cli.Backtest;
using Optimize.Simulator.Workloads;
using static Optimize.Cli.Tests.Backtest.AnalysisFixtures;

namespace Optimize.Cli.Tests.Backtest;

public sealed class BacktestAnalysisTests
{
    [Theory]
    [InlineData(0.005, "T_S1", 300)] // 1 of 200 intervals over S1's 2 vCPU = 0.5 % ≤ 0.5 %: S1, saves 400 − 100
    [InlineData(0.004, "T_S2", 200)] // 0.5 % > 0.4 %: S1 is out, S2 (never overloaded) saves 400 − 200
    public void Ceiling_CheapestSizeWithinTheBudget(double budget, string expected, decimal savings)
    {
        var workload = new FixedWorkload(s => new Demand(s == 150 ? 3.0 : 1.5, 2));
        var vm = Timeline("a", workload, S3, 200);

        var a = Analyze(budget, 0, 200, vm);

        var choice = Assert.Single(a.Ceiling);
        Assert.Equal(expected, choice.To);
        Assert.True(choice.WithinBudget);
        Assert.Equal(savings, a.CeilingMonthlySavings);
        Assert.Equal(0m, a.CeilingRequiredUpsizeMonthlyCost);
    }

    [Fact]
    public void Ceiling_JudgesMemoryToo_AndOnlyTheRecordingAfterTheFirstPass()
    {
        // CPU fits S1 throughout. Memory 5 GiB (> S1's 4) on steps 0–99 only, before the first pass at step 100: ignored.
        // After it, memory 6 GiB on 2 of 100 steps (2 % > 0.5 %): S1 is out on memory, S2 (8 GiB) is chosen.
        var workload = new FixedWorkload(s => new Demand(1, s < 100 ? 5 : s is 120 or 130 ? 6 : 3));
        var a = Analyze(0.005, 100, 200, Timeline("a", workload, S3, 200));

        var choice = Assert.Single(a.Ceiling);
        Assert.Equal("T_S2", choice.To);
        Assert.Equal(new OverloadCount(100, 0, 0), choice.Replay);

        var onlyCpu = Analyze(0.005, 100, 200, Timeline("a", new FixedWorkload(s => new Demand(1, s < 100 ? 5 : 3)), S3, 200));
        Assert.Equal("T_S1", Assert.Single(onlyCpu.Ceiling).To);
    }

    [Fact]
    public void Ceiling_StartOverloaded_RequiredUpsizeReportedApart_SavingsNeverNegative()
    {
        // 3 vCPU on a 2-vCPU start all the time: the ceiling must upsize to S2 (+100), saves nothing on it. The other VM saves 300.
        var hot = Timeline("hot", new FixedWorkload(_ => new Demand(3, 1)), S1, 100);
        var idle = Timeline("idle", new FixedWorkload(_ => new Demand(1, 1)), S3, 100);

        var a = Analyze(0.005, 0, 100, hot, idle);

        Assert.Equal(300m, a.CeilingMonthlySavings);
        Assert.Equal(100m, a.CeilingRequiredUpsizeMonthlyCost);
        Assert.Equal(200m, a.CeilingNetMonthlySavings);
        Assert.Equal("T_S2", a.Ceiling.Single(c => c.ResourceId.EndsWith("/hot", StringComparison.Ordinal)).To);
        Assert.Equal(0, a.CeilingResourcesOverBudget);
    }

    [Fact]
    public void Ceiling_NoSizeWithinBudget_TakesTheLeastOverloadedAndSaysSo()
    {
        var a = Analyze(0.005, 0, 100, Timeline("a", new FixedWorkload(_ => new Demand(9, 1)), S2, 100));

        var choice = Assert.Single(a.Ceiling);
        Assert.False(choice.WithinBudget);
        Assert.Equal(1, a.CeilingResourcesOverBudget);
        Assert.Equal(1.0, choice.Replay.OverloadedShare);
        // Every size is 100 % overloaded by 9 vCPU: the largest (S3) is kept, an upsize from S2 of 200, no savings.
        Assert.Equal("T_S3", choice.To);
        Assert.Equal(0m, choice.MonthlySavings);
        Assert.Equal(200m, a.CeilingRequiredUpsizeMonthlyCost);
    }

    [Fact]
    public void Overload_CountsEveryChangeWhileInEffect_RolledBackIncluded_GapsExcluded()
    {
        // S3 → S1 at step 100 (change c1), rolled back to S3 at step 150 (no change of its own). CPU 3 (> 2) on steps 100–109;
        // memory 5 GiB (> 4) on steps 120–129; no data on steps 140–149. c1 in effect: steps 100–149, 40 with data:
        // overloaded 10/40 = 25 %, memory exhausted 10/40 = 25 %. The rollback period on S3 is not a change of the run.
        var workload = new FixedWorkload(
            s => new Demand(s is >= 100 and < 110 ? 3 : 1, s is >= 120 and < 130 ? 5 : 1),
            s => s is < 140 or >= 150);
        var vm = Timeline("a", workload, S3, 200, (100, S1, "c1", 90), (150, S3, null, null));

        var a = Analyze(0.005, 0, 200, vm);

        var change = Assert.Single(a.Changes);
        Assert.Equal(new OverloadCount(40, 10, 10), change.Replay);
        Assert.False(change.Upsize);
        Assert.Equal(0.25, a.OverloadedShare, 12);
        Assert.Equal(0.25, a.MemoryExhaustedShare, 12);
        Assert.Equal(40, a.ChangedIntervals);
    }

    [Fact]
    public void Overload_PooledOverChanges_WorstPerResource()
    {
        // a: S3 → S1 at 0 (via change at step 0 in a 100-step recording), 5 of 100 overloaded. b: S3 → S2 at 0, 0 of 300.
        // Pooled 5 / 400 = 1.25 %; worst resource a at 5 %.
        var a = Timeline("a", new FixedWorkload(s => new Demand(s < 5 ? 3 : 1, 1)), S3, 100, (0, S1, "ca", 0));
        var b = Timeline("b", new FixedWorkload(_ => new Demand(1, 1)), S3, 300, (0, S2, "cb", 0));

        var r = Analyze(0.005, 0, 100, a, b);

        Assert.Equal(0.0125, r.OverloadedShare, 12);
        Assert.Equal(1, r.BelowCeilingResources); // a's 5 % is over the 0.5 % budget: its ceiling is S2 (200), the run left it on S1 (100)
        Assert.Equal(0.05, r.WorstResourceOverloadedShare, 12);
        Assert.EndsWith("/a", r.WorstResource, StringComparison.Ordinal);
    }

    [Fact]
    public void Savings_NetOfTheSizesAtTheEnd_UpsizesCostedApart()
    {
        // a: S3 → S1 (saves 300). b: S1 → S2 (costs 100). c: S3 → S1, rolled back to S3 (0). Net 200, upsizes 100.
        var flat = new FixedWorkload(_ => new Demand(1, 1));
        var a = Timeline("a", flat, S3, 100, (10, S1, "ca", 5));
        var b = Timeline("b", flat, S1, 100, (10, S2, "cb", 5));
        var c = Timeline("c", flat, S3, 100, (10, S1, "cc", 5), (20, S3, null, null));

        var r = Analyze(0.005, 0, 100, a, b, c);

        Assert.Equal(200m, r.NetMonthlySavings);
        Assert.Equal(100m, r.UpsizeMonthlyCost);
        Assert.Equal(1, r.Upsizes);
    }

    [Fact]
    public void RepeatUpsizes_CountedAndStaleWhenTheDemandSinceTheLastResizeIsBelowTheScaleUpThreshold()
    {
        // Both start on S1, upsize to S2 at step 100, then to S3 at step 200, planned at step 190. Since the last resize
        // (steps 100–189) the demand p95 is 2.0 vCPU for "stale" (≤ 85 % of S2's 4 = 3.4) and 3.8 for "justified" (> 3.4).
        var stale = Timeline("stale", new FixedWorkload(s => new Demand(s < 100 ? 3 : 2, 1)), S1, 300, (100, S2, "s1", 90), (200, S3, "s2", 190));
        var justified = Timeline("justified", new FixedWorkload(s => new Demand(s < 100 ? 3 : 3.8, 1)), S1, 300, (100, S2, "j1", 90), (200, S3, "j2", 190));

        var r = Analyze(0.005, 0, 300, stale, justified);

        Assert.Equal(4, r.Upsizes);
        Assert.Equal(2, r.RepeatUpsizes);
        Assert.Equal(1, r.StaleRepeatUpsizes);
        var s2 = r.Changes.Single(c => c.ChangeId == "s2");
        Assert.True(s2.StaleUpsize);
        Assert.Equal(2.0, s2.SinceLastResizeP95Vcpus!.Value, 12);
        Assert.Equal(3.4, s2.ScaleUpThresholdVcpus!.Value, 12);
        Assert.False(r.Changes.Single(c => c.ChangeId == "j2").StaleUpsize);
        Assert.False(r.Changes.Single(c => c.ChangeId == "s1").RepeatUpsize);
    }

    [Fact]
    public void TimeWeightedSavings_AverageOverTheRun()
    {
        // Run: steps 0–288 (one day). a: S3 ($400) → S1 ($100) at step 144 (half-way), rolled back at step 216 (three quarters):
        // 300 × ¼ = 75. b: S1 → S2 at step 0 for the whole run: −100. Average 75 − 100 = −25.
        var flat = new FixedWorkload(_ => new Demand(1, 1));
        var a = Timeline("a", flat, S3, 288, (144, S1, "ca", 140), (216, S3, null, null));
        var b = Timeline("b", flat, S1, 288, (0, S2, "cb", 0));

        Assert.Equal(75m, Analyze(0.005, 0, 288, a).TimeWeightedMonthlySavings);
        Assert.Equal(-25m, Analyze(0.005, 0, 288, a, b).TimeWeightedMonthlySavings);
    }

    [Fact]
    public void Headline_CapturedShareOfTheNetCeiling()
    {
        // Ceiling: S1 fits (saves 300). The run went S3 → S2 (saves 200): captured 66.7 %. 0 of 100 intervals overloaded.
        var vm = Timeline("a", new FixedWorkload(_ => new Demand(1, 1)), S3, 100, (0, S2, "c", 0));

        var r = Analyze(0.005, 0, 100, vm);

        Assert.Equal(0.666667m, r.CapturedShareOfCeiling);
        Assert.Equal("captured 66.7 % of the achievable savings at 0.00 % overloaded time (ceiling 300.00 USD/month)", r.Headline("USD"));
    }

    [Fact]
    public void Invariant_CeilingSavesAtLeastAnySizeWithinBudget()
    {
        // Property over 200 seeded random fleets (FsCheck is not referenced by this project): for every resource, no compatible
        // size whose overload (CPU and memory) on the rest of the recording is within the budget saves more than the ceiling.
        for (var seed = 1; seed <= 200; seed++)
        {
            var random = new Random(seed);
            var cpu = Enumerable.Range(0, 120).Select(_ => random.NextDouble() * 9).ToArray();
            var mem = Enumerable.Range(0, 120).Select(_ => random.NextDouble() * 17).ToArray();
            var budget = random.Next(0, 40) / 100.0;
            var start = new[] { S1, S2, S3 }[random.Next(3)];
            var firstPass = random.Next(0, 60);
            var vm = Timeline("r", new FixedWorkload(s => new Demand(cpu[s], mem[s])), start, 120);

            var choice = Assert.Single(Analyze(budget, firstPass, 120, vm).Ceiling);

            foreach (var size in new[] { S1, S2, S3 })
            {
                var count = IntervalCounter.Count(vm.Workload, size, firstPass, 120);
                if (count.OverloadedShare <= budget && count.MemoryExhaustedShare <= budget)
                {
                    Assert.True(choice.MonthlySavings >= Math.Max(0, PriceOf(start) - PriceOf(size)), $"seed {seed}: {size.Name} within budget saves more than {choice.To}");
                    Assert.True(choice.WithinBudget, $"seed {seed}");
                }
            }
        }
    }
}
