using Optimize.Catalog;
using Optimize.Model;
using Optimize.Simulator.Workloads;

namespace Optimize.Simulator.Fleet;

/// <summary>Per-kind sizes and workloads.</summary>
internal sealed partial class FleetLayout
{
    private static readonly SkuSpec UnknownSpec = new(UnknownVmSize, ResourceKind.VirtualMachine, "Xv9", 8, 32, "X");

    private SimulatedResource BuildVm(int index, ResourceRef resource, FleetScenario scenario)
    {
        var spec = scenario == FleetScenario.UnknownSku ? UnknownSpec : PickSize(index, ResourceKind.VirtualMachine, resource.Location, scenario);
        WorkloadModel workload = _trace is not null && scenario == FleetScenario.OverProvisioned && Unit(index, 40) < 0.5 && _trace.QuietColumns.Count > 0
            ? new TraceWorkload(_trace, _trace.QuietColumns[(int)(DeterministicRandom.Hash(_seed, index, 41) % (ulong)_trace.QuietColumns.Count)], spec.VCpus, 0.25 * spec.MemoryGb, 0.2)
            : Synthetic(index, scenario, spec.VCpus, spec.MemoryGb);
        return new SimulatedResource(index, resource, new VmConfig(spec.Name), scenario, workload, null, null,
            Between(index, 30, 15, 50), Between(index, 31, 0.02, 0.2), scenario == FleetScenario.UnknownSku ? UnknownSpec : null);
    }

    private SimulatedResource BuildScaleSet(int index, ResourceRef resource, FleetScenario scenario, int? governor)
    {
        var spec = PickSize(index, ResourceKind.ScaleSet, resource.Location, scenario);
        var capacity = governor is int g ? AutoscaleFor(g).Default : scenario switch
        {
            FleetScenario.OverProvisioned or FleetScenario.RegressesAfterDownsize => 4 + (int)(Unit(index, 6) * 3),
            FleetScenario.UnderProvisioned => 2,
            _ => 3,
        };
        var workload = governor is null
            ? Synthetic(index, scenario, spec.VCpus * capacity, spec.MemoryGb)
            : Governed(index, spec.VCpus, spec.MemoryGb, governor.Value);
        return new SimulatedResource(index, resource, new ScaleSetConfig(spec.Name, capacity), scenario, workload, null, governor,
            Between(index, 30, 25, 80), Between(index, 31, 0.05, 0.3), null);
    }

    private SimulatedResource BuildPlan(int index, ResourceRef resource, FleetScenario scenario, int? governor)
    {
        var spec = PickSize(index, ResourceKind.AppServicePlan, resource.Location, scenario);
        var workers = governor is int g ? AutoscaleFor(g).Default : scenario switch
        {
            FleetScenario.OverProvisioned => 2 + (int)(Unit(index, 6) * 3),
            FleetScenario.UnderProvisioned => 1,
            _ => 2,
        };
        if (spec.MaxWorkers > 0)
        {
            workers = Math.Min(workers, spec.MaxWorkers);
        }

        var capacity = spec.VCpus * workers;
        WorkloadModel workload = governor is int gov ? Governed(index, spec.VCpus, spec.MemoryGb, gov)
            : scenario == FleetScenario.RegressesAfterDownsize ? new SyntheticWorkload
            {
                // Mean 9 % of capacity (p95 about 15–20 % at 5-minute or hourly grain), plus a 5-minute burst to 62 % of
                // capacity every 2 hours (4.2 % of the points, so invisible to p95) and a Monday 09:00–12:00 peak of ×1.4.
                Seed = DeterministicRandom.Hash(_seed, index, 50),
                BaseCpu = 0.09 * capacity,
                DailyAmplitude = 0.3,
                Noise = 0.05,
                WeeklyPeakHours = 3,
                WeeklyPeakFactor = 1.4,
                BurstEveryMinutes = 120,
                BurstMinutes = 5,
                BurstPhaseMinutes = 5 * (int)(DeterministicRandom.Hash(_seed, index, 51) % 24),
                BurstCpu = 0.75 * capacity,
                BaseMemoryGb = 0.3 * spec.MemoryGb,
                TrendOrigin = _options.TrendOrigin,
            }
            : Synthetic(index, scenario, capacity, spec.MemoryGb);
        return new SimulatedResource(index, resource, new AppServicePlanConfig(spec.Name, workers), scenario, workload, null, governor,
            Between(index, 30, 60, 180), Between(index, 31, 0.05, 0.3), null);
    }

    private SimulatedResource BuildFunction(int index, ResourceRef resource, FleetScenario scenario)
    {
        var sizes = Families(ResourceKind.FunctionApp, resource.Location).SelectMany(f => f).OrderBy(s => s.MemoryGb).ToArray();
        var spec = scenario switch
        {
            FleetScenario.UnderProvisioned => sizes[0],
            FleetScenario.RightSized => sizes[sizes.Length / 2],
            _ => sizes[^1],
        };
        var memoryFraction = scenario switch
        {
            FleetScenario.RegressesAfterDownsize => 0.12,
            FleetScenario.UnderProvisioned => Between(index, 8, 0.78, 0.84),
            FleetScenario.RightSized => Between(index, 8, 0.5, 0.62),
            _ => Between(index, 8, 0.08, 0.18),
        };
        var maxInstances = scenario switch
        {
            FleetScenario.OverProvisioned or FleetScenario.BadData => 100 + (50 * (int)(Unit(index, 9) * 4)),
            _ => 40 + (20 * (int)(Unit(index, 9) * 3)),
        };
        var regresses = scenario == FleetScenario.RegressesAfterDownsize;
        var baseCpu = (regresses ? 0.2 : Between(index, 10, 0.5, 3)) * spec.VCpus;
        var amplitude = regresses ? 0.3 : Between(index, 11, 0.3, 0.6);
        var workload = new SyntheticWorkload
        {
            Seed = DeterministicRandom.Hash(_seed, index, 50),
            BaseCpu = baseCpu,
            DailyAmplitude = amplitude,
            PeakHourUtc = Between(index, 12, 10, 17),
            Noise = Between(index, 13, 0.05, 0.1),
            BaseMemoryGb = memoryFraction * spec.MemoryGb,
            // Under-provisioned: the working set grows with load, by 20 % of the instance memory at the daily peak, so
            // noisy peaks exhaust memory (restarts, errors).
            MemoryPerCpuGb = scenario == FleetScenario.UnderProvisioned ? 0.2 * spec.MemoryGb / (baseCpu * (1 + amplitude)) : 0,
            TrendOrigin = _options.TrendOrigin,

            // Regresses after a downsize: a 15-minute job every 2 hours loads half the instance memory. Hourly history averages
            // it to an eighth (p99 of hourly means about 20 %), so halving the memory looks safe; after it the job exhausts
            // memory in the guard's 5-minute points (memory max 100 %, restarts, errors).
            BurstEveryMinutes = regresses ? 120 : 0,
            BurstMinutes = 15,
            BurstPhaseMinutes = 5 * (int)(DeterministicRandom.Hash(_seed, index, 51) % 24),
            BurstMemoryGb = regresses ? 0.5 * spec.MemoryGb : 0,
        };
        return new SimulatedResource(index, resource, new FunctionAppConfig(MemoryMb(spec), maxInstances), scenario, workload, null, null,
            Between(index, 30, 80, 250), Between(index, 31, 0.05, 0.3), null);
    }

    private SimulatedResource BuildAutoscale(int index, ResourceRef resource, FleetScenario scenario, int target) =>
        new(index, resource, AutoscaleFor(index) with { TargetResourceId = Build(target).Resource.Id }, scenario, null, target, null, 0, 0, null);

    /// <summary>The autoscale configuration at <paramref name="index"/> (target id left empty).</summary>
    private AutoscaleConfig AutoscaleFor(int index) => ScenarioAt(index, ResourceKind.AutoscaleSetting, false) switch
    {
        FleetScenario.FlappingAutoscale => new AutoscaleConfig("", 2, 10, 3, 60, 50),
        FleetScenario.OverProvisioned or FleetScenario.RegressesAfterDownsize => new AutoscaleConfig("", 5, 10, 5, 70, 30),
        _ => new AutoscaleConfig("", 1, 10, 2, 75, 25),
    };

    /// <summary>
    /// A target of the autoscale setting at <paramref name="governor"/>: mean demand 1.4 instances, so thresholds 60/50 flap
    /// between 2 and 3. When the setting regresses after a downsize: mean demand 1 instance, plus a 20-minute job at the top of
    /// every third hour adding 4 instances' worth. The minimum of 5 carries it and is back at 5 within the hour (the hourly p50
    /// stays at the minimum, so the advisor lowers it); after a lower minimum the rule's 10-minute window and 5-minute cooldown
    /// leave most of the job's points at 100 % cpu.
    /// </summary>
    private SyntheticWorkload Governed(int index, double vcpusPerInstance, double memoryGb, int governor) => Governed(
        index, vcpusPerInstance, memoryGb, ScenarioAt(governor, ResourceKind.AutoscaleSetting, false) == FleetScenario.RegressesAfterDownsize);

    private SyntheticWorkload Governed(int index, double vcpusPerInstance, double memoryGb, bool regresses) => new()
    {
        BurstEveryMinutes = regresses ? 180 : 0,
        BurstMinutes = 20,
        BurstCpu = 4 * vcpusPerInstance,
        Seed = DeterministicRandom.Hash(_seed, index, 50),
        BaseCpu = (regresses ? 1.0 : 1.4) * vcpusPerInstance,
        DailyAmplitude = 0.3,
        PeakHourUtc = Between(index, 12, 10, 17),
        WeekendFactor = 0.85,
        Noise = 0.08,
        BaseMemoryGb = 0.4 * memoryGb,
        TrendOrigin = _options.TrendOrigin,
    };

    private SyntheticWorkload Synthetic(int index, FleetScenario scenario, double capacityVcpus, double memoryGb)
    {
        if (scenario == FleetScenario.RegressesAfterDownsize)
        {
            // A VM or scale set at a mean 10 % of its vCPUs, plus a 15-minute job every 2 hours adding 60 % of them. Hourly
            // history averages the job to 15 % (p95 of hourly means about 25–30 %), so a halving looks safe; after it the job
            // needs 120 % of the vCPUs, and 12.5 % of the guard's 5-minute points sit at 100 % (cpu p95 > 90).
            return new SyntheticWorkload
            {
                Seed = DeterministicRandom.Hash(_seed, index, 50),
                BaseCpu = 0.1 * capacityVcpus,
                DailyAmplitude = 0.2,
                Noise = 0.05,
                BurstEveryMinutes = 120,
                BurstMinutes = 15,
                BurstPhaseMinutes = 5 * (int)(DeterministicRandom.Hash(_seed, index, 51) % 24),
                BurstCpu = 0.6 * capacityVcpus,
                BaseMemoryGb = 0.25 * memoryGb,
                TrendOrigin = _options.TrendOrigin,
            };
        }

        var (cpuLow, cpuHigh, memory) = scenario switch
        {
            FleetScenario.RightSized => (0.45, 0.6, 0.5),
            FleetScenario.UnderProvisioned => (0.88, 0.97, 0.65),
            _ => (0.08, 0.25, 0.25),
        };
        var amplitude = Between(index, 11, 0.2, 0.5);
        var noise = Between(index, 13, 0.05, 0.1);
        var p95 = Between(index, 14, cpuLow, cpuHigh);
        var weeklyPeak = Unit(index, 15) < 0.25;
        return new SyntheticWorkload
        {
            Seed = DeterministicRandom.Hash(_seed, index, 50),
            // The daily peak sets the p95 of hourly means (hourly averaging removes most of the 5-minute noise).
            BaseCpu = p95 * capacityVcpus / ((1 + amplitude) * (1 + (0.5 * noise))),
            DailyAmplitude = amplitude,
            PeakHourUtc = Between(index, 12, 10, 17),
            WeekendFactor = Between(index, 16, 0.6, 0.95),
            WeeklyPeakHours = weeklyPeak ? 3 : 0,
            WeeklyPeakFactor = 1.2,
            Noise = noise,
            TrendPerWeek = scenario == FleetScenario.OverProvisioned ? Between(index, 17, -0.005, 0.005) : 0,
            TrendOrigin = _options.TrendOrigin,
            BaseMemoryGb = Between(index, 18, 0.8, 1.2) * memory * memoryGb,
        };
    }

    private SkuSpec PickSize(int index, ResourceKind kind, string region, FleetScenario scenario)
    {
        var families = Families(kind, region);
        var family = families[(int)(DeterministicRandom.Hash(_seed, index, 20) % (ulong)families.Length)];
        var pick = DeterministicRandom.Hash(_seed, index, 21);
        var at = family.Length == 1 ? 0 : scenario switch
        {
            FleetScenario.RightSized => (int)(pick % (ulong)family.Length),
            FleetScenario.UnderProvisioned => (int)(pick % (ulong)(family.Length - 1)),
            _ => 1 + (int)(pick % (ulong)(family.Length - 1)),
        };
        return family[at];
    }

    private SkuSpec[][] Families(ResourceKind kind, string region) => _families.GetOrAdd((kind, region), key =>
    {
        var catalogKind = key.Item1 == ResourceKind.ScaleSet ? ResourceKind.VirtualMachine : key.Item1;
        var candidates = _catalog.Candidates(catalogKind, key.Item2);
        foreach (var other in _options.Regions)
        {
            candidates = candidates.Count > 0 ? candidates : _catalog.Candidates(catalogKind, other);
        }

        var usable = candidates.Select(SimulatedFleet.Usable).Where(s => catalogKind != ResourceKind.VirtualMachine || s.VCpus is >= 2 and <= 16)
            .Where(s => s.VCpus > 0 && s.MemoryGb > 0).ToArray();
        if (usable.Length == 0)
        {
            throw new InvalidOperationException($"The SKU catalog offers no {catalogKind} sizes in {key.Item2} or any of {string.Join(", ", _options.Regions)}; the simulator cannot size its {key.Item1} resources.");
        }

        var groups = usable.GroupBy(s => s.Family, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderBy(s => s.VCpus).ThenBy(s => s.MemoryGb).ToArray())
            .OrderBy(g => g[0].Family, StringComparer.Ordinal).ToArray();
        var multi = groups.Where(g => g.Length >= 2).ToArray();
        return multi.Length > 0 ? multi : groups;
    });

    /// <summary>Instance memory of a Flex Consumption size: from its <c>FC-2048</c> name, else from its memory.</summary>
    internal static int MemoryMb(SkuSpec spec)
    {
        var dash = spec.Name.LastIndexOf('-');
        return dash >= 0 && int.TryParse(spec.Name.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var mb)
            ? mb
            : (int)Math.Round(spec.MemoryGb * 1024);
    }
}
