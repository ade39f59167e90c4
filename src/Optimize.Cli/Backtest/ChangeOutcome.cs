namespace Optimize.Cli.Backtest;

/// <summary>
/// How one configuration change of the run fared while it was in effect (to the resource's next write, a rollback included, or
/// the recording's end): its interval demand replayed on the size it wrote.
/// </summary>
/// <param name="ChangeId">The run's change.</param>
/// <param name="ResourceId">The resource.</param>
/// <param name="From">Size before.</param>
/// <param name="To">Size written.</param>
/// <param name="EffectiveAt">When the size took effect.</param>
/// <param name="Upsize">True when <paramref name="To"/> has more vCPUs (or, at equal vCPUs, more memory) than <paramref name="From"/>.</param>
/// <param name="Replay">Overload while in effect.</param>
/// <param name="RepeatUpsize">An upsize of a resource the run had already upsized.</param>
/// <param name="StaleUpsize">A repeat upsize the demand since the resource's last resize did not justify (see <see cref="SinceLastResizeP95Vcpus"/>).</param>
/// <param name="SinceLastResizeP95Vcpus">For repeat upsizes: p95 of interval CPU demand (vCPUs) from the last resize to the pass that planned this one; null otherwise or without data.</param>
/// <param name="ScaleUpThresholdVcpus">For repeat upsizes: the policy's scale-up threshold on the size in effect before, in vCPUs; null otherwise.</param>
internal sealed record ChangeOutcome(
    string ChangeId,
    string ResourceId,
    string From,
    string To,
    DateTimeOffset EffectiveAt,
    bool Upsize,
    OverloadCount Replay,
    bool RepeatUpsize,
    bool StaleUpsize,
    double? SinceLastResizeP95Vcpus,
    double? ScaleUpThresholdVcpus);

/// <summary>Finds the <see cref="ChangeOutcome"/>s of one resource's timeline.</summary>
internal static class ChangeOutcomes
{
    /// <summary>One outcome per period a change of the run wrote, oldest first.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="scaleUpCpuPercent">The policy's scale-up CPU percent (of the size in effect).</param>
    public static IEnumerable<ChangeOutcome> Of(ResourceTimeline resource, double scaleUpCpuPercent)
    {
        var upsized = false;
        for (var i = 1; i < resource.Periods.Count; i++)
        {
            var period = resource.Periods[i];
            if (period.ChangeId is null)
            {
                continue;
            }

            var before = resource.Periods[i - 1].Spec;
            var up = period.Spec.VCpus > before.VCpus || (period.Spec.VCpus == before.VCpus && period.Spec.MemoryGb > before.MemoryGb);
            var repeat = up && upsized;
            double? p95 = null, threshold = null;
            if (repeat)
            {
                var decidedAt = Optimize.Simulator.Workloads.WorkloadModel.StepOf(period.PlannedAt ?? period.At);
                p95 = IntervalCounter.CpuQuantile(resource.Workload, resource.FirstStepOf(i - 1), Math.Min(decidedAt, resource.EndStep), 0.95);
                threshold = before.VCpus * scaleUpCpuPercent / 100;
            }

            upsized |= up;
            var replay = IntervalCounter.Count(resource.Workload, period.Spec, resource.FirstStepOf(i), resource.EndStepOf(i));
            yield return new ChangeOutcome(
                period.ChangeId, resource.ResourceId, before.Name, period.Spec.Name, period.At, up, replay, repeat,
                repeat && (p95 is null || p95 <= threshold), p95, threshold);
        }
    }
}
