using System.Globalization;

namespace Optimize.Emulator;

/// <summary>
/// The text form of <see cref="EmulatorFaults"/> used by <c>optimize emulator --faults</c>: comma-separated terms, each
/// <c>name=value</c> or a bare flag. Rates are probabilities 0–1.
/// </summary>
public static class EmulatorFaultSpec
{
    /// <summary>The terms and what they set, for help text and error messages.</summary>
    public const string Syntax =
        "throttle=RATE (ARM 429), 5xx=RATE, metrics529=RATE, lro=RATE (failed long-running operations), applied-failed=RATE (writes that took effect, reported Failed), retry-after=SECONDS, "
        + "latency=MS, seed=N, arm-limits (ARM's per-subscription token buckets), needs-deallocation, no-capacity=SIZE[;SIZE…]";

    /// <summary>Parses <paramref name="text"/>; on failure returns null and every problem in <paramref name="errors"/>.</summary>
    public static EmulatorFaults? Parse(string? text, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var faults = EmulatorFaults.None;
        foreach (var term in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, value) = term.IndexOf('=', StringComparison.Ordinal) is var i and >= 0
                ? (term[..i].Trim().ToLowerInvariant(), term[(i + 1)..].Trim())
                : (term.ToLowerInvariant(), null);
            faults = name switch
            {
                "throttle" => faults with { ThrottleRate = Number(name, value, problems) },
                "5xx" => faults with { ServerErrorRate = Number(name, value, problems) },
                "metrics529" => faults with { MetricsBatchThrottleRate = Number(name, value, problems) },
                "lro" => faults with { OperationFailureRate = Number(name, value, problems) },
                "applied-failed" => faults with { AppliedButFailedRate = Number(name, value, problems) },
                "retry-after" => faults with { RetryAfterSeconds = (int)Number(name, value, problems) },
                "latency" => faults with { Latency = TimeSpan.FromMilliseconds(Number(name, value, problems)) },
                "seed" => faults with { Seed = (int)Number(name, value, problems) },
                "arm-limits" when value is null => faults with { ReadBucket = TokenBucket.ArmReads, WriteBucket = TokenBucket.ArmWrites },
                "needs-deallocation" when value is null => faults with { ResizeNeedsDeallocation = true },
                "no-capacity" when !string.IsNullOrWhiteSpace(value) =>
                    faults with { AllocationFailures = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                _ => Unknown(term, problems, faults),
            };
        }

        problems.AddRange(faults.Validate());
        errors = problems;
        return problems.Count == 0 ? faults : null;
    }

    private static double Number(string name, string? value, List<string> problems)
    {
        if (value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            && Math.Abs(number) <= int.MaxValue)
        {
            return number;
        }

        problems.Add($"--faults {name}: '{value}' is not a number.");
        return 0;
    }

    private static EmulatorFaults Unknown(string term, List<string> problems, EmulatorFaults faults)
    {
        problems.Add($"--faults: unknown term '{term}' (known: {Syntax}).");
        return faults;
    }
}
