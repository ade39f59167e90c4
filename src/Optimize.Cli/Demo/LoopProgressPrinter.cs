using System.Globalization;
using Optimize.Cli.Output;

namespace Optimize.Cli.Demo;

/// <summary>Prints closed-loop progress to standard error, one line per event (readable in a terminal and in CI logs).</summary>
internal sealed class LoopProgressPrinter(Consoles consoles) : IProgress<LoopProgress>
{
    public void Report(LoopProgress value)
    {
        var at = value.At.UtcDateTime.ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var day = $"day {value.Day}/{value.Days}";
        switch (value.Step)
        {
            case "pass":
                consoles.Info($"[{day}] {at}Z nightly pass: inventory, metrics, advisors, planner…");
                break;
            case "planned" when value.Pass is { } p:
                consoles.Info($"[{day}] {p.Result.Pass.ResourcesAnalyzed} analyzed, {p.Result.Pass.Recommendations} recommendations, " +
                              $"{p.Started.Count} changes started, {p.Result.Pass.Skipped} not planned (see report)");
                break;
            case "day-done":
                foreach (var c in value.Ended)
                {
                    consoles.Info($"[{day}]   {c.State,-10} {Commands.HistoryCommand.ShortId(c.Resource.Id)}: {c.Outcome}");
                }

                consoles.Info($"[{day}] {at}Z day done: {value.Ended.Count} change(s) ended on the virtual clock");
                break;
            default:
                break;
        }
    }
}
