using Optimize.Simulator.Workloads.Recorded;

namespace Optimize.Simulator.Workloads;

/// <summary>
/// Replays one VM's Azure Monitor recording (<see cref="RecordedSeries"/>) on its real timeline, without wrap-around: CPU
/// demand is <c>Percentage CPU / 100 × the recorded size's vCPUs</c>; memory, when recorded, is the size's memory minus
/// <c>Available Memory Bytes</c> (the recording was made on that size), else modelled as a quarter of the size's memory plus
/// 0.2 GiB per vCPU of demand. A step without a CPU row, or outside the recording, has no data (a gap, not interpolated).
/// </summary>
public sealed class RecordedWorkload : WorkloadModel, IRecordedWorkload
{
    private readonly RecordedSeries _series;

    /// <summary>Binds <paramref name="series"/>, recorded on a size of <paramref name="vcpus"/> vCPUs and <paramref name="memoryGb"/> GiB.</summary>
    public RecordedWorkload(RecordedSeries series, double vcpus, double memoryGb)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vcpus);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryGb);
        _series = series;
        ReferenceVcpus = vcpus;
        ReferenceMemoryGb = memoryGb;
    }

    /// <summary>vCPUs of the size the recording was made on.</summary>
    public double ReferenceVcpus { get; }

    /// <summary>Memory (GiB) of the size the recording was made on.</summary>
    public double ReferenceMemoryGb { get; }

    /// <summary>The recorded ARM id.</summary>
    public string RecordedResourceId => _series.ResourceId;

    /// <inheritdoc />
    public long FirstStep => _series.FirstStep;

    /// <inheritdoc />
    public long EndStep => _series.FirstStep + _series.Length;

    /// <inheritdoc />
    public bool MemoryRecorded => _series.AvailableMemoryGb is not null;

    /// <inheritdoc />
    public override bool HasDataAt(long step) => !float.IsNaN(Cpu(_series.CpuAverage, step));

    /// <inheritdoc />
    public override Demand DemandAt(long step) => Make(step, _series.CpuAverage, _series.AvailableMemoryGb);

    /// <inheritdoc />
    public override Demand PeakAt(long step) => Make(step, _series.CpuMaximum, _series.AvailableMemoryMinGb);

    private Demand Make(long step, float[] cpuPercent, float[]? available)
    {
        var percent = Cpu(cpuPercent, step);
        var cpu = float.IsNaN(percent) ? 0 : percent / 100.0 * ReferenceVcpus;
        var free = available is null ? float.NaN : Cpu(available, step);
        var memory = float.IsNaN(free) ? (0.25 * ReferenceMemoryGb) + (0.2 * cpu) : Math.Max(0, ReferenceMemoryGb - free);
        return new Demand(cpu, memory);
    }

    private float Cpu(float[] values, long step)
    {
        var i = step - _series.FirstStep;
        return i < 0 || i >= values.Length ? float.NaN : values[i];
    }
}
