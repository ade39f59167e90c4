using System.Runtime.CompilerServices;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Ports;
using Optimize.Simulator.Capacity;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Workloads;

namespace Optimize.Benchmarks.InMemory;

/// <summary>
/// A pure-engine, in-memory <see cref="IMetricsReader"/> over a simulated fleet, for benchmarks of the engine alone (no HTTP,
/// no adapters; the product path reads metrics through the Azure adapters, on the emulator in the demo and tests). Moved here
/// from the simulator's former port-level reader, without its fault injection. Series are computed on the fly from the 5-minute model and
/// aggregated onto the query's grid (time-weighted mean of the overlapping steps; NaN where every overlapping step is a gap).
/// One buffer per requested metric is reused from resource to resource. Resources not in the fleet are omitted, as are
/// metrics an autoscale setting does not have (it reports only <c>cpu</c> and <c>instances</c> of its target).
/// </summary>
internal sealed class InMemoryFleetMetrics : IMetricsReader
{
    private static readonly HashSet<string> AutoscaleMetrics = [MetricNames.Cpu, MetricNames.Instances];

    private readonly SimulatedFleet _fleet;
    private readonly TimeProvider? _time;

    /// <summary>Reads metrics of <paramref name="fleet"/>.</summary>
    /// <param name="fleet">The simulated world.</param>
    /// <param name="time">When given, a 5-minute step not yet complete at its now has not been observed: it reads as a gap (NaN), as
    /// in Azure Monitor. When null, metrics exist for any time.</param>
    public InMemoryFleetMetrics(SimulatedFleet fleet, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        _fleet = fleet;
        _time = time;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The interval is shorter than one minute.</exception>
    /// <exception cref="ArgumentException">A metric name is not one of <see cref="MetricNames.All"/>.</exception>
    public IAsyncEnumerable<MetricSeries> ReadAsync(MetricQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Interval, TimeSpan.FromMinutes(1), nameof(query));
        var unknown = query.Metrics.Where(m => !MetricNames.All.Contains(m)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"Unknown metric(s) {string.Join(", ", unknown)}; expected {string.Join(", ", MetricNames.All)}.", nameof(query));
        }

        return Read(query, cancellationToken);
    }

    private async IAsyncEnumerable<MetricSeries> Read(MetricQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        var points = query.ExpectedPoints;
        var metrics = query.Metrics.Distinct().ToArray();
        var buffers = metrics.Select(_ => new double[points]).ToArray();
        var weights = new double[points];
        foreach (var resourceRef in query.Resources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var resource = _fleet.Find(resourceRef.Id);
            if (resource is null || points == 0)
            {
                continue;
            }

            var observed = Fill(resource, query, metrics, buffers, weights);
            if (observed == 0)
            {
                continue;
            }

            for (var m = 0; m < metrics.Length; m++)
            {
                if (resource.Resource.Kind != ResourceKind.AutoscaleSetting || AutoscaleMetrics.Contains(metrics[m]))
                {
                    yield return new MetricSeries(resource.Resource.Id, metrics[m], query.Range.Start, query.Interval, buffers[m]);
                }
            }
        }
    }

    /// <summary>Fills the buffers with the grid values of one resource; returns the number of observed points.</summary>
    private int Fill(SimulatedResource resource, MetricQuery query, string[] metrics, double[][] buffers, double[] weights)
    {
        var sampler = new ResourceSampler(_fleet, resource);
        var start = query.Range.Start;
        var interval = query.Interval;
        Array.Clear(weights);
        foreach (var buffer in buffers)
        {
            Array.Clear(buffer);
        }

        var last = WorkloadModel.StepOf(start + (interval * weights.Length) - TimeSpan.FromTicks(1));
        if (_time is not null)
        {
            last = Math.Min(last, WorkloadModel.StepOf(_time.GetUtcNow()) - 1);
        }

        for (var step = WorkloadModel.StepOf(start); step <= last; step++)
        {
            if (sampler.IsGap(step))
            {
                continue;
            }

            var sample = sampler.Sample(step);
            var stepStart = WorkloadModel.StartOf(step);
            var stepEnd = stepStart + WorkloadModel.Step;
            var k = Math.Max(0, (int)((stepStart - start) / interval));
            for (; k < weights.Length; k++)
            {
                var pointStart = start + (interval * k);
                var pointEnd = pointStart + interval;
                if (pointStart >= stepEnd)
                {
                    break;
                }

                var overlap = ((stepEnd < pointEnd ? stepEnd : pointEnd) - (stepStart > pointStart ? stepStart : pointStart)).TotalSeconds;
                if (overlap <= 0)
                {
                    continue;
                }

                weights[k] += overlap;
                for (var m = 0; m < metrics.Length; m++)
                {
                    buffers[m][k] += overlap * sample.Get(metrics[m]);
                }
            }
        }

        var observed = 0;
        for (var k = 0; k < weights.Length; k++)
        {
            observed += weights[k] > 0 ? 1 : 0;
            for (var m = 0; m < metrics.Length; m++)
            {
                buffers[m][k] = weights[k] > 0 ? buffers[m][k] / weights[k] : double.NaN;
            }
        }

        return observed;
    }
}
