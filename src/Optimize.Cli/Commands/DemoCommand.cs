using System.CommandLine;
using System.Diagnostics;
using Optimize.Catalog;
using Optimize.Cli.Demo;
using Optimize.Cli.Hosting;
using Optimize.Cli.Output;
using Optimize.Policy;
using Optimize.Simulator.Fleet;

namespace Optimize.Cli.Commands;

/// <summary><c>optimize demo</c>: the whole closed loop on a simulated fleet and a virtual clock. No Azure needed.</summary>
internal static class DemoCommand
{
    /// <summary>Monday 2 November 2026, 01:00 UTC: the virtual clock's start; the first pass runs at 02:00.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    public static Command Create(CliContext cli)
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated fleet and its workloads (same seed, same run).", DefaultValueFactory = _ => 42 };
        var resources = new Option<int>("--resources") { Description = "Number of simulated resources (all five kinds).", DefaultValueFactory = _ => 40 };
        var days = new Option<int>("--days") { Description = "Simulated days: one nightly pass per day, changes staged in between.", DefaultValueFactory = _ => 3 };
        var policy = new Option<FileInfo?>("--policy") { Description = "Policy file (JSON). Default: the built-in demo policy (prod: approve, dev: auto, rg-data-prod: recommend)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document (counts and per-change details) instead of tables; progress still goes to stderr." };
        var wide = TableOptions.Wide();
        var trace = new Option<FileInfo?>("--trace") { Description = "Replay real VM CPU traces (Azure Public Dataset V1 gzip CSV) on some VMs." };
        var journal = JournalOptions.Connection(readsEnvironment: false);
        var command = new Command("demo", "Run the closed loop on a simulated fleet over simulated days: sense, decide, act in guarded stages, roll back, record.")
        {
            seed, resources, days, policy, json, wide, trace, journal,
        };
        command.SetAction(async (parse, ct) =>
        {
            var errors = new List<string>();
            if (parse.GetValue(resources) is < 1 or > 100_000)
            {
                errors.Add("--resources must be between 1 and 100,000.");
            }

            if (parse.GetValue(days) is < 1 or > 60)
            {
                errors.Add("--days must be between 1 and 60.");
            }

            if (parse.GetValue(trace) is { Exists: false } missing)
            {
                errors.Add($"--trace: file not found: {missing.FullName}");
            }

            if (errors.Count > 0)
            {
                errors.ForEach(cli.Consoles.Error);
                return ExitCodes.BadInput;
            }

            var loaded = parse.GetValue(policy) is { } file ? PolicyCommand.LoadOrReport(cli, file) : DemoPolicy.Load();
            if (loaded is null)
            {
                return ExitCodes.BadInput;
            }

            await using var handle = await cli.Journals.OpenAsync(JournalRequest.ForSimulation(parse.GetValue(journal)), ct);
            if (handle is null)
            {
                return ExitCodes.Failed;
            }

            var options = new FleetOptions { Seed = parse.GetValue(seed), ResourceCount = parse.GetValue(resources), TracePath = parse.GetValue(trace)?.FullName };
            var fleet = FleetGenerator.Generate(options, BuiltInCatalog.Default);
            var sw = Stopwatch.StartNew();
            cli.Consoles.Info($"Simulated fleet: {fleet.Count} resources (seed {options.Seed}); journal: {handle.Journal.Description}");
            await using var loop = await ClosedLoop.StartAsync(fleet, loaded, handle.Journal, Start, cli.Loggers, ct);
            var result = await loop.RunAsync(parse.GetValue(days), new LoopProgressPrinter(cli.Consoles), ct);
            var report = await DemoReport.BuildAsync(options.Seed, parse.GetValue(days), Start, result, handle.Journal, ct);
            cli.Consoles.Wide = parse.GetValue(wide);
            if (parse.GetValue(json))
            {
                CliJson.Write(cli.Consoles.RawOut, report);
            }
            else
            {
                DemoRenderer.Render(cli.Consoles, report, sw.Elapsed, "Optimize demo");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}

/// <summary>The built-in demo policy.</summary>
internal static class DemoPolicy
{
    public static OptimizePolicy Load()
    {
        using var stream = typeof(DemoPolicy).Assembly.GetManifestResourceStream("Optimize.Cli.Demo.demo-policy.json")
            ?? throw new InvalidOperationException("The demo policy is not embedded (build defect).");
        using var reader = new StreamReader(stream);
        return PolicyLoader.Load(reader.ReadToEnd()).GetPolicyOrThrow();
    }
}
