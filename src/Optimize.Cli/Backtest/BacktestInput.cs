using Optimize.Catalog;
using Optimize.Cli.Hosting;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Workloads;
using Optimize.Simulator.Workloads.Recorded;

namespace Optimize.Cli.Backtest;

/// <summary>What <c>optimize backtest</c> was asked to replay (already validated: the paths exist, at most one source).</summary>
internal sealed record BacktestInputOptions
{
    /// <summary>The Azure Public Dataset trace (<c>step,&lt;ids&gt;</c>), when replaying one.</summary>
    public string? TracePath { get; init; }

    /// <summary>The <c>AzureMetrics</c> export, when replaying one.</summary>
    public string? MetricsPath { get; init; }

    /// <summary>The <c>ResourceId,Size</c> inventory of the export's VMs, or null to draw sizes.</summary>
    public string? InventoryPath { get; init; }

    public required int Seed { get; init; }

    public required int Vms { get; init; }
}

/// <summary>The fleet to replay, where its timeline starts, and what the report must say about it.</summary>
internal sealed record BacktestInput
{
    public required SimulatedFleet Fleet { get; init; }

    /// <summary>Start of row 0 of the timeline (a recording: 00:00 UTC of its first day).</summary>
    public required DateTimeOffset Origin { get; init; }

    /// <summary>5-minute rows from <see cref="Origin"/> to the end of the input.</summary>
    public required int Rows { get; init; }

    /// <summary>Columns of the trace, or VMs of the recording.</summary>
    public required int Columns { get; init; }

    public required string Path { get; init; }

    public TraceSet? Peak { get; init; }

    public string? PeakNote { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The progress line naming the input.</summary>
    public required string Description { get; init; }

    /// <summary>Errors in the choice of input files: --metrics with --trace, --inventory without --metrics, a missing file.</summary>
    public static IReadOnlyList<string> CheckPaths(string? trace, string? metrics, string? inventory)
    {
        var errors = new List<string>();
        if (trace is not null && metrics is not null)
        {
            errors.Add("--trace and --metrics cannot be combined: replay either an Azure Public Dataset trace or an Azure Monitor export.");
        }

        if (inventory is not null && metrics is null)
        {
            errors.Add("--inventory applies to --metrics only (a trace carries no resource ids).");
        }

        if (metrics is not null && !File.Exists(metrics))
        {
            errors.Add($"--metrics: file not found: {metrics}");
        }

        if (inventory is not null && !File.Exists(inventory))
        {
            errors.Add($"--inventory: file not found: {inventory}");
        }

        return errors;
    }

    /// <summary>Loads the trace or the recording and builds the fleet; null after printing why not.</summary>
    public static BacktestInput? Load(CliContext cli, BacktestInputOptions options) =>
        options.MetricsPath is { } metrics ? LoadRecording(cli, metrics, options) : LoadTrace(cli, options);

    private static BacktestInput? LoadTrace(CliContext cli, BacktestInputOptions options)
    {
        var path = options.TracePath!;
        if (TraceFiles.Load(cli, path) is not var (average, peak, peakNote))
        {
            return null;
        }

        var fleetOptions = new TraceFleetOptions { Seed = options.Seed, VmCount = Math.Min(options.Vms, average.ColumnCount) };
        if (fleetOptions.VmCount < options.Vms)
        {
            cli.Consoles.Warn($"--vms {options.Vms}: the trace has {average.ColumnCount} columns; replaying {fleetOptions.VmCount} VMs.");
        }

        var fleet = FleetGenerator.FromTrace(average, fleetOptions, BuiltInCatalog.Default);
        return new BacktestInput
        {
            Fleet = fleet, Origin = fleetOptions.Origin, Rows = average.RowCount, Columns = average.ColumnCount, Path = path, Peak = peak, PeakNote = peakNote,
            Description = $"Trace fleet: {fleet.Count} VMs replaying {path}",
        };
    }

    private static BacktestInput? LoadRecording(CliContext cli, string path, BacktestInputOptions options)
    {
        MetricsRecording recording;
        IReadOnlyDictionary<string, string>? sizes = null;
        try
        {
            recording = AzureMetricsReader.Read(path);
            if (options.InventoryPath is { } inventory)
            {
                using var reader = File.OpenText(inventory);
                try
                {
                    sizes = InventoryReader.Read(reader, BuiltInCatalog.Default);
                }
                catch (MetricsFormatException ex)
                {
                    cli.Consoles.Error($"--inventory {inventory}: {ex.Message}");
                    return null;
                }
            }
        }
        catch (MetricsFormatException ex)
        {
            cli.Consoles.Error($"--metrics {path}: {ex.Message}");
            return null;
        }

        foreach (var warning in recording.Warnings)
        {
            cli.Consoles.Warn($"--metrics: {warning}");
        }

        var total = recording.Resources.Count;
        if (options.Vms < total)
        {
            recording = recording with { Resources = [.. recording.Resources.Take(options.Vms)] };
        }

        SimulatedFleet fleet;
        try
        {
            fleet = FleetGenerator.FromRecording(recording, new RecordingFleetOptions { Seed = options.Seed, Sizes = sizes }, BuiltInCatalog.Default);
        }
        catch (ArgumentException ex)
        {
            cli.Consoles.Error($"--inventory {options.InventoryPath}: {ex.Message.Replace(" (Parameter 'options')", "", StringComparison.Ordinal)}");
            return null;
        }

        var notes = new List<string>();
        if (options.Vms < total)
        {
            notes.Add($"--vms {options.Vms}: replaying the first {options.Vms} of the recording's {total} VMs.");
        }

        notes.Add(sizes is null
            ? $"VM sizes were drawn from seed {options.Seed} (no --inventory): the recorded VMs' real sizes are unknown, so vCPU and memory demand are scaled to drawn sizes."
            : $"VM sizes from the inventory {options.InventoryPath}.");
        var modelled = recording.Resources.Count(r => r.AvailableMemoryGb is null);
        if (modelled > 0)
        {
            notes.Add($"Memory modelled for {modelled} of {recording.Resources.Count} VM(s) (no {AzureMetricsReader.MemoryMetric} rows): a quarter of the size's memory plus 0.2 GiB per vCPU of demand.");
        }

        notes.AddRange(recording.Warnings);
        var midnight = WorkloadModel.StartOf(recording.FirstStep).UtcDateTime.Date;
        var origin = new DateTimeOffset(midnight, TimeSpan.Zero);
        return new BacktestInput
        {
            Fleet = fleet, Origin = origin, Rows = (int)(recording.EndStep - WorkloadModel.StepOf(origin)), Columns = total, Path = path,
            PeakNote = "--metrics: peaks come from the export's Maximum column (the headroom check reads --trace peaks only)",
            Notes = notes,
            Description = $"Recorded fleet: {fleet.Count} VMs replaying {path} ({recording.Rows} rows, {recording.Origin.UtcDateTime:yyyy-MM-dd HH:mm}Z to {WorkloadModel.StartOf(recording.EndStep).UtcDateTime:yyyy-MM-dd HH:mm}Z)",
        };
    }
}
