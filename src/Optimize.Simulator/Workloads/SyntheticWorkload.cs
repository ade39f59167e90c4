namespace Optimize.Simulator.Workloads;

/// <summary>
/// A synthetic workload: a base level shaped by a daily cycle, a weekly cycle (quieter weekends, an optional weekly
/// peak), a linear trend, Gaussian noise and periodic bursts. Deterministic in (<see cref="Seed"/>, step).
/// </summary>
public sealed class SyntheticWorkload : WorkloadModel
{
    private const int StepsPerDay = 288;

    /// <summary>Seed of the noise.</summary>
    public ulong Seed { get; init; }

    /// <summary>Mean CPU demand before cycles, vCPUs (≥ 0).</summary>
    public double BaseCpu { get; init; } = 1;

    /// <summary>Relative amplitude of the daily cycle (0 = flat, 0.5 = ±50 %).</summary>
    public double DailyAmplitude { get; init; } = 0.4;

    /// <summary>UTC hour of the daily peak.</summary>
    public double PeakHourUtc { get; init; } = 14;

    /// <summary>Multiplier on Saturdays and Sundays.</summary>
    public double WeekendFactor { get; init; } = 0.7;

    /// <summary>Day of the weekly peak.</summary>
    public DayOfWeek WeeklyPeakDay { get; init; } = DayOfWeek.Monday;

    /// <summary>UTC hour the weekly peak starts.</summary>
    public int WeeklyPeakHourUtc { get; init; } = 9;

    /// <summary>Length of the weekly peak, hours (0 = none).</summary>
    public double WeeklyPeakHours { get; init; }

    /// <summary>Multiplier during the weekly peak.</summary>
    public double WeeklyPeakFactor { get; init; } = 1;

    /// <summary>Relative standard deviation of the per-step noise.</summary>
    public double Noise { get; init; } = 0.08;

    /// <summary>Relative growth per week from <see cref="TrendOrigin"/> (negative shrinks; the level never drops below 20 %).</summary>
    public double TrendPerWeek { get; init; }

    /// <summary>Where the trend is 1.</summary>
    public DateTimeOffset TrendOrigin { get; init; } = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Bursts: one every this many minutes (0 = none).</summary>
    public int BurstEveryMinutes { get; init; }

    /// <summary>Length of each burst, minutes (rounded up to whole steps).</summary>
    public int BurstMinutes { get; init; } = 5;

    /// <summary>Offset of the first burst in each period, minutes.</summary>
    public int BurstPhaseMinutes { get; init; }

    /// <summary>CPU added during a burst, vCPUs.</summary>
    public double BurstCpu { get; init; }

    /// <summary>Working set added to each instance during a burst, GiB (a job that loads a large data set).</summary>
    public double BurstMemoryGb { get; init; }

    /// <summary>Working set of one instance at zero load, GiB.</summary>
    public double BaseMemoryGb { get; init; } = 1;

    /// <summary>Working set added per vCPU of demand, GiB.</summary>
    public double MemoryPerCpuGb { get; init; }

    /// <inheritdoc />
    public override Demand DemandAt(long step)
    {
        var start = StartOf(step);
        var hour = (step % StepsPerDay + StepsPerDay) % StepsPerDay / 12.0;
        var daily = 1 + (DailyAmplitude * Math.Cos(2 * Math.PI * (hour - PeakHourUtc) / 24));
        var weekly = start.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? WeekendFactor : 1;
        if (WeeklyPeakHours > 0 && start.DayOfWeek == WeeklyPeakDay && hour >= WeeklyPeakHourUtc && hour < WeeklyPeakHourUtc + WeeklyPeakHours)
        {
            weekly *= WeeklyPeakFactor;
        }

        var trend = Math.Max(0.2, 1 + (TrendPerWeek * (start - TrendOrigin).TotalDays / 7));
        var noise = Math.Max(0, 1 + (Noise * DeterministicRandom.Gaussian(Seed, step)));
        var cpu = BaseCpu * Math.Max(0, daily) * weekly * trend * noise;
        var burst = InBurst(step);
        if (burst)
        {
            cpu += BurstCpu;
        }

        return new Demand(cpu, BaseMemoryGb + (MemoryPerCpuGb * cpu) + (burst ? BurstMemoryGb : 0));
    }

    /// <summary>True when the 5-minute step <paramref name="step"/> falls in a burst.</summary>
    private bool InBurst(long step)
    {
        if (BurstEveryMinutes <= 0 || (BurstCpu <= 0 && BurstMemoryGb <= 0))
        {
            return false;
        }

        var minute = ((step * 5) - BurstPhaseMinutes) % BurstEveryMinutes;
        if (minute < 0)
        {
            minute += BurstEveryMinutes;
        }

        return minute < Math.Max(5, BurstMinutes);
    }
}
