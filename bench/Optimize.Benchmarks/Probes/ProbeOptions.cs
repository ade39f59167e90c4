using System.Globalization;

namespace Optimize.Benchmarks.Probes;

/// <summary>Arguments of <see cref="AnalysisMemoryProbe"/>.</summary>
/// <param name="Resources">Simulated resources (1–10,000,000).</param>
/// <param name="Days">Lookback in days (1–93).</param>
/// <param name="Interval">Grain of the metric grid (5 minutes to 1 day).</param>
/// <param name="Metrics">Metrics read per resource (1–5); 0 reads each advisor's own (2–3).</param>
/// <param name="Seed">Fleet seed.</param>
internal sealed record ProbeOptions(int Resources, int Days, TimeSpan Interval, int Metrics, int Seed)
{
    /// <summary>Parses <c>--name value</c> pairs; returns null and a message on any bad or unknown argument.</summary>
    public static ProbeOptions? Parse(IReadOnlyList<string> args, out string problem)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["--resources"] = 100_000, ["--days"] = 30, ["--interval-minutes"] = 60, ["--metrics"] = 3, ["--seed"] = 42,
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

        problem = (values["--resources"], values["--days"], values["--interval-minutes"], values["--metrics"]) switch
        {
            ( < 1 or > 10_000_000, _, _, _) => "--resources must be between 1 and 10,000,000.",
            (_, < 1 or > 93, _, _) => "--days must be between 1 and 93.",
            (_, _, < 5 or > 1440, _) => "--interval-minutes must be between 5 and 1440.",
            (_, _, _, < 0 or > 5) => "--metrics must be between 0 and 5.",
            _ => string.Empty,
        };
        return problem.Length > 0
            ? null
            : new ProbeOptions(values["--resources"], values["--days"], TimeSpan.FromMinutes(values["--interval-minutes"]), values["--metrics"], values["--seed"]);
    }
}
