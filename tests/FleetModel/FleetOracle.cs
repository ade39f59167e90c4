using Optimize.Metrics;
using Optimize.Model;
using Optimize.Ports;
using Optimize.Simulator.Capacity;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Workloads;

namespace Optimize.Tests.FleetModel;

/// <summary>
/// What the fleet model says, independently of the emulator's REST surface and the adapters: the engine-level series of a
/// query worked from the 5-minute samples (<see cref="ResourceSampler"/>), and the fleet's listing. The oracle the emulator's
/// metrics loop tests compare the production reader with, and the simulator tests' view of the model. Linked into both.
/// </summary>
internal static class FleetOracle
{
    private static readonly HashSet<string> AutoscaleMetrics = [MetricNames.Cpu, MetricNames.Instances];

    /// <summary>
    /// The series of <paramref name="query"/> on the query's grid: the time-weighted mean of the overlapping 5-minute steps,
    /// NaN where every overlapping step is a gap or (when <paramref name="now"/> is given) not complete at it. Resources not in the fleet or without
    /// an observed point are omitted, as are the metrics an autoscale setting does not have (it reports <c>cpu</c> and <c>instances</c>).
    /// </summary>
    public static List<MetricSeries> Series(SimulatedFleet fleet, MetricQuery query, DateTimeOffset? now = null)
    {
        var result = new List<MetricSeries>();
        var points = query.ExpectedPoints;
        foreach (var resourceRef in query.Resources)
        {
            if (fleet.Find(resourceRef.Id) is not { } resource || points == 0)
            {
                continue;
            }

            var sampler = new ResourceSampler(fleet, resource);
            var metrics = query.Metrics.Distinct()
                .Where(m => resource.Resource.Kind != ResourceKind.AutoscaleSetting || AutoscaleMetrics.Contains(m)).ToArray();
            var sums = metrics.Select(_ => new double[points]).ToArray();
            var weights = new double[points];
            var start = query.Range.Start;
            var last = WorkloadModel.StepOf(start + (query.Interval * points) - TimeSpan.FromTicks(1));
            last = now is { } observed ? Math.Min(last, WorkloadModel.StepOf(observed) - 1) : last;
            for (var step = WorkloadModel.StepOf(start); step <= last; step++)
            {
                if (sampler.IsGap(step))
                {
                    continue;
                }

                var sample = sampler.Sample(step);
                var (stepStart, stepEnd) = (WorkloadModel.StartOf(step), WorkloadModel.StartOf(step) + WorkloadModel.Step);
                for (var k = 0; k < points; k++)
                {
                    var pointStart = start + (query.Interval * k);
                    var overlap = (Min(stepEnd, pointStart + query.Interval) - Max(stepStart, pointStart)).TotalSeconds;
                    if (overlap > 0)
                    {
                        weights[k] += overlap;
                        for (var m = 0; m < metrics.Length; m++)
                        {
                            sums[m][k] += overlap * sample.Get(metrics[m]);
                        }
                    }
                }
            }

            if (weights.All(w => w == 0))
            {
                continue;
            }

            for (var m = 0; m < metrics.Length; m++)
            {
                var values = sums[m].Select((sum, k) => weights[k] > 0 ? sum / weights[k] : double.NaN).ToArray();
                result.Add(new MetricSeries(resource.Resource.Id, metrics[m], start, query.Interval, values));
            }
        }

        return result;
    }

    /// <summary>Every resource of the fleet (of <paramref name="kind"/> when given) with its configuration at <paramref name="now"/>;
    /// a plan with the sites hosted on it (<see cref="SimulatedFleet.HostedSites"/>).</summary>
    public static List<InventoryItem> Listing(SimulatedFleet fleet, DateTimeOffset now, ResourceKind? kind = null) =>
        fleet.Resources
            .Where(r => kind is null || r.Resource.Kind == kind)
            .Select(r => new InventoryItem(
                r.Resource.Kind == ResourceKind.AppServicePlan ? r.Resource with { HostedSites = fleet.HostedSites(r) } : r.Resource,
                fleet.ConfigAt(r, now)))
            .ToList();

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
