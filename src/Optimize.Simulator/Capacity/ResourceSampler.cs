using Optimize.Catalog;
using Optimize.Model;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Workloads;

namespace Optimize.Simulator.Capacity;

/// <summary>
/// Produces the 5-minute metric samples of one resource from its workload, its configuration history and (for plans and
/// scale sets under an autoscale setting) the autoscale rule. Cheapest when steps are asked in ascending order.
/// An autoscale setting samples its target.
/// </summary>
/// <remarks>
/// Autoscale is simulated as a pure function of time: the instance count during a step of day D is obtained by starting at
/// the setting's default count at the start of day D−1 and applying the rule every step (one day of warm-up makes the
/// start point irrelevant). Each step: CPU above the scale-out threshold adds an instance, below the scale-in threshold
/// removes one, within [minimum, maximum]; no flap protection, so thresholds too close really flap.
/// </remarks>
internal sealed class ResourceSampler
{
    private const int StepsPerDay = 288;
    private const double FunctionTargetUtilization = 0.7;

    private readonly SimulatedFleet _fleet;
    private readonly SimulatedResource _resource;
    private readonly SimulatedResource _subject;
    private readonly ConfigTimeline _subjectTimeline;
    private readonly ConfigTimeline? _governorTimeline;
    private readonly WorkloadModel _workload;
    private ResourceConfig? _lastConfig;
    private SkuSpec? _lastSpec;
    private long _cursorDay = long.MinValue;
    private long _cursorStep;
    private int _cursorCount;
    private double _cursorPreviousCpu = double.NaN;
    private long _cursorCooldownUntil = long.MinValue;

    public ResourceSampler(SimulatedFleet fleet, SimulatedResource resource)
    {
        _fleet = fleet;
        _resource = resource;
        _subject = resource.TargetIndex is int t ? fleet[t] : resource;
        _subjectTimeline = new ConfigTimeline(_subject, fleet.Changes(_subject));
        _workload = _subject.Workload ?? throw new InvalidOperationException($"{_subject.Resource.Id} has no workload.");
        if (_subject.GovernorIndex is int g)
        {
            var governor = resource.TargetIndex is null ? fleet[g] : resource;
            _governorTimeline = new ConfigTimeline(governor, fleet.Changes(governor));
        }
    }

    /// <summary>
    /// True when <paramref name="step"/> has no point: the workload recorded nothing there, or the resource has bad data and
    /// the step falls in a gap (hourly chunks, 40 % of them).
    /// </summary>
    public bool IsGap(long step) =>
        !_workload.HasDataAt(step)
        || _resource.Scenario == FleetScenario.BadData
        && DeterministicRandom.Unit(_fleet.Seed, _resource.Index, Math.DivRem(step, 12, out var r) - (r < 0 ? 1 : 0), 77) < 0.4;

    /// <summary>The metrics during <paramref name="step"/>.</summary>
    public MetricSample Sample(long step)
    {
        var demand = _workload.DemandAt(step);
        var config = _subjectTimeline.AtStep(step);
        var spec = Spec(config);
        var instances = config switch
        {
            FunctionAppConfig fn => Math.Clamp((int)Math.Ceiling(demand.CpuVcpus / (spec.VCpus * FunctionTargetUtilization)), 1, fn.MaximumInstanceCount),
            _ when _governorTimeline is not null => AutoscaleCount(step),
            ScaleSetConfig ss => Math.Max(1, ss.Capacity),
            AppServicePlanConfig plan => Math.Max(1, plan.Workers),
            _ => 1,
        };
        return CapacityModel.Evaluate(demand, new Capacity(spec.VCpus, spec.MemoryGb, instances),
            _subject.BaseLatencyMs, _subject.BaseErrorPercent, _subjectTimeline.Restarting(step));
    }

    private int AutoscaleCount(long step)
    {
        var day = Math.DivRem(step, StepsPerDay, out var rem) - (rem < 0 ? 1 : 0);
        if (day != _cursorDay || step < _cursorStep)
        {
            var warmStart = (day - 1) * StepsPerDay;
            _cursorCount = ((AutoscaleConfig)_governorTimeline!.AtStep(warmStart)).Default;
            _cursorStep = warmStart;
            _cursorDay = day;
            _cursorPreviousCpu = double.NaN;
            _cursorCooldownUntil = long.MinValue;
        }

        while (_cursorStep < step)
        {
            _cursorCount = Rule(_cursorStep, _cursorCount);
            _cursorStep++;
        }

        return _cursorCount;
    }

    /// <summary>
    /// One 5-minute evaluation of the setting's rules, as the settings the emulator serves declare them (AutoscaleDocument:
    /// <c>timeWindow</c> PT10M, <c>cooldown</c> PT5M, change count 1): the rule compares the mean cpu of the last 10 minutes
    /// (two steps) with its thresholds, and after a scale action the next step takes none.
    /// </summary>
    private int Rule(long step, int count)
    {
        var rule = (AutoscaleConfig)_governorTimeline!.AtStep(step);
        count = Math.Clamp(count, Math.Max(1, rule.Minimum), Math.Max(1, rule.Maximum));
        var spec = Spec(_subjectTimeline.AtStep(step));
        var cpu = Math.Min(100, _workload.DemandAt(step).CpuVcpus / (spec.VCpus * count) * 100);
        var window = double.IsNaN(_cursorPreviousCpu) ? cpu : (cpu + _cursorPreviousCpu) / 2;
        _cursorPreviousCpu = cpu;
        if (step < _cursorCooldownUntil)
        {
            return count;
        }

        var next = window > rule.ScaleOutCpuPercent && count < rule.Maximum ? count + 1
            : window < rule.ScaleInCpuPercent && count > Math.Max(1, rule.Minimum) ? count - 1
            : count;
        if (next != count)
        {
            _cursorCooldownUntil = step + 2;
        }

        return next;
    }

    private SkuSpec Spec(ResourceConfig config)
    {
        if (!ReferenceEquals(config, _lastConfig))
        {
            _lastSpec = _fleet.SpecOf(_subject, config)
                ?? throw new InvalidOperationException($"No spec for {config.Describe()} of {_subject.Resource.Id}: the catalog does not know it.");
            _lastConfig = config;
        }

        return _lastSpec!;
    }
}
