using Spectre.Console;

namespace Optimize.Cli.Output;

/// <summary>
/// Where the CLI writes: reports (and <c>--json</c>) to standard output; progress, warnings and errors to standard
/// error, so a piped JSON document is never mixed with progress.
/// </summary>
internal sealed class Consoles
{
    public Consoles(TextWriter? stdout = null, TextWriter? stderr = null, bool interactive = true, Func<string, string?>? env = null)
    {
        Out = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout ?? Console.Out),
            Ansi = stdout is null ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = stdout is null ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        Err = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stderr ?? Console.Error),
            Ansi = stderr is null ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = stderr is null ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        // Redirected output (a file, a pipe, CI logs) has no terminal width: use $COLUMNS, else 80.
        var width = int.TryParse((env ?? Environment.GetEnvironmentVariable)("COLUMNS"), out var columns) && columns >= 40 ? columns : 80;
        if (stdout is not null || Console.IsOutputRedirected)
        {
            Out.Profile.Width = width;
        }

        if (stderr is not null || Console.IsErrorRedirected)
        {
            Err.Profile.Width = width;
        }

        RawOut = stdout ?? Console.Out;
        plainErr = stderr is not null || Console.IsErrorRedirected ? stderr ?? Console.Error : null;
        Interactive = interactive && stderr is null && !Console.IsErrorRedirected;
    }

    // Redirected standard error gets messages unwrapped, one line each (logs and greps); a terminal gets colour.
    private readonly TextWriter? plainErr;

    /// <summary>Reports.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Progress, warnings, errors.</summary>
    public IAnsiConsole Err { get; }

    /// <summary>Set by <c>--wide</c>: tables show whole ids and may be wider than the console.</summary>
    public bool Wide { get; set; }

    /// <summary>True when tables must be compact to fit the console (and <c>--wide</c> was not given).</summary>
    public bool Narrow => !Wide && Out.Profile.Width < Tables.NarrowBelow;

    /// <summary>Writes a report table: within the console's width, or as wide as its cells with <c>--wide</c>.</summary>
    public void Write(Spectre.Console.Rendering.IRenderable table)
    {
        if (!Wide)
        {
            Out.Write(table);
            return;
        }

        var width = Out.Profile.Width;
        Out.Profile.Width = WideWidth;
        try
        {
            Out.Write(table);
        }
        finally
        {
            Out.Profile.Width = width;
        }
    }

    /// <summary>The width a <c>--wide</c> table may take: cells never wrap below it.</summary>
    public const int WideWidth = 1000;

    /// <summary>Plain standard output, for JSON.</summary>
    public TextWriter RawOut { get; }

    /// <summary>True when standard error is a terminal: live progress bars; otherwise one line per step.</summary>
    public bool Interactive { get; }

    public void Warn(string message) => Line("yellow", "warning: ", message);

    public void Error(string message) => Line("red", "error: ", message);

    public void Info(string message) => Line("grey", "", message);

    private void Line(string color, string label, string message)
    {
        if (plainErr is not null)
        {
            plainErr.WriteLine(label + message);
        }
        else if (label.Length > 0)
        {
            Err.MarkupLine($"[{color}]{label}[/]{Markup.Escape(message)}");
        }
        else
        {
            Err.MarkupLine($"[{color}]{Markup.Escape(message)}[/]");
        }
    }
}
