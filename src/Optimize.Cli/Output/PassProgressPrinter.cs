using Optimize.Engine;

namespace Optimize.Cli.Output;

/// <summary>Prints pass progress to standard error, at most once per step and every 10% of the work.</summary>
internal sealed class PassProgressPrinter(Consoles consoles) : IProgress<PassProgress>
{
    private string? _step;
    private int _lastDecile = -1;

    public void Report(PassProgress value)
    {
        if (value.Step != _step)
        {
            _step = value.Step;
            _lastDecile = -1;
        }

        var decile = value.Total > 0 ? value.Done * 10 / value.Total : -1;
        if (decile == _lastDecile)
        {
            return;
        }

        _lastDecile = decile;
        consoles.Info(value.Total > 0 ? $"{value.Step}: {value.Done:N0}/{value.Total:N0}" : $"{value.Step}: {value.Done:N0}");
    }
}
