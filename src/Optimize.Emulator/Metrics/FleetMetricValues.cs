using Optimize.Catalog;
using Optimize.Model;
using Optimize.Simulator.Capacity;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Workloads;

namespace Optimize.Emulator.Metrics;

/// <summary>What one 5-minute step of a resource holds: the simulator's sample, the demand and the configuration in effect.</summary>
/// <param name="Sample">The simulator's metrics of the step (relative to the configuration in effect in it).</param>
/// <param name="Demand">The workload's demand in the step.</param>
/// <param name="Config">The configuration in effect at the step's start (of the autoscale setting's target for a setting).</param>
/// <param name="Spec">The spec of that configuration's size, or null when nobody knows it.</param>
internal readonly record struct StepFacts(MetricSample Sample, Demand Demand, ResourceConfig Config, SkuSpec? Spec);

/// <summary>How one Azure metric is derived from a step; <see cref="Additive"/> metrics are amounts per step (split evenly over its minutes).</summary>
/// <param name="Value">The step's value (NaN when it cannot be known, for example an unknown size's memory).</param>
/// <param name="Additive">True for counts per step (Requests, Http5xx); false for levels (percentages, bytes, seconds, instances).</param>
internal sealed record MetricFormula(Func<StepFacts, double> Value, bool Additive = false);

/// <summary>
/// The Azure metrics the emulator computes from the fleet, per resource type, and their aggregation onto a query grid.
/// Raw data is one value per minute (Azure's PT1M grain in the tables), each minute of a 5-minute step carrying the step's
/// value (an additive metric carries a fifth of it), so average/minimum/maximum over whole steps equal the simulator's, and
/// count is the number of observed minutes. Steps not complete at the world's now and the sampler's gaps have no minutes.
/// A metric of the type's table that is not listed here is served without data.
/// </summary>
internal static class FleetMetricValues
{
    /// <summary>Requests one vCPU of demand serves per second: our model (the fleet models CPU, not requests; no contract gives a
    /// ratio, and only the error share Http5xx/Requests and the latency reach the engine, which do not depend on it).</summary>
    public const double RequestsPerVcpuSecond = 20;

    private const double GiB = 1024.0 * 1024 * 1024;
    private const double MiB = 1024.0 * 1024;
    private static readonly int MinutesPerStep = (int)WorkloadModel.Step.TotalMinutes;

    private static readonly Dictionary<ResourceKind, Dictionary<string, MetricFormula>> Formulas = new()
    {
        [ResourceKind.VirtualMachine] = Of(
            ("Percentage CPU", new(f => f.Sample.Cpu)),
            ("Available Memory Percentage", new(f => 100 - f.Sample.Memory)),
            ("Available Memory Bytes", new(f => AvailableBytes(f)))),
        [ResourceKind.ScaleSet] = Of(
            ("Percentage CPU", new(f => f.Sample.Cpu)),
            ("Available Memory Bytes", new(f => AvailableBytes(f)))),
        [ResourceKind.AppServicePlan] = Of(
            ("CpuPercentage", new(f => f.Sample.Cpu)),
            ("MemoryPercentage", new(f => f.Sample.Memory))),
        [ResourceKind.FunctionApp] = Of(
            ("CpuPercentage", new(f => f.Sample.Cpu)),
            ("InstanceCount", new(f => f.Sample.Instances)),
            ("AverageMemoryWorkingSet", new(f => WorkingSetBytes(f))),
            ("MemoryWorkingSet", new(f => WorkingSetBytes(f))),
            ("HttpResponseTime", new(f => f.Sample.LatencyMs / 1000)),
            ("Requests", new(f => Requests(f), Additive: true)),
            ("Http5xx", new(f => Requests(f) * f.Sample.ErrorPercent / 100, Additive: true))),
        [ResourceKind.AutoscaleSetting] = Of(
            ("ObservedCapacity", new(f => f.Sample.Instances)),
            ("ObservedMetricValue", new(f => f.Sample.Cpu))),
    };

    /// <summary>The formula of <paramref name="metric"/> for <paramref name="kind"/>, or null when the emulator does not model it.</summary>
    public static MetricFormula? Formula(ResourceKind kind, string metric) =>
        Formulas[kind].TryGetValue(metric, out var formula) ? formula : null;

    /// <summary>The metrics modelled for <paramref name="kind"/>.</summary>
    public static IEnumerable<string> Modelled(ResourceKind kind) => Formulas[kind].Keys;

    /// <summary>
    /// Aggregates <paramref name="metrics"/> of <paramref name="resource"/> onto <paramref name="grid"/>, observing only
    /// steps complete at <paramref name="now"/>. One <see cref="Bins"/> per metric, in order; unmodelled metrics get empty bins.
    /// </summary>
    public static Bins[] Aggregate(SimulatedFleet fleet, SimulatedResource resource, IReadOnlyList<string> metrics, MetricGrid grid, DateTimeOffset now) =>
        Aggregate(fleet, resource, [.. metrics.Select(m => Formula(resource.Resource.Kind, m))], grid, now);

    /// <summary>
    /// Aggregates <paramref name="metrics"/> of one of the <paramref name="count"/> sites hosted on <paramref name="plan"/>
    /// (<see cref="SimulatedFleet.HostedSites"/>), from the plan's steps: each site serves 1/count of the plan's requests with the
    /// plan's response time and error rate. Only the sites-table metrics the fleet models for a web app are served
    /// (azure-contract metrics/microsoft-web-sites-metrics.md: HttpResponseTime in seconds, Requests and Http5xx as counts); so over
    /// the sites, 100·ΣHttp5xx/ΣRequests is the plan's error % and the request-weighted response time is the plan's latency.
    /// </summary>
    public static Bins[] AggregateHostedSite(SimulatedFleet fleet, SimulatedResource plan, int count, IReadOnlyList<string> metrics, MetricGrid grid, DateTimeOffset now) =>
        Aggregate(fleet, plan, [.. metrics.Select(m => HostedSiteFormula(m, count))], grid, now);

    private static MetricFormula? HostedSiteFormula(string metric, int count) => metric.ToUpperInvariant() switch
    {
        "HTTPRESPONSETIME" => new(f => f.Sample.LatencyMs / 1000),
        "REQUESTS" => new(f => Requests(f) / count, Additive: true),
        "HTTP5XX" => new(f => Requests(f) / count * f.Sample.ErrorPercent / 100, Additive: true),
        _ => null,
    };

    private static Bins[] Aggregate(SimulatedFleet fleet, SimulatedResource resource, MetricFormula?[] formulas, MetricGrid grid, DateTimeOffset now)
    {
        var bins = formulas.Select(_ => new Bins(grid.Points)).ToArray();
        if (grid.Points == 0 || formulas.All(f => f is null))
        {
            return bins;
        }

        var sampler = new ResourceSampler(fleet, resource);
        var subject = resource.TargetIndex is int target ? fleet[target] : resource;
        var workload = subject.Workload!;
        ResourceConfig? lastConfig = null;
        SkuSpec? spec = null;
        var first = WorkloadModel.StepOf(grid.Origin);
        var last = Math.Min(WorkloadModel.StepOf(grid.End - TimeSpan.FromTicks(1)), WorkloadModel.StepOf(now) - 1);
        for (var step = first; step <= last; step++)
        {
            if (sampler.IsGap(step))
            {
                continue;
            }

            var stepStart = WorkloadModel.StartOf(step);
            var config = fleet.ConfigAt(subject, stepStart);
            if (!Equals(config, lastConfig))
            {
                spec = fleet.SpecOf(subject, config);
                lastConfig = config;
            }

            var facts = new StepFacts(sampler.Sample(step), workload.DemandAt(step), config, spec);
            for (var m = 0; m < formulas.Length; m++)
            {
                if (formulas[m] is not { } formula)
                {
                    continue;
                }

                var value = formula.Value(facts);
                if (double.IsNaN(value))
                {
                    continue;
                }

                var perMinute = formula.Additive ? value / MinutesPerStep : value;
                for (var minute = 0; minute < MinutesPerStep; minute++)
                {
                    var at = stepStart + TimeSpan.FromMinutes(minute);
                    if (grid.IndexOf(at) is int k)
                    {
                        bins[m].Add(k, perMinute);
                    }
                }
            }
        }

        return bins;
    }

    private static Dictionary<string, MetricFormula> Of(params (string Name, MetricFormula Formula)[] formulas) =>
        formulas.ToDictionary(f => f.Name, f => f.Formula, StringComparer.OrdinalIgnoreCase);

    /// <summary>Free memory of one instance: (100 − memory %) of the memory of the size in effect.</summary>
    private static double AvailableBytes(StepFacts facts) =>
        facts.Spec is { MemoryGb: > 0 } spec ? (100 - facts.Sample.Memory) / 100 * spec.MemoryGb * GiB : double.NaN;

    /// <summary>Working set of one instance: memory % of the instance memory in effect (MB).</summary>
    private static double WorkingSetBytes(StepFacts facts) =>
        facts.Config is FunctionAppConfig fn ? facts.Sample.Memory / 100 * fn.InstanceMemoryMb * MiB : double.NaN;

    private static double Requests(StepFacts facts) =>
        Math.Max(0, facts.Demand.CpuVcpus) * RequestsPerVcpuSecond * WorkloadModel.Step.TotalSeconds;
}

/// <summary>The points of a query: <see cref="Points"/> intervals from <see cref="Origin"/>, data taken from [Origin, End).</summary>
/// <param name="Origin">The first point's timestamp.</param>
/// <param name="Interval">Width of a point (the whole timespan for FULL).</param>
/// <param name="Points">Number of points.</param>
/// <param name="End">End of the requested timespan (data at or after it is not read).</param>
internal sealed record MetricGrid(DateTimeOffset Origin, TimeSpan Interval, int Points, DateTimeOffset End)
{
    /// <summary>The index of the point holding <paramref name="at"/>, or null outside the grid.</summary>
    public int? IndexOf(DateTimeOffset at)
    {
        if (at < Origin || at >= End)
        {
            return null;
        }

        var k = (int)((at - Origin).Ticks / Interval.Ticks);
        return k < Points ? k : null;
    }

    /// <summary>The timestamp of point <paramref name="k"/>.</summary>
    public DateTimeOffset At(int k) => Origin + (Interval * k);
}

/// <summary>Per-point running aggregates of one metric.</summary>
internal sealed class Bins(int points)
{
    /// <summary>Sum of the minute values.</summary>
    public double[] Total { get; } = new double[points];

    /// <summary>Least minute value.</summary>
    public double[] Minimum { get; } = Enumerable.Repeat(double.PositiveInfinity, points).ToArray();

    /// <summary>Greatest minute value.</summary>
    public double[] Maximum { get; } = Enumerable.Repeat(double.NegativeInfinity, points).ToArray();

    /// <summary>Observed minutes.</summary>
    public int[] Count { get; } = new int[points];

    /// <summary>Adds one minute's value to point <paramref name="k"/>.</summary>
    public void Add(int k, double value)
    {
        Total[k] += value;
        Minimum[k] = Math.Min(Minimum[k], value);
        Maximum[k] = Math.Max(Maximum[k], value);
        Count[k]++;
    }

    /// <summary>The value of <paramref name="aggregation"/> (AggregationType, case-insensitive) at <paramref name="k"/>; null when the point has no data.</summary>
    public double? Value(string aggregation, int k) => Count[k] == 0 ? null : aggregation.ToUpperInvariant() switch
    {
        "AVERAGE" => Total[k] / Count[k],
        "MINIMUM" => Minimum[k],
        "MAXIMUM" => Maximum[k],
        "TOTAL" => Total[k],
        "COUNT" => Count[k],
        _ => null,
    };
}
