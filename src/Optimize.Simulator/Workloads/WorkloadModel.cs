namespace Optimize.Simulator.Workloads;

/// <summary>
/// A deterministic demand generator: <see cref="DemandAt"/> is a pure function of the 5-minute step, so metrics can be
/// produced on the fly for any time without storing series.
/// </summary>
public abstract class WorkloadModel
{
    /// <summary>The length of one step of the underlying model.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    /// <summary>The step index holding <paramref name="instant"/> (5-minute steps since the Unix epoch).</summary>
    public static long StepOf(DateTimeOffset instant) => Math.DivRem(instant.ToUnixTimeSeconds(), 300, out var rem) - (rem < 0 ? 1 : 0);

    /// <summary>The start of step <paramref name="step"/>.</summary>
    public static DateTimeOffset StartOf(long step) => DateTimeOffset.FromUnixTimeSeconds(step * 300);

    /// <summary>The demand during step <paramref name="step"/> (see <see cref="StepOf"/>).</summary>
    public abstract Demand DemandAt(long step);

    /// <summary>
    /// False when nothing was recorded during <paramref name="step"/> (a recorded workload with a missing row): Azure Monitor
    /// then has no point there, so coverage drops and nothing is interpolated. Synthetic workloads always have data.
    /// </summary>
    public virtual bool HasDataAt(long step) => true;

    /// <summary>The highest demand within <paramref name="step"/> (a recording's Maximum); by default the step's demand.</summary>
    public virtual Demand PeakAt(long step) => DemandAt(step);

    /// <summary>The demand at <paramref name="instant"/>.</summary>
    public Demand DemandAt(DateTimeOffset instant) => DemandAt(StepOf(instant));
}
