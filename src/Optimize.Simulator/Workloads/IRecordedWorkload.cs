namespace Optimize.Simulator.Workloads;

/// <summary>
/// A workload replaying a recording: the steps it covers and whether its memory was recorded or modelled. The backtest's
/// analysis reads these to know how far "the rest of the recording" goes and how much to trust memory figures.
/// </summary>
public interface IRecordedWorkload
{
    /// <summary>The first recorded 5-minute step (see <see cref="WorkloadModel.StepOf"/>).</summary>
    long FirstStep { get; }

    /// <summary>The step just past the last recorded one (exclusive).</summary>
    long EndStep { get; }

    /// <summary>True when memory demand comes from the recording; false when it is modelled from CPU.</summary>
    bool MemoryRecorded { get; }
}
