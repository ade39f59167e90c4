using System.CommandLine;
using System.Text.Json;
using Optimize.Catalog;
using Optimize.Cli.Hosting;
using Optimize.Emulator;
using Optimize.Simulator.Fleet;

namespace Optimize.Cli.Commands;

/// <summary>
/// <c>optimize emulator</c>: serves a simulated fleet at Azure's REST surface on <c>https://127.0.0.1:{port}</c> until stopped.
/// Its first line on standard output is one JSON object naming the endpoints, the subscriptions and the certificate pin.
/// </summary>
internal static class EmulatorCommand
{
    private static readonly JsonSerializerOptions LineJson = new(JsonSerializerDefaults.Web);

    public static Command Create(CliContext cli)
    {
        var port = new Option<int>("--port") { Description = "Loopback port to listen on (0 picks a free one).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated fleet and its workloads.", DefaultValueFactory = _ => 42 };
        var resources = new Option<int>("--resources") { Description = "Number of simulated resources (all five kinds).", DefaultValueFactory = _ => 40 };
        var faults = new Option<string?>("--faults") { Description = "Faults to inject, comma-separated: " + EmulatorFaultSpec.Syntax + "." };
        var command = new Command(
            "emulator",
            "Serve a simulated fleet at Azure's REST surface (ARM, Resource Graph, Monitor metrics, Retail Prices) on loopback HTTPS, "
            + "until stopped. The first output line is JSON naming the endpoints and the certificate pin that `plan --emulator` needs.")
        {
            port, seed, resources, faults,
        };
        command.SetAction(async (parse, ct) =>
        {
            var errors = new List<string>();
            if (parse.GetValue(port) is < 0 or > 65535)
            {
                errors.Add("--port must be between 0 and 65535.");
            }

            if (parse.GetValue(resources) is < 1 or > 100_000)
            {
                errors.Add("--resources must be between 1 and 100,000.");
            }

            var injected = EmulatorFaultSpec.Parse(parse.GetValue(faults), out var faultErrors);
            errors.AddRange(faultErrors);
            if (errors.Count > 0)
            {
                errors.ForEach(cli.Consoles.Error);
                return ExitCodes.BadInput;
            }

            var options = new EmulatorOptions
            {
                Fleet = new FleetOptions { Seed = parse.GetValue(seed), ResourceCount = parse.GetValue(resources) },
                Faults = injected!,
            };
            EmulatorHost host;
            try
            {
                host = await EmulatorHost.StartLoopbackAsync(options, BuiltInCatalog.Default, parse.GetValue(port), ct);
            }
            catch (IOException ex)
            {
                cli.Consoles.Error($"--port {parse.GetValue(port)}: cannot listen ({ex.Message.Split('\n')[0].Trim()}).");
                return ExitCodes.Failed;
            }

            await using (host)
            {
                cli.Consoles.RawOut.WriteLine(JsonSerializer.Serialize(StartLine(host), LineJson));
                cli.Consoles.RawOut.Flush();
                cli.Consoles.Info($"Emulating {host.World.Fleet.Count} resources in {host.World.Fleet.Subscriptions.Count} subscription(s) at {host.BaseAddress}; Ctrl+C stops it.");
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    var log = host.World.Log;
                    cli.Consoles.Info($"Stopped after {log.Requests} request(s); {log.Violations.Count} contract violation(s).");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The first output line: endpoints, subscriptions, certificate pin, and a plan command to copy.</summary>
    internal static EmulatorStartLine StartLine(EmulatorHost host)
    {
        var root = host.BaseAddress!.AbsoluteUri.TrimEnd('/');
        var pin = host.CertificateSha256!;
        var subscriptions = host.World.Fleet.Subscriptions;
        return new EmulatorStartLine(
            root,
            root,
            root + "/providers/Microsoft.ResourceGraph/resources",
            root + "/api/retail/prices",
            subscriptions,
            pin,
            host.World.Contract?.Source,
            $"optimize plan --subscription {subscriptions[0]} --emulator {root} --emulator-pin {pin}");
    }
}

/// <summary>What <c>optimize emulator</c> prints first (camelCase JSON).</summary>
/// <param name="Arm">ARM endpoint (management.azure.com's stand-in).</param>
/// <param name="Metrics">Monitor metrics data plane for every region (metrics:getBatch).</param>
/// <param name="ResourceGraph">Resource Graph query endpoint.</param>
/// <param name="Prices">Retail Prices endpoint.</param>
/// <param name="Subscriptions">The subscription ids it serves.</param>
/// <param name="CertificateSha256">Pin of its TLS certificate (hex SHA-256 of the DER encoding), made at start.</param>
/// <param name="Contract">Where request bodies are checked against Azure's published specs; null when unchecked.</param>
/// <param name="Plan">A read-only plan against it, ready to copy.</param>
internal sealed record EmulatorStartLine(
    string Arm,
    string Metrics,
    string ResourceGraph,
    string Prices,
    IReadOnlyList<string> Subscriptions,
    [property: System.Text.Json.Serialization.JsonPropertyName("certificateSha256")] string CertificateSha256,
    string? Contract,
    string Plan);
