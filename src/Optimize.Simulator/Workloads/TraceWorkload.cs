namespace Optimize.Simulator.Workloads;

/// <summary>
/// Replays one column of a real CPU trace cyclically from <see cref="OriginStep"/>: the trace's CPU percent of its original VM becomes demand in
/// vCPUs (<c>percent / 100 × <see cref="ReferenceVcpus"/></c>), so a smaller size sees a higher utilization.
/// </summary>
public sealed class TraceWorkload : WorkloadModel, IRecordedWorkload
{
    private readonly TraceSet _trace;

    /// <summary>Binds column <paramref name="column"/> of <paramref name="trace"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column does not exist, or a size is not positive.</exception>
    public TraceWorkload(TraceSet trace, int column, double referenceVcpus, double baseMemoryGb = 1, double memoryPerCpuGb = 0.5)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, trace.ColumnCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(referenceVcpus);
        ArgumentOutOfRangeException.ThrowIfNegative(baseMemoryGb);
        _trace = trace;
        Column = column;
        ReferenceVcpus = referenceVcpus;
        BaseMemoryGb = baseMemoryGb;
        MemoryPerCpuGb = memoryPerCpuGb;
    }

    /// <summary>The replayed column (0-based).</summary>
    public int Column { get; }

    /// <summary>vCPUs of the VM the trace's percentages refer to.</summary>
    public double ReferenceVcpus { get; }

    /// <summary>
    /// The 5-minute step (see <see cref="WorkloadModel.StepOf"/>) that replays row 0; 0 (the Unix epoch) unless set. Steps
    /// before it or past the last row wrap around cyclically.
    /// </summary>
    public long OriginStep { get; init; }

    /// <inheritdoc />
    public long FirstStep => OriginStep;

    /// <inheritdoc />
    public long EndStep => OriginStep + _trace.RowCount;

    /// <inheritdoc />
    public bool MemoryRecorded => false;

    /// <summary>The trace row replayed during <paramref name="step"/> (cyclic).</summary>
    public int RowAt(long step) => (int)((((step - OriginStep) % _trace.RowCount) + _trace.RowCount) % _trace.RowCount);

    /// <summary>Working set of one instance at zero load, GiB.</summary>
    public double BaseMemoryGb { get; }

    /// <summary>Working set added per vCPU of demand, GiB.</summary>
    public double MemoryPerCpuGb { get; }

    /// <inheritdoc />
    public override Demand DemandAt(long step)
    {
        var cpu = _trace.Value(RowAt(step), Column) / 100.0 * ReferenceVcpus;
        return new Demand(cpu, BaseMemoryGb + (MemoryPerCpuGb * cpu));
    }
}
