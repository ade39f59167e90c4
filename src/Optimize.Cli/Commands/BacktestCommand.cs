using System.CommandLine;
using System.Diagnostics;
using Optimize.Catalog;
using Optimize.Cli.Backtest;
using Optimize.Cli.Demo;
using Optimize.Cli.Hosting;
using Optimize.Cli.Output;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Workloads;

namespace Optimize.Cli.Commands;

/// <summary>
/// <c>optimize backtest</c>: the demo's closed loop on a fleet of VMs replaying recorded CPU traces (Azure Public Dataset
/// V1), then how much headroom every promoted downsize kept on the rest of the trace.
/// </summary>
internal static class BacktestCommand
{
    /// <summary>Where to get the trace, for the error when none is found.</summary>
    public const string TraceSource = "the Azure Public Dataset V1 100-VM sample (microsoft_avg_100.csv.gz, see https://github.com/Azure/AzurePublicDataset)";

    public static Command Create(CliContext cli)
    {
        var trace = new Option<FileInfo?>("--trace") { Description = "Average-CPU trace (gzip CSV 'step,<columns>', 5-minute rows). Default: ../shared/" + TraceLocator.AverageRelativePath + " next to the repository (or under OPTIMIZE_SHARED_DIR). A '_max_' file next to it is used for peaks." };
        var metrics = new Option<FileInfo?>("--metrics") { Description = "Azure Monitor export to replay instead of a trace: the Log Analytics AzureMetrics table as CSV (gzip or plain; TimeGenerated, ResourceId, MetricName, Average/Maximum/…; Percentage CPU and Available Memory Bytes are read), on its own dates. Not with --trace." };
        var inventory = new Option<FileInfo?>("--inventory") { Description = "With --metrics: CSV 'ResourceId,Size' giving every recorded VM's real starting size (ARM size name). Without it sizes are drawn from --seed." };
        var policy = new Option<FileInfo?>("--policy") { Description = "Policy file (JSON). Default: the built-in backtest policy (every replayed VM automatic, target CPU 70 %)." };
        var vms = new Option<int>("--vms") { Description = "VMs to replay, one per trace column (capped at the trace's column count); with --metrics, the first N recorded VMs.", DefaultValueFactory = _ => 100 };
        var days = new Option<int>("--days") { Description = "Nightly passes after the lookback (capped so the trace is not exceeded).", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed of the VM sizes (same seed, same run).", DefaultValueFactory = _ => 42 };
        var budget = new Option<double>("--overload-budget") { Description = "Overload budget of the perfect-foresight ceiling, percent of 5-minute intervals (CPU and memory each).", DefaultValueFactory = _ => 0.5 };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of tables; progress still goes to stderr." };
        var wide = TableOptions.Wide();
        var journal = JournalOptions.Connection(readsEnvironment: false);
        var command = new Command("backtest", "Replay a policy on recorded metrics (real Azure VM CPU traces, or an Azure Monitor AzureMetrics export) through the closed loop, then measure every change against the rest of the recording: net savings, overloaded time, and the share captured of the perfect-foresight ceiling.")
        {
            trace, metrics, inventory, policy, vms, days, seed, budget, json, wide, journal,
        };
        command.SetAction(async (parse, ct) =>
        {
            var errors = new List<string>();
            if (parse.GetValue(vms) < 1)
            {
                errors.Add($"--vms must be at least 1, was {parse.GetValue(vms)}.");
            }

            if (parse.GetValue(budget) is var b && (double.IsNaN(b) || b < 0 || b > 100))
            {
                errors.Add($"--overload-budget must be a percent between 0 and 100, was {b}.");
            }

            if (parse.GetValue(days) is < 1 or > 60)
            {
                errors.Add($"--days must be between 1 and 60, was {parse.GetValue(days)}.");
            }

            var metricsPath = parse.GetValue(metrics)?.FullName;
            errors.AddRange(BacktestInput.CheckPaths(parse.GetValue(trace)?.FullName, metricsPath, parse.GetValue(inventory)?.FullName));
            var tracePath = metricsPath is not null ? null : parse.GetValue(trace)?.FullName ?? TraceLocator.DefaultAveragePath(
                Environment.GetEnvironmentVariable("OPTIMIZE_SHARED_DIR"), TraceLocator.FindRepoRoot(Environment.CurrentDirectory, AppContext.BaseDirectory));
            if (metricsPath is null && (tracePath is null || !File.Exists(tracePath)))
            {
                errors.Add(parse.GetValue(trace) is not null
                    ? $"--trace: file not found: {tracePath}"
                    : $"no trace given and the default {tracePath ?? "../shared/" + TraceLocator.AverageRelativePath} does not exist: pass --trace <avg.csv.gz> ({TraceSource}).");
            }

            if (errors.Count > 0)
            {
                errors.ForEach(cli.Consoles.Error);
                return ExitCodes.BadInput;
            }

            var loaded = parse.GetValue(policy) is { } file ? PolicyCommand.LoadOrReport(cli, file) : BacktestPolicy.Load();
            if (loaded is null)
            {
                return ExitCodes.BadInput;
            }

            var sw = Stopwatch.StartNew();
            var input = BacktestInput.Load(cli, new BacktestInputOptions
            {
                TracePath = metricsPath is null ? tracePath : null,
                MetricsPath = metricsPath,
                InventoryPath = parse.GetValue(inventory)?.FullName,
                Seed = parse.GetValue(seed),
                Vms = parse.GetValue(vms),
            });
            if (input is null)
            {
                return ExitCodes.BadInput;
            }

            var window = BacktestWindow.Plan(input.Origin, input.Rows, loaded.Data.Lookback, parse.GetValue(days), out var windowError);
            if (window is null)
            {
                cli.Consoles.Error(windowError!);
                return ExitCodes.BadInput;
            }

            if (window.Capped)
            {
                cli.Consoles.Warn($"--days {window.RequestedDays}: the trace ends {window.TraceEnd.UtcDateTime:yyyy-MM-dd HH:mm}Z; running {window.Days} day(s) (no wrap-around).");
            }

            await using var handle = await cli.Journals.OpenAsync(JournalRequest.ForSimulation(parse.GetValue(journal)), ct);
            if (handle is null)
            {
                return ExitCodes.Failed;
            }

            var fleet = input.Fleet;
            var seedValue = parse.GetValue(seed);
            cli.Consoles.Info($"{input.Description} from day {window.StartDay} (seed {seedValue}); journal: {handle.Journal.Description}");
            await using var loop = await ClosedLoop.StartAsync(fleet, loaded, handle.Journal, window.Start, cli.Loggers, ct, trigger: "backtest");
            var result = await loop.RunAsync(window.Days, new LoopProgressPrinter(cli.Consoles), ct);
            var demo = await DemoReport.BuildAsync(seedValue, window.Days, window.Start, result, handle.Journal, ct);
            var target = loaded.Kinds.VirtualMachine.TargetCpuPercent;
            var report = new BacktestReport
            {
                Loop = demo,
                Trace = input.Path,
                PeakTrace = input.Peak is null ? null : TraceLocator.PeakPathFor(input.Path),
                PeakTraceNote = input.PeakNote,
                InputNotes = input.Notes,
                Vms = fleet.Count,
                TraceColumns = input.Columns,
                TraceRows = input.Rows,
                Window = window,
                TargetCpuPercent = target,
                Downsizes = HeadroomAnalyzer.Analyze(demo.Changes, fleet, input.Peak, target),
                Analysis = BacktestAnalyzer.Analyze(new BacktestAnalysisInput
                {
                    Resources = TimelineBuilder.FromFleet(fleet, demo.Changes, TimelineBuilder.BuiltInMonthlyPrice, demo.StartedAt, demo.EndedAt),
                    RunStart = demo.StartedAt,
                    RunEnd = demo.EndedAt,
                    OverloadBudget = parse.GetValue(budget) / 100,
                    ScaleUpCpuPercent = loaded.Kinds.VirtualMachine.ScaleUpCpuPercent,
                }),
            };
            cli.Consoles.Wide = parse.GetValue(wide);
            if (parse.GetValue(json))
            {
                CliJson.Write(cli.Consoles.RawOut, report);
            }
            else
            {
                BacktestRenderer.Render(cli.Consoles, report, sw.Elapsed);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
