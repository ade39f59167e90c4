using System.Globalization;

namespace Optimize.Benchmarks.Probes;

/// <summary>Arguments of <see cref="EmulatedPassProbe"/>.</summary>
/// <param name="Resources">Simulated resources (1–100,000).</param>
/// <param name="Seed">Fleet seed.</param>
/// <param name="Latency">Delay the emulator adds to every request (0–30 s).</param>
/// <param name="ArmThrottling">ARM's token buckets per subscription (reads 250 + 25/s, writes 200 + 10/s).</param>
/// <param name="MetricsThrottleRate">Share of <c>metrics:getBatch</c> calls answered 529 (0–1).</param>
/// <param name="MetricsConcurrency">The adapters' <c>MetricsConcurrency</c> (1–64; the production default is 4).</param>
/// <param name="Contract">Whether the emulator checks requests and responses against the published schemas (when it finds the pack).</param>
/// <param name="GroupChunks">Hand the pass its items sorted by (subscription, region), so each 500-resource chunk spans few metrics groups
/// (bench-only: the pass chunks in inventory order).</param>
internal sealed record EmulatedPassOptions(int Resources, int Seed, TimeSpan Latency, bool ArmThrottling, double MetricsThrottleRate, int MetricsConcurrency, bool Contract, bool GroupChunks)
{
    /// <summary>How to call the probe.</summary>
    public const string Usage =
        "Usage: emulated-pass [--resources N (default 1000)] [--seed S (42)] [--latency-ms MS (0)] [--arm-throttling 0|1 (0)] "
        + "[--metrics-529-percent P (0)] [--metrics-concurrency C (the adapters' default, 4)] "
        + "[--contract 0|1 (1: the emulator checks every request and response against the pack, as the demo does)] "
        + "[--group-chunks 0|1 (0; 1: the pass gets its items sorted by subscription and region)]";

    /// <summary>Parses <c>--name value</c> pairs; returns null and a message on any bad or unknown argument.</summary>
    public static EmulatedPassOptions? Parse(IReadOnlyList<string> args, out string problem)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["--resources"] = 1000, ["--seed"] = 42, ["--latency-ms"] = 0, ["--arm-throttling"] = 0, ["--metrics-529-percent"] = 0,
            ["--metrics-concurrency"] = new Optimize.Azure.AzureAdapterOptions().MetricsConcurrency, ["--contract"] = 1, ["--group-chunks"] = 0,
        };
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!values.ContainsKey(args[i]))
            {
                problem = $"Unknown argument '{args[i]}'.";
                return null;
            }

            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                problem = $"{args[i]} needs an integer value.";
                return null;
            }

            values[args[i]] = value;
        }

        problem = (values["--resources"], values["--latency-ms"], values["--arm-throttling"], values["--metrics-529-percent"], values["--metrics-concurrency"]) switch
        {
            ( < 1 or > 100_000, _, _, _, _) => "--resources must be between 1 and 100,000.",
            (_, < 0 or > 30_000, _, _, _) => "--latency-ms must be between 0 and 30,000.",
            (_, _, not (0 or 1), _, _) => "--arm-throttling must be 0 or 1.",
            (_, _, _, < 0 or > 100, _) => "--metrics-529-percent must be between 0 and 100.",
            (_, _, _, _, < 1 or > 64) => "--metrics-concurrency must be between 1 and 64.",
            _ when values["--contract"] is not (0 or 1) => "--contract must be 0 or 1.",
            _ when values["--group-chunks"] is not (0 or 1) => "--group-chunks must be 0 or 1.",
            _ => string.Empty,
        };
        return problem.Length > 0
            ? null
            : new EmulatedPassOptions(
                values["--resources"], values["--seed"], TimeSpan.FromMilliseconds(values["--latency-ms"]), values["--arm-throttling"] == 1,
                values["--metrics-529-percent"] / 100.0, values["--metrics-concurrency"], values["--contract"] == 1, values["--group-chunks"] == 1);
    }
}
