namespace Optimize.Simulator.Workloads.Recorded;

/// <summary>
/// One resource's recorded metrics on 5-minute steps <c>[FirstStep, FirstStep + Length)</c> (steps as in
/// <see cref="WorkloadModel.StepOf"/>); a step nothing was recorded in holds NaN (a gap, never interpolated).
/// </summary>
public sealed record RecordedSeries
{
    /// <summary>The ARM id the export names (case as first seen).</summary>
    public required string ResourceId { get; init; }

    /// <summary>Step of index 0 of every array (the recording's first step, shared by all resources).</summary>
    public required long FirstStep { get; init; }

    /// <summary><c>Percentage CPU</c> per step: average of the rows' averages, 0–100.</summary>
    public required float[] CpuAverage { get; init; }

    /// <summary><c>Percentage CPU</c> per step: maximum of the rows' maxima (the average when no Maximum was exported).</summary>
    public required float[] CpuMaximum { get; init; }

    /// <summary><c>Available Memory Bytes</c> per step, GiB (average of averages); null when the export has none for this resource.</summary>
    public float[]? AvailableMemoryGb { get; init; }

    /// <summary><c>Available Memory Bytes</c> per step, GiB, lowest (Minimum, else the average); null with <see cref="AvailableMemoryGb"/>.</summary>
    public float[]? AvailableMemoryMinGb { get; init; }

    /// <summary>Steps covered by the arrays.</summary>
    public int Length => CpuAverage.Length;
}

/// <summary>What <see cref="AzureMetricsReader"/> read from an <c>AzureMetrics</c> export.</summary>
public sealed record MetricsRecording
{
    /// <summary>One series per resource, ordered by first appearance in the export.</summary>
    public required IReadOnlyList<RecordedSeries> Resources { get; init; }

    /// <summary>The first 5-minute step any resource has data in.</summary>
    public required long FirstStep { get; init; }

    /// <summary>The step just past the last one with data (exclusive).</summary>
    public required long EndStep { get; init; }

    /// <summary>Data rows read (header excluded).</summary>
    public required long Rows { get; init; }

    /// <summary>What was ignored (unknown columns and metric names), with the line and column.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>The first step's start.</summary>
    public DateTimeOffset Origin => WorkloadModel.StartOf(FirstStep);

    /// <summary>5-minute steps from the first to the last recorded one.</summary>
    public int StepCount => (int)(EndStep - FirstStep);
}

/// <summary>An export that cannot be used; the message names the line and column.</summary>
public sealed class MetricsFormatException(string message) : FormatException(message);
