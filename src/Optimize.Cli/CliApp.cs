using System.CommandLine;
using System.CommandLine.Help;
using Microsoft.Extensions.Logging;
using Optimize.Cli.Commands;
using Optimize.Cli.Hosting;
using Optimize.Cli.Output;

namespace Optimize.Cli;

/// <summary>The <c>optimize</c> command line.</summary>
internal static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null) =>
        RunAsync(args, new CliRunOptions { Stdout = stdout, Stderr = stderr });

    public static async Task<int> RunAsync(string[] args, CliRunOptions options)
    {
        var level = Environment.GetEnvironmentVariable("OPTIMIZE_LOG_LEVEL") is { Length: > 0 } text && Enum.TryParse<LogLevel>(text, true, out var l) ? l : LogLevel.Warning;
        using var loggers = LoggerFactory.Create(b => b
            .AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(level)
            .AddFilter("Azure", LogLevel.Error));
        var cli = new CliContext(new Consoles(options.Stdout, options.Stderr, env: options.Environment), loggers, options);
        var root = BuildRoot(cli);
        var config = new InvocationConfiguration
        {
            Output = options.Stdout ?? Console.Out,
            Error = options.Stderr ?? Console.Error,
            EnableDefaultExceptionHandler = false,
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            // Usage errors go to stderr as words, exit 2; help goes to stdout only when asked for.
            return UsageErrors.Report(parse, cli.Consoles);
        }

        try
        {
            return await parse.InvokeAsync(config, options.Cancellation);
        }
        catch (OperationCanceledException)
        {
            cli.Consoles.Error("cancelled.");
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (AzureAccess.Describe(ex, cli.Target) is { } line)
        {
            cli.Consoles.Error(line);
            Details(cli, ex, level);
            return ExitCodes.AccessDenied;
        }
        catch (Exception ex)
        {
            // Never a stack trace by default: the message, and how to see the rest.
            var message = ex.Message.Split('\n')[0].Trim();
            cli.Consoles.Error($"{message} (unexpected {ex.GetType().Name}; set OPTIMIZE_LOG_LEVEL=Debug to see where, and report it)");
            Details(cli, ex, level);
            return ExitCodes.Failed;
        }
    }

    public static RootCommand BuildRoot(CliContext cli)
    {
        var root = new RootCommand(
            "Optimize: a closed-loop optimizer for Azure compute. Senses metrics, recommends right-sizing with evidence, and applies " +
            "changes in guarded stages that roll back on their own. Start with 'optimize demo'.")
        {
            DemoCommand.Create(cli),
            EmulatorCommand.Create(cli),
            PlanCommand.Create(cli),
            BacktestCommand.Create(cli),
            HistoryCommand.Create(cli),
            ReportCommand.Create(cli),
            PolicyCommand.Create(cli),
            AlertCommand.Create(cli),
            JournalCommand.Create(cli),
            ChangesCommand.Create(cli),
        };
        return root;
    }

    private static void Details(CliContext cli, Exception ex, LogLevel level)
    {
        if (level <= LogLevel.Debug)
        {
            cli.Consoles.Err.Write(new Spectre.Console.Text(ex + Environment.NewLine));
        }
    }
}
