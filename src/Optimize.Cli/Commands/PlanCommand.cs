using System.CommandLine;
using System.Diagnostics;
using Optimize.Advisors;
using Optimize.Catalog;
using Optimize.Cli.Hosting;
using Optimize.Hosting;
using Optimize.Cli.Output;
using Optimize.Cli.Reports;
using Microsoft.Extensions.Logging;
using Optimize.Engine;
using Optimize.Journal;
using Optimize.Model;
using Optimize.Policy;
using Optimize.Ports;

namespace Optimize.Cli.Commands;

/// <summary><c>optimize plan</c>: a read-only pass against a real subscription. Writes nothing to Azure.</summary>
internal static class PlanCommand
{
    public static Command Create(CliContext cli)
    {
        var subscription = new Option<string>("--subscription") { Description = "Subscription id to analyze (signed in with DefaultAzureCredential: az login, environment, or managed identity).", Required = true };
        var group = new Option<string?>("--resource-group") { Description = "Only this resource group." };
        var policy = new Option<FileInfo?>("--policy") { Description = "Policy file (JSON). Default: the shipped default policy (recommend only)." };
        var output = new Option<FileInfo?>("--output") { Description = "Also write the full plan (every decision with its evidence) to this JSON file." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of tables." };
        var wide = TableOptions.Wide();
        var emulator = new Option<string?>("--emulator") { Description = "Run against a running `optimize emulator` at this loopback HTTPS address instead of Azure (no sign-in)." };
        var emulatorPin = new Option<string?>("--emulator-pin") { Description = "The emulator's certificateSha256 (from its first output line); required with --emulator." };
        var command = new Command("plan", "Read-only pass against a real subscription: inventory, metrics, advisors and planner, with the same report as the demo. Changes nothing in Azure.")
        {
            subscription, group, policy, output, json, wide, emulator, emulatorPin,
        };
        command.SetAction(async (parse, ct) =>
        {
            var sub = parse.GetValue(subscription)!;
            if (!Guid.TryParse(sub, out _))
            {
                cli.Consoles.Error($"--subscription: '{sub}' is not a subscription id (a GUID).");
                return ExitCodes.BadInput;
            }

            Uri? emulatorUrl = null;
            if ((parse.GetValue(emulator) is not null || parse.GetValue(emulatorPin) is not null)
                && EmulatorConnection.Check(parse.GetValue(emulator), parse.GetValue(emulatorPin), out emulatorUrl) is { } emulatorError)
            {
                cli.Consoles.Error(emulatorError);
                return ExitCodes.BadInput;
            }

            var loaded = parse.GetValue(policy) is { } file ? PolicyCommand.LoadOrReport(cli, file) : PolicyLoader.Default;
            if (loaded is null)
            {
                return ExitCodes.BadInput;
            }

            var groups = parse.GetValue(group) is { Length: > 0 } g ? new[] { g } : [];
            var scope = new InventoryScope([sub], groups, []);
            var sw = Stopwatch.StartNew();
            cli.Target = AccessTarget.Subscription(sub);
            try
            {
                var engine = emulatorUrl is null
                    ? Optimize.Azure.AzureAdapters.Create(cli.Credential(), new Optimize.Azure.AzureAdapterOptions(), skipped => cli.Consoles.Warn(skipped))
                    : Optimize.Azure.AzureAdapters.Create(
                        EmulatorConnection.Token, EmulatorConnection.Options(emulatorUrl, parse.GetValue(emulatorPin)!), skipped => cli.Consoles.Warn(skipped));
                cli.Consoles.Info($"Listing resources in subscription {sub}{(groups.Length > 0 ? $", resource group {groups[0]}" : "")}…");
                var items = new List<InventoryItem>();
                await foreach (var item in engine.Inventory.ListAsync(scope, ct))
                {
                    items.Add(item);
                }

                cli.Consoles.Info($"{items.Count} resources; loading VM sizes for {items.Select(i => i.Resource.Location).Distinct(StringComparer.OrdinalIgnoreCase).Count()} region(s)…");
                var catalog = await engine.LoadCatalogAsync(sub, items.Select(i => i.Resource.Location).Distinct(StringComparer.OrdinalIgnoreCase), BuiltInCatalog.Default, ct);
                var journal = new InMemoryJournal();
                var ports = new PassPorts(new ListedInventory(items), engine.Metrics, catalog, engine.Prices, journal, journal);
                var pass = new OptimizationPass(ports, AdvisorSet.Default, TimeProvider.System, cli.Loggers.CreateLogger<OptimizationPass>());
                var result = await pass.RunAsync(new PassRequest("plan", loaded, scope, ReadOnly: true), new PassProgressPrinter(cli.Consoles), ct);
                var report = PlanReport.From(result, sw.Elapsed);
                if (parse.GetValue(output) is { } path)
                {
                    await using var stream = File.Create(path.FullName);
                    await using var writer = new StreamWriter(stream);
                    CliJson.Write(writer, new { report, decisions = result.Decisions, advices = result.Advices.Select(a => new { a.Resource.Id, a.Recommendation, a.Skip, a.Evidence }) });
                    cli.Consoles.Info($"Plan written to {path.FullName}");
                }

                cli.Consoles.Wide = parse.GetValue(wide);
                if (parse.GetValue(json))
                {
                    CliJson.Write(cli.Consoles.RawOut, report);
                }
                else
                {
                    PlanRenderer.Render(cli.Consoles, report);
                }

                return ExitCodes.Ok;
            }
            catch (InvalidOperationException ex) when (AzureAccess.Describe(ex, cli.Target) is null)
            {
                cli.Consoles.Error(ex.Message);
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    /// <summary>Replays resources listed once, so the pass does not list them again.</summary>
    private sealed class ListedInventory(IReadOnlyList<InventoryItem> items) : IInventory
    {
        public async IAsyncEnumerable<InventoryItem> ListAsync(InventoryScope scope, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return item;
            }

            await Task.CompletedTask;
        }
    }
}
